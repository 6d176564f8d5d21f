import type { Server } from 'node:http';
import { App, type CustomRoute, type Logger, LogLevel } from '@slack/bolt';
import { type RetryOptions, retryPolicies, WebClient } from '@slack/web-api';
import type { SlackConfig } from './config';
import type { ListenerDeps } from './listeners/deps';
import { registerListeners } from './listeners/index';

export interface SlackAppOptions {
  readonly logger: Logger;
  /** Extra HTTP routes (health, metrics) served beside /slack/events. */
  readonly routes?: CustomRoute[];
  /** How Web API calls are retried; tests use a fast policy. */
  readonly retryConfig?: RetryOptions;
  /** The fetch of the Web API client and `respond()` (metrics count failures through it). */
  readonly fetch?: typeof fetch;
}

export interface SlackApp {
  /** Verifies the token (`auth.test`, once), then builds the Bolt app and starts it; resolves with the HTTP port in HTTP mode. */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

const LEVELS = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
} as const;

/** Start-up fails fast (about 4 s) when Slack cannot be reached, instead of retrying for half an hour. */
const STARTUP_RETRIES: RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 2000 };

/** The Slack app with its listeners; nothing is built, called or started until `start()`. */
export function createSlackApp(config: SlackConfig, deps: ListenerDeps, options: SlackAppOptions): SlackApp {
  const clientOptions = {
    ...(config.slackApiUrl && { slackApiUrl: config.slackApiUrl }),
    ...(options.fetch && { fetch: options.fetch }),
  };
  let app: App | undefined;

  return {
    async start() {
      // One auth.test, here; with the bot's ids given, Bolt makes none of its own, per request or at start.
      const auth = await new WebClient(config.botToken, {
        ...clientOptions,
        retryConfig: STARTUP_RETRIES,
        logger: options.logger,
      }).auth.test();
      app = new App({
        token: config.botToken,
        botId: auth.bot_id,
        botUserId: auth.user_id,
        ...(config.mode === 'socket'
          ? {
              appToken: config.appToken,
              socketMode: true,
              // Socket Mode serves the health and metrics routes on a port of their own.
              installerOptions: { port: config.metricsPort ?? config.port },
            }
          : { signingSecret: config.signingSecret }),
        logger: options.logger,
        logLevel: LEVELS[config.logLevel],
        customRoutes: options.routes ?? [],
        // No listener uses conversation state; Bolt's default store would run on every request.
        convoStore: false,
        clientOptions: {
          ...clientOptions,
          retryConfig: options.retryConfig ?? retryPolicies.tenRetriesInAboutThirtyMinutes,
        },
      });
      registerListeners(app, deps);
      if (config.mode === 'socket') {
        await app.start();
        return {};
      }
      const server = (await app.start({ port: config.port, host: config.host })) as Server;
      const address = server.address();
      return { port: typeof address === 'object' && address ? address.port : config.port };
    },
    stop: async () => {
      await app?.stop();
    },
  };
}
