/**
 * The replies under way (a listener's work after Slack's ack: a search, a post waiting to retry), so a
 * shutdown can let them finish instead of dropping them.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => this.running.delete(work);
    work.then(done, done);
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves when everything under way has settled, or after `timeoutMs`; returns how many are left. */
  async drain(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    while (this.running.size > 0) {
      const settled = await Promise.race([
        Promise.allSettled([...this.running]).then(() => true),
        timeout.then(() => false),
      ]);
      if (!settled) break;
    }
    clearTimeout(timer);
    return this.running.size;
  }
}
