import type { Server } from 'node:http';
import {
  App,
  type AppOptions,
  type CustomRoute,
  type InstallationStore,
  type Logger,
  LogLevel,
} from '@slack/bolt';
import { type RetryOptions, retryPolicies, WebClient } from '@slack/web-api';
import type { SingleWorkspaceConfig, SlackConfig } from './config';
import { failedPage, INSTALL_PATH, installedPage, installPage, REDIRECT_PATH } from './install/pages';
import type { ListenerDeps } from './listeners/deps';
import { BOT_SCOPES, registerListeners } from './listeners/index';

export interface SlackAppOptions {
  readonly logger: Logger;
  /** Extra HTTP routes (health, metrics) served beside /slack/events. */
  readonly routes?: CustomRoute[];
  /** How Web API calls are retried; tests use a fast policy. */
  readonly retryConfig?: RetryOptions;
  /** The fetch of the Web API client and `respond()` (metrics count failures through it). */
  readonly fetch?: typeof fetch;
  /** OAuth mode: where installations are kept. */
  readonly installations?: InstallationStore;
}

export interface SlackApp {
  /**
   * Builds the Bolt app and starts it (one workspace: after verifying its token with one `auth.test`);
   * resolves with the HTTP port in HTTP mode.
   */
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

  const common = {
    logger: options.logger,
    logLevel: LEVELS[config.logLevel],
    customRoutes: options.routes ?? [],
    // No listener uses conversation state; Bolt's default store would run on every request.
    convoStore: false as const,
    clientOptions: {
      ...clientOptions,
      retryConfig: options.retryConfig ?? retryPolicies.tenRetriesInAboutThirtyMinutes,
    },
  };

  /** One workspace: one auth.test, here; with the bot's ids given, Bolt makes none of its own. */
  async function singleWorkspace(single: SingleWorkspaceConfig): Promise<AppOptions> {
    const auth = await new WebClient(single.botToken, {
      ...clientOptions,
      retryConfig: STARTUP_RETRIES,
      logger: options.logger,
    }).auth.test();
    return {
      ...common,
      token: single.botToken,
      ...(auth.bot_id && { botId: auth.bot_id }),
      ...(auth.user_id && { botUserId: auth.user_id }),
      ...(single.mode === 'socket'
        ? {
            appToken: single.appToken,
            socketMode: true,
            // Socket Mode serves the health and metrics routes on a port of their own.
            installerOptions: { port: single.metricsPort ?? single.port },
          }
        : { signingSecret: single.signingSecret }),
    };
  }

  /** Any workspace: Bolt's OAuth flow, each request authorized by its installation. */
  function distributed(oauth: Extract<SlackConfig, { mode: 'oauth' }>): AppOptions {
    if (!options.installations) throw new Error('OAuth mode needs an installation store');
    return {
      ...common,
      signingSecret: oauth.signingSecret,
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      stateSecret: oauth.stateSecret,
      scopes: [...BOT_SCOPES],
      installationStore: options.installations,
      installerOptions: {
        installPath: INSTALL_PATH,
        redirectUriPath: REDIRECT_PATH,
        directInstall: false,
        renderHtmlForInstallPath: installPage,
        // oauth.v2.access goes through SLACK_API_URL like every other call.
        clientOptions,
        callbackOptions: {
          success: (installation, _options, _req, res) => {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            res.end(
              installedPage(installation.team?.name ?? installation.enterprise?.name ?? 'your workspace'),
            );
          },
          failure: (error, _options, _req, res) => {
            options.logger.warn(`install failed: ${error.message}`);
            res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
            res.end(failedPage());
          },
        },
      },
    };
  }

  return {
    async start() {
      app = new App(config.mode === 'oauth' ? distributed(config) : await singleWorkspace(config));
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
      const running = app;
      app = undefined;
      await running?.stop();
    },
  };
}
