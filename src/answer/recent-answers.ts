/**
 * The most recently asked questions and their answers, least recently used out first. After an
 * announcement most people type the same few things; an answer already given is served again
 * without a search. Bounded in count, and only short questions are kept, so the memory it can take
 * is small and fixed.
 */
export class RecentAnswers<V> {
  /** A Map iterates in insertion order: re-inserting on use keeps the oldest first. */
  private readonly answers = new Map<string, V>();

  constructor(
    private readonly capacity: number,
    private readonly maxKeyLength = 200,
  ) {}

  get(key: string): V | undefined {
    const value = this.answers.get(key);
    if (value === undefined) return undefined;
    this.answers.delete(key);
    this.answers.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    if (key.length > this.maxKeyLength || this.capacity === 0) return;
    this.answers.delete(key);
    this.answers.set(key, value);
    if (this.answers.size > this.capacity) {
      const oldest = this.answers.keys().next();
      if (!oldest.done) this.answers.delete(oldest.value);
    }
  }

  get size(): number {
    return this.answers.size;
  }
}
