import type { Server } from 'node:http';
import { App, type CustomRoute, type Logger, LogLevel } from '@slack/bolt';
import { type RetryOptions, retryPolicies } from '@slack/web-api';
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
  readonly app: App;
  /** Verifies the token (`auth.test`, once) and starts listening; resolves with the HTTP port in HTTP mode. */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

const LEVELS = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
} as const;

/** Builds the Bolt app with its listeners; nothing is started or called until `start()`. */
export function createSlackApp(config: SlackConfig, deps: ListenerDeps, options: SlackAppOptions): SlackApp {
  const app = new App({
    token: config.botToken,
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
    deferInitialization: true,
    // No listener uses conversation state; Bolt's default store would run on every request.
    convoStore: false,
    clientOptions: {
      ...(config.slackApiUrl && { slackApiUrl: config.slackApiUrl }),
      retryConfig: options.retryConfig ?? retryPolicies.tenRetriesInAboutThirtyMinutes,
      ...(options.fetch && { fetch: options.fetch }),
    },
  });
  registerListeners(app, deps);

  return {
    app,
    async start() {
      await app.init();
      if (config.mode === 'socket') {
        await app.start();
        return {};
      }
      const server = (await app.start({ port: config.port, host: config.host })) as Server;
      const address = server.address();
      return { port: typeof address === 'object' && address ? address.port : config.port };
    },
    stop: () => app.stop().then(() => undefined),
  };
}
