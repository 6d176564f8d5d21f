import type { Server, ServerResponse } from 'node:http';
import type { CustomRoute, Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { AnswerContext } from './answer/answer';
import { LruMap } from './answer/lru-map';
import { createSlackApp, type SlackApp } from './app';
import { LiveCatalog } from './catalog/live-catalog';
import type { Catalog } from './catalog/types';
import type { SlackConfig } from './config';
import { githubDataFile } from './github/facts';
import { GithubRefresh } from './github/refresh';
import { closeServer, type OpsRoute, startOpsServer } from './http/ops-server';
import { CachedInstallations } from './install/installations';
import { OnceStateStore } from './install/once-state-store';
import { InFlight } from './listeners/in-flight';
import { Metrics } from './metrics';
import { readinessCheck } from './ops/readiness';
import { PotdService } from './potd/service';
import { createSearch } from './search/search';
import { openStore } from './store/open-store';
import { SqliteStore } from './store/sqlite-store';
import { DEFAULT_INSTALLATION, type InstallationKey, installationKey } from './store/store';
import { type CallPolicy, policyFetch } from './web-api/call-policy';

export interface BotOptions {
  readonly logger: Logger;
  /** Timeouts, retries and queueing of interactive Slack calls (tests shorten them). */
  readonly callPolicy?: CallPolicy;
  /** How long a shutdown waits for replies under way. */
  readonly drainMs?: number;
  /** Backoff base of project-of-the-day retries (tests shorten it). */
  readonly potdBackoffMs?: number;
  /** Reload the catalog when its files change (on by default). */
  readonly watchCatalog?: boolean;
}

/** At most this many Slack clients are kept, one per installation's token. */
const MAX_CLIENTS = 1000;
/** Replies under way get this long at shutdown (inside the 8 s the process gives itself to stop). */
const DRAIN_MS = 5_000;

export interface Bot {
  /** The answer context of this moment; a catalog reload replaces it whole. */
  context(): AnswerContext;
  readonly slack: SlackApp;
  readonly potd: PotdService;
  readonly metrics: Metrics;
  readonly catalog: LiveCatalog;
  /** The in-process GitHub refresh, when GITHUB_REFRESH_HOURS is set. */
  readonly refresh: GithubRefresh | undefined;
  /**
   * Starts the Slack app (and the health and metrics port when it is a port of its own), then the
   * project-of-the-day scheduler and the catalog watcher.
   */
  start(): Promise<{ port?: number; opsPort?: number }>;
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
    search: createSearch(catalog.entries, catalog.notEbpf),
    projectOfTheDay: () => potd.today(),
    random: Math.random,
    recent: new LruMap(RECENT_QUESTIONS),
    ...(metrics && { onAnswer: (confidence, recent) => metrics.answered(confidence, recent) }),
  };
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * Wires a loaded catalog, the store (opened here), project of the day, metrics and the Slack app;
 * starts nothing.
 */
export async function createBot(
  config: SlackConfig,
  initialCatalog: Catalog,
  options: BotOptions,
): Promise<Bot> {
  const { logger } = options;
  const metrics = new Metrics();
  const fetch = metrics.countingFetch();
  const store = await openStore(config, (message) => logger.warn(message));
  if (config.mode === 'oauth' && config.plaintextTokens)
    logger.warn(
      'ALLOW_PLAINTEXT_TOKENS: bot tokens are stored in the clear; set TOKEN_ENCRYPTION_KEY for anything but a local trial',
    );
  const inFlight = new InFlight();
  const installations = config.mode === 'oauth' ? new CachedInstallations(store) : undefined;
  let ctx: AnswerContext;
  let authenticated = false;
  let stopping = false;

  const leaseMs = config.potdLeaseSeconds * 1000;
  const clients = new Map<string, WebClient>();
  /** A client for the installation's current token: read from the store for every post, never a cached copy. */
  const clientFor = async (key: InstallationKey): Promise<WebClient | undefined> => {
    const token =
      config.mode === 'oauth'
        ? (await store.getInstallation(key))?.bot?.token
        : key === DEFAULT_INSTALLATION
          ? config.botToken
          : undefined;
    if (!token) return undefined;
    let client = clients.get(token);
    if (!client) {
      if (clients.size >= MAX_CLIENTS) clients.clear();
      client = new WebClient(token, {
        ...(config.slackApiUrl && { slackApiUrl: config.slackApiUrl }),
        // Rate limits come back as errors so the scheduler can pause the workspace for exactly Retry-After.
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
        // A post must be answered well inside the claim's lease, or another replica may take over.
        timeout: Math.floor(leaseMs / 3),
        logger,
        fetch,
      });
      clients.set(token, client);
    }
    return client;
  };

  const potd = new PotdService({
    store,
    clientFor,
    leaseMs,
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
  const catalog = new LiveCatalog(
    config.catalogDir,
    {
      logger,
      githubFiles: [githubData],
      onLoad: (loaded) => {
        ctx = answerContext(loaded, potd, metrics);
        metrics.catalogReload('ok');
      },
      onInvalid: () => metrics.catalogReload('invalid'),
    },
    initialCatalog.entries,
  );

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

  const ready = readinessCheck({
    catalogLoaded: () => ctx.catalog.entries.length > 0,
    slackAuthenticated: () => authenticated,
    stopping: () => stopping,
    store,
    ...(!config.databaseUrl && { dataDir: config.dataDir }),
    minFreeBytes: config.minFreeDiskBytes,
  });
  const routes = new Map<string, OpsRoute>([
    ['/healthz', (_req, res) => send(res, 200, '{"status":"ok"}')],
    [
      '/readyz',
      (_req, res) => {
        ready().then((checks) =>
          send(res, Object.values(checks).every(Boolean) ? 200 : 503, JSON.stringify(checks)),
        );
      },
    ],
    [
      '/metrics',
      (_req, res) => {
        metrics.registry.metrics().then(
          (text) => send(res, 200, text, metrics.registry.contentType),
          (error: unknown) => send(res, 500, JSON.stringify({ error: String(error) })),
        );
      },
    ],
  ]);
  // Socket Mode has no HTTP server of its own; in HTTP mode METRICS_PORT moves these off the Slack port.
  const opsPort = config.mode === 'socket' ? (config.metricsPort ?? config.port) : config.metricsPort;
  let opsServer: Server | undefined;
  const slackRoutes: CustomRoute[] =
    opsPort === undefined ? [...routes].map(([path, handler]) => ({ path, method: ['GET'], handler })) : [];

  const slack = createSlackApp(
    config,
    {
      context: () => ctx,
      potdCommand: (command, where) => potd.handleCommand(command, where),
      metrics,
      inFlight,
      installationOf: (ids) => (config.mode === 'oauth' ? installationKey(ids) : DEFAULT_INSTALLATION),
      uninstalled: async (key, reason) => {
        if (installations) await installations.forget(key);
        else await store.deleteInstallation(key);
        logger.info(`${reason}: removed ${key}, its subscriptions, unfinished posts and feedback`);
      },
      ...(config.storeFeedback !== false && { saveFeedback: (record) => store.saveFeedback(record) }),
    },
    {
      logger,
      routes: slackRoutes,
      fetch: policyFetch(fetch, options.callPolicy),
      onRefused: (status, reason) => {
        metrics.httpRefused(status);
        logger.debug(`refused a request to /slack/events (${status}): ${reason}`);
      },
      ...(installations && { installations }),
      ...(config.mode === 'oauth' && { stateStore: new OnceStateStore(config.stateSecret, store) }),
    },
  );

  return {
    context: () => ctx,
    slack,
    potd,
    metrics,
    catalog,
    refresh,
    async start() {
      if (opsPort !== undefined) opsServer = await startOpsServer(routes, opsPort, config.host);
      const started = await slack.start();
      authenticated = true;
      await potd.start();
      if (options.watchCatalog !== false) catalog.watch();
      refresh?.start();
      const address = opsServer?.address();
      return { ...started, ...(address && typeof address === 'object' && { opsPort: address.port }) };
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      catalog.close();
      try {
        await refresh?.stop();
        await potd.stop();
        // No new requests; the replies already under way (searches, posts waiting to retry) finish.
        await slack.stop();
        const left = await inFlight.drain(options.drainMs ?? DRAIN_MS);
        if (left > 0) logger.warn(`stopped with ${left} replies still under way`);
        if (opsServer) await closeServer(opsServer);
      } finally {
        await store.close();
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
  // No Slack here: there is no client, and subscriptions need a channel.
  const potd = new PotdService({
    store,
    clientFor: async () => undefined,
    leaseMs: 30_000,
    catalog: () => catalog,
    logger,
    defaultTimezone: timezone,
  });
  return { ...answerContext(catalog, potd), close: () => void store.close() };
}
