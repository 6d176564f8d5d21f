import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How the bot's interactive Slack calls (replies, the Home tab, unfurls, `respond()`) are made. A person
 * is waiting: an error within seconds is better than an answer after minutes.
 */
export interface CallPolicy {
  /** One attempt's limit. */
  readonly attemptMs: number;
  /** Every attempt, wait and queue of one call together. */
  readonly deadlineMs: number;
  /** Attempts after the first, for failures that may be retried. */
  readonly retries: number;
  /** Calls of one method to one channel (or to one response_url) at once; the next ones queue. */
  readonly perTarget: number;
}

export const INTERACTIVE_POLICY: CallPolicy = {
  attemptMs: 8_000,
  deadlineMs: 20_000,
  retries: 2,
  perTarget: 4,
};

/**
 * Calls that would post again if repeated. Slack gives them no idempotency key, so after a timeout or a
 * broken connection (the request may have arrived) they are not sent again; after a 429 or a refused
 * connection (it surely did not) they are.
 */
const POSTS = new Set(['chat.postMessage', 'chat.postEphemeral', 'response_url']);

/** The Web API method of a URL, or `response_url` for a reply to an interaction. */
export function methodOf(url: string): string {
  return /\/api\/([\w.]+)/.exec(url)?.[1] ?? 'response_url';
}

/** One method to one channel: what a stuck Slack holds up together, and nothing else. */
export function targetOf(url: string, body: unknown): string {
  const method = methodOf(url);
  if (method === 'response_url') return url;
  let channel: string | null | undefined;
  if (typeof body === 'string') {
    channel = body.startsWith('{')
      ? /"channel"\s*:\s*"([^"]{1,40})"/.exec(body)?.[1]
      : new URLSearchParams(body).get('channel');
  } else if (body instanceof URLSearchParams) channel = body.get('channel');
  return channel ? `${method} ${channel}` : method;
}

/** Seconds of a 429's Retry-After; undefined when absent or not a number. */
export function retryAfterSeconds(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Whether a failed attempt (a response, or the error thrown) may be sent again. */
export function mayRetry(method: string, outcome: Response | unknown): boolean {
  if (outcome instanceof Response)
    return outcome.status === 429 || (outcome.status >= 500 && !POSTS.has(method));
  const code = (outcome as { cause?: { code?: string } })?.cause?.code;
  if (code === 'ECONNREFUSED') return true;
  return !POSTS.has(method);
}

class TargetQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async acquire(signal: AbortSignal): Promise<void> {
    if (this.running < this.limit) {
      this.running += 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal.removeEventListener('abort', gaveUp);
        this.running += 1;
        resolve();
      };
      const gaveUp = () => {
        this.waiting.splice(this.waiting.indexOf(go), 1);
        reject(signal.reason);
      };
      this.waiting.push(go);
      signal.addEventListener('abort', gaveUp, { once: true });
    });
  }

  release(): void {
    this.running -= 1;
    this.waiting.shift()?.();
  }

  get idle(): boolean {
    return this.running === 0 && this.waiting.length === 0;
  }
}

/**
 * A fetch for Slack's clients and `respond()` that gives every call a per-attempt timeout and an overall
 * deadline, retries what may be retried (429s as Retry-After asks, within the deadline), and queues calls
 * per target, so a method or channel that stops answering holds up only its own calls. The Web API
 * client must not queue or retry itself (`maxRequestConcurrency` high, `retries: 0`,
 * `rejectRateLimitedCalls`), or one 429 would pause every call.
 */
export function policyFetch(inner: typeof fetch, policy: CallPolicy = INTERACTIVE_POLICY): typeof fetch {
  const queues = new Map<string, TargetQueue>();
  const queueOf = (target: string) => {
    let queue = queues.get(target);
    if (!queue) {
      queue = new TargetQueue(policy.perTarget);
      queues.set(target, queue);
    }
    return queue;
  };

  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = methodOf(url);
    const target = targetOf(url, init?.body);
    const endsAt = Date.now() + policy.deadlineMs;
    const deadline = AbortSignal.any([
      AbortSignal.timeout(policy.deadlineMs),
      ...(init?.signal ? [init.signal] : []),
    ]);
    for (let attempt = 0; ; attempt += 1) {
      const queue = queueOf(target);
      let outcome: Response | unknown;
      try {
        await queue.acquire(deadline);
        try {
          outcome = await inner(input, {
            ...init,
            signal: AbortSignal.any([deadline, AbortSignal.timeout(policy.attemptMs)]),
          });
        } finally {
          queue.release();
        }
      } catch (error) {
        outcome = error;
      } finally {
        if (queue.idle) queues.delete(target);
      }
      if (outcome instanceof Response && outcome.status !== 429 && outcome.status < 500) return outcome;
      const wait =
        outcome instanceof Response && outcome.status === 429
          ? (retryAfterSeconds(outcome) ?? 1) * 1000
          : 250 * 2 ** attempt;
      const giveUp =
        attempt >= policy.retries ||
        deadline.aborted ||
        Date.now() + wait >= endsAt ||
        !mayRetry(method, outcome);
      if (giveUp) {
        if (outcome instanceof Response) return outcome;
        throw outcome;
      }
      await sleep(wait, undefined, { signal: deadline }).catch(() => undefined);
    }
  };
}
