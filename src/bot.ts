import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute, Logger } from '@slack/bolt';
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { AnswerContext } from './answer/answer';
import { LruMap } from './answer/lru-map';
import { createSlackApp, type SlackApp } from './app';
import { LiveCatalog } from './catalog/live-catalog';
import type { Catalog } from './catalog/types';
import type { SlackConfig } from './config';
import { githubDataFile } from './github/facts';
import { GithubRefresh } from './github/refresh';
import { Metrics } from './metrics';
import { PotdService } from './potd/service';
import { createSearch } from './search/search';
import { SqliteStore } from './store/sqlite-store';

export interface BotOptions {
  readonly logger: Logger;
  readonly retryConfig?: RetryOptions;
  /** Backoff base of project-of-the-day retries (tests shorten it). */
  readonly potdBackoffMs?: number;
  /** Reload the catalog when its files change (on by default). */
  readonly watchCatalog?: boolean;
}

export interface Bot {
  /** The answer context of this moment; a catalog reload replaces it whole. */
  context(): AnswerContext;
  readonly slack: SlackApp;
  readonly potd: PotdService;
  readonly metrics: Metrics;
  readonly catalog: LiveCatalog;
  /** The in-process GitHub refresh, when GITHUB_REFRESH_HOURS is set. */
  readonly refresh: GithubRefresh | undefined;
  /** Starts the Slack app, then the project-of-the-day scheduler and the catalog watcher. */
  start(): Promise<{ port?: number }>;
  /** Stops taking work, lets work under way finish (bounded), closes the store. */
  stop(): Promise<void>;
}

/**
 * Questions whose search results are kept (a few hundred bytes each): a burst after an announcement
 * repeats a few hundred at most. The load benchmark's 10,000 distinct questions, asked in a cycle,
 * never find theirs here.
 */
const RECENT_QUESTIONS = 2000;

function answerContext(catalog: Catalog, potd: PotdService, metrics?: Metrics): AnswerContext {
  return {
    catalog,
    search: createSearch(catalog.entries),
    projectOfTheDay: () => potd.today(),
    random: Math.random,
    recent: new LruMap(RECENT_QUESTIONS),
    ...(metrics && { onAnswer: (confidence, recent) => metrics.answered(confidence, recent) }),
  };
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

/** Wires a loaded catalog, the store, project of the day, metrics and the Slack app; starts nothing. */
export function createBot(config: SlackConfig, initialCatalog: Catalog, options: BotOptions): Bot {
  const { logger } = options;
  const metrics = new Metrics();
  const fetch = metrics.countingFetch();
  const store = new SqliteStore(config.dataDir);
  let ctx: AnswerContext;
  let authenticated = false;
  let stopping = false;

  const potd = new PotdService({
    store,
    client: new WebClient(config.botToken, {
      ...(config.slackApiUrl && { slackApiUrl: config.slackApiUrl }),
      // Rate limits come back as errors so the scheduler can wait exactly Retry-After and re-check history.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      logger,
      fetch,
    }),
    catalog: () => ctx.catalog,
    logger,
    defaultTimezone: config.potdTimezone,
    ...(config.potdSchedule && { schedule: config.potdSchedule }),
    channels: config.potdChannels,
    ...(options.potdBackoffMs !== undefined && { backoffMs: options.potdBackoffMs }),
    onPost: (outcome) => metrics.potdPost(outcome),
  });
  ctx = answerContext(initialCatalog, potd, metrics);
  const githubData = githubDataFile(config.dataDir);
  const catalog = new LiveCatalog(config.catalogDir, {
    logger,
    githubFiles: [githubData],
    onLoad: (loaded) => {
      ctx = answerContext(loaded, potd, metrics);
      metrics.catalogReload('ok');
    },
    onInvalid: () => metrics.catalogReload('invalid'),
  });

  const { refreshHours, token, apiUrl } = config.github;
  const refresh =
    refreshHours === undefined
      ? undefined
      : new GithubRefresh({
          intervalMs: refreshHours * 60 * 60 * 1000,
          file: githubData,
          entries: () => ctx.catalog.entries,
          client: { ...(token && { token }), ...(apiUrl && { baseUrl: apiUrl }) },
          logger,
          onWritten: () => catalog.reload(),
          onRun: (outcome) => metrics.githubRefresh(outcome),
        });

  const routes: CustomRoute[] = [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res) => send(res, 200, '{"status":"ok"}'),
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        const checks = {
          catalog: ctx.catalog.entries.length > 0,
          store: store.isOpen(),
          slack: authenticated,
          accepting: !stopping,
        };
        send(res, Object.values(checks).every(Boolean) ? 200 : 503, JSON.stringify(checks));
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        metrics.registry.metrics().then(
          (text) => send(res, 200, text, metrics.registry.contentType),
          (error: unknown) => send(res, 500, JSON.stringify({ error: String(error) })),
        );
      },
    },
  ];

  const slack = createSlackApp(
    config,
    { context: () => ctx, potdCommand: (command, where) => potd.handleCommand(command, where), metrics },
    { logger, routes, fetch, ...(options.retryConfig && { retryConfig: options.retryConfig }) },
  );

  return {
    context: () => ctx,
    slack,
    potd,
    metrics,
    catalog,
    refresh,
    async start() {
      const started = await slack.start();
      authenticated = true;
      potd.start();
      if (options.watchCatalog !== false) catalog.watch();
      refresh?.start();
      return started;
    },
    async stop() {
      stopping = true;
      catalog.close();
      try {
        await refresh?.stop();
        await potd.stop();
        await slack.stop();
      } finally {
        store.close();
      }
    },
  };
}

/** What local mode answers with: the same search and rotation, the rotation kept in memory. */
export function createLocalContext(
  catalog: Catalog,
  timezone: string,
  logger: Logger,
): AnswerContext & { close(): void } {
  const store = new SqliteStore(':memory:');
  // No Slack here: the client is never called, subscriptions need a channel.
  const potd = new PotdService({
    store,
    client: new WebClient(),
    catalog: () => catalog,
    logger,
    defaultTimezone: timezone,
  });
  return { ...answerContext(catalog, potd), close: () => store.close() };
}
