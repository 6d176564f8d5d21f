/**
 * A map that keeps at most `capacity` keys, dropping the least recently used; keys longer than
 * `maxKeyLength` are not kept at all, so the memory it can take is bounded.
 */
export class LruMap<V> {
  /** A Map iterates in insertion order: re-inserting on use keeps the oldest first. */
  private readonly values = new Map<string, V>();

  constructor(
    private readonly capacity: number,
    private readonly maxKeyLength = 200,
  ) {}

  get(key: string): V | undefined {
    const value = this.values.get(key);
    if (value === undefined) return undefined;
    this.values.delete(key);
    this.values.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    if (key.length > this.maxKeyLength || this.capacity === 0) return;
    this.values.delete(key);
    this.values.set(key, value);
    if (this.values.size > this.capacity) {
      const oldest = this.values.keys().next();
      if (!oldest.done) this.values.delete(oldest.value);
    }
  }

  get size(): number {
    return this.values.size;
  }
}
