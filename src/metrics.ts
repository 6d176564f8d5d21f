import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { AnswerKind } from './answer/answer';
import type { FeedbackOutcome } from './store/store';

export type Surface =
  | 'command'
  | 'action'
  | 'mention'
  | 'dm'
  | 'assistant'
  | 'home'
  | 'unfurl'
  | 'install'
  | 'shortcut'
  | 'step';
export type Outcome = 'ok' | 'error' | 'ignored';

/** The bot's Prometheus metrics, in a registry of its own (tests create as many as they like). */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'ebpf_bot_requests_total',
    help: 'Slack requests handled, by surface and outcome',
    labelNames: ['surface', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'ebpf_bot_answer_duration_seconds',
    help: 'Time from a request reaching a listener to its answer being sent',
    labelNames: ['surface'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3],
    registers: [this.registry],
  });
  private readonly confidence = new Counter({
    name: 'ebpf_bot_search_confidence_total',
    help: 'Questions answered, by the confidence of their best result (none: no result)',
    labelNames: ['confidence'] as const,
    registers: [this.registry],
  });
  private readonly recentQuestions = new Counter({
    name: 'ebpf_bot_recent_questions_total',
    help: 'Questions answered from what a recent same question found (hit) or by a search (miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly potd = new Counter({
    name: 'ebpf_bot_potd_posts_total',
    help: 'Project-of-the-day posts: posted, recovered (found after a crash) or failed',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly apiErrors = new Counter({
    name: 'ebpf_bot_slack_api_errors_total',
    help: 'Slack Web API and response_url errors by method and error code',
    labelNames: ['method', 'code'] as const,
    registers: [this.registry],
  });
  private readonly reloads = new Counter({
    name: 'ebpf_bot_catalog_reloads_total',
    help: 'Catalog reloads: ok (swapped in) or invalid (kept the last good catalog)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly githubRefreshes = new Counter({
    name: 'ebpf_bot_github_refreshes_total',
    help: 'In-process refreshes of GitHub figures (GITHUB_REFRESH_HOURS): ok (written) or failed (the last figures stay)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly refused = new Counter({
    name: 'ebpf_bot_http_refused_total',
    help: 'Requests to /slack/events refused before Bolt saw them (no or stale signature headers, too large, too many unverified bodies at once, wrong signature, a body that is not an object), by HTTP status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  private readonly feedbackClicks = new Counter({
    name: 'ebpf_bot_feedback_total',
    help: 'Clicks on the feedback buttons under answers, by outcome and kind of answer (each click once)',
    labelNames: ['outcome', 'kind'] as const,
    registers: [this.registry],
  });

  private readonly unhandled = new Counter({
    name: 'ebpf_bot_unhandled_rejections_total',
    help: 'Promise rejections nothing handled: logged, and the process kept serving',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ebpf_bot_' });
  }

  /** Times one request of a surface; call the result with its outcome. */
  startRequest(surface: Surface): (outcome: Outcome) => void {
    const end = this.latency.startTimer({ surface });
    return (outcome) => {
      if (outcome !== 'ignored') end();
      this.requests.inc({ surface, outcome });
    };
  }

  /** One answered question: its best result's confidence, and whether it was asked recently. */
  answered(confidence: 'exact' | 'strong' | 'weak' | 'none', recent: boolean): void {
    this.confidence.inc({ confidence });
    this.recentQuestions.inc({ result: recent ? 'hit' : 'miss' });
  }

  potdPost(outcome: 'posted' | 'recovered' | 'failed'): void {
    this.potd.inc({ outcome });
  }

  slackApiError(method: string, code: string): void {
    this.apiErrors.inc({ method, code });
  }

  catalogReload(outcome: 'ok' | 'invalid'): void {
    this.reloads.inc({ outcome });
  }

  httpRefused(status: number): void {
    this.refused.inc({ status: String(status) });
  }

  feedback(outcome: FeedbackOutcome, kind: AnswerKind): void {
    this.feedbackClicks.inc({ outcome, kind });
  }

  unhandledRejection(): void {
    this.unhandled.inc();
  }

  githubRefresh(outcome: 'ok' | 'failed'): void {
    this.githubRefreshes.inc({ outcome });
  }

  /**
   * A fetch for the Slack clients that counts failed calls by method and code, whoever made them (Bolt's
   * client, `respond()`, the scheduler's client). It only reads a copy of the response.
   */
  countingFetch(inner: typeof fetch = globalThis.fetch): typeof fetch {
    return async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const method = /\/api\/([\w.]+)/.exec(url)?.[1] ?? 'response_url';
      let response: Response;
      try {
        response = await inner(input, init);
      } catch (error) {
        this.slackApiError(method, 'network_error');
        throw error;
      }
      if (response.status === 429) this.slackApiError(method, 'ratelimited');
      else if (response.status >= 400) this.slackApiError(method, `http_${response.status}`);
      else if (method !== 'response_url') {
        const body = (await response
          .clone()
          .json()
          .catch(() => undefined)) as { ok?: boolean; error?: string } | undefined;
        if (body && body.ok === false) this.slackApiError(method, body.error ?? 'unknown');
      }
      return response;
    };
  }
}
