import type { Logger } from '@slack/bolt';
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { AnswerContext } from './answer/answer';
import { createSlackApp, type SlackApp } from './app';
import type { Catalog } from './catalog/types';
import type { SlackConfig } from './config';
import { PotdService } from './potd/service';
import { createSearch } from './search/search';
import { SqliteStore } from './store/sqlite-store';

export interface BotOptions {
  readonly logger: Logger;
  readonly retryConfig?: RetryOptions;
  /** Backoff base of project-of-the-day retries (tests shorten it). */
  readonly potdBackoffMs?: number;
}

export interface Bot {
  readonly ctx: AnswerContext;
  readonly slack: SlackApp;
  readonly potd: PotdService;
  /** Starts the Slack app, then the project-of-the-day scheduler. */
  start(): Promise<{ port?: number }>;
  /** Stops taking work, lets posts under way finish, closes the store. */
  stop(): Promise<void>;
}

/** Wires a loaded catalog, the store, project of the day and the Slack app; starts nothing. */
export function createBot(config: SlackConfig, catalog: Catalog, options: BotOptions): Bot {
  const store = new SqliteStore(config.dataDir);
  const potd = new PotdService({
    store,
    client: new WebClient(config.botToken, {
      ...(config.slackApiUrl && { slackApiUrl: config.slackApiUrl }),
      // Rate limits come back as errors so the scheduler can wait exactly Retry-After and re-check history.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      logger: options.logger,
    }),
    catalog: () => catalog,
    logger: options.logger,
    defaultTimezone: config.potdTimezone,
    ...(config.potdSchedule && { schedule: config.potdSchedule }),
    channels: config.potdChannels,
    ...(options.potdBackoffMs !== undefined && { backoffMs: options.potdBackoffMs }),
  });
  const ctx: AnswerContext = {
    catalog,
    search: createSearch(catalog.entries),
    projectOfTheDay: () => potd.today(),
    random: Math.random,
  };
  const slack = createSlackApp(
    config,
    { context: () => ctx, potdCommand: (command, where) => potd.handleCommand(command, where) },
    { logger: options.logger, ...(options.retryConfig && { retryConfig: options.retryConfig }) },
  );
  return {
    ctx,
    slack,
    potd,
    async start() {
      const started = await slack.start();
      potd.start();
      return started;
    },
    async stop() {
      try {
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
  return {
    catalog,
    search: createSearch(catalog.entries),
    projectOfTheDay: () => potd.today(),
    random: Math.random,
    close: () => store.close(),
  };
}
