import type { Server } from 'node:http';
import {
  App,
  type AppOptions,
  type CustomRoute,
  type HTTPReceiverOptions,
  type InstallationStore,
  type Logger,
  LogLevel,
  type StateStore,
} from '@slack/bolt';
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { SingleWorkspaceConfig, SlackConfig } from './config';
import { GuardedReceiver } from './http/guarded-receiver';
import { limitServer, SERVER_OPTIONS } from './http/limits';
import { failedPage, INSTALL_PATH, installedPage, installPage, REDIRECT_PATH } from './install/pages';
import type { ListenerDeps } from './listeners/deps';
import { BOT_SCOPES, registerListeners } from './listeners/index';

export interface SlackAppOptions {
  readonly logger: Logger;
  /** Extra HTTP routes (health, metrics) served beside /slack/events (HTTP mode). */
  readonly routes?: CustomRoute[];
  /**
   * The fetch of the Web API client and `respond()`: it times out, retries and queues calls (see
   * `policyFetch`), and metrics count failures through it.
   */
  readonly fetch?: typeof fetch;
  /** OAuth mode: how the state parameter is made and checked (each state accepted once). */
  readonly stateStore?: StateStore;
  /** Told of each request the guard refused before Bolt saw it. */
  readonly onRefused?: (status: number, reason: string) => void;
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

const NO_RETRIES: RetryOptions = { retries: 0 };

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
    // No listener uses conversation state; Bolt's default store would run on every request.
    convoStore: false as const,
    clientOptions: {
      ...clientOptions,
      // The fetch times out, retries and queues per target; the client's own queue and retries would let
      // one stuck or rate-limited call hold up every other.
      retryConfig: NO_RETRIES,
      rejectRateLimitedCalls: true,
      maxRequestConcurrency: 10_000,
    },
  };

  /** Bolt's receiver behind the request guard, on a server with timeouts and a connection cap. */
  const receiver = (
    signingSecret: string,
    oauth?: Omit<HTTPReceiverOptions, 'signingSecret' | 'logger' | 'customRoutes'>,
  ) =>
    new GuardedReceiver(
      {
        signingSecret,
        logger: options.logger,
        logLevel: LEVELS[config.logLevel],
        customRoutes: options.routes ?? [],
        ...oauth,
      },
      { ...(options.onRefused && { onRefused: options.onRefused }) },
    );

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
        ? { appToken: single.appToken, socketMode: true }
        : { receiver: receiver(single.signingSecret as string) }),
    };
  }

  /** Any workspace: Bolt's OAuth flow, each request authorized by its installation. */
  function distributed(oauth: Extract<SlackConfig, { mode: 'oauth' }>): AppOptions {
    if (!options.installations) throw new Error('OAuth mode needs an installation store');
    return {
      ...common,
      receiver: receiver(oauth.signingSecret, {
        clientId: oauth.clientId,
        clientSecret: oauth.clientSecret,
        stateSecret: oauth.stateSecret,
        scopes: [...BOT_SCOPES],
        installationStore: options.installations,
        installerOptions: {
          ...(options.stateStore && { stateStore: options.stateStore }),
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
      }),
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
      const server = (await app.start({ port: config.port, host: config.host }, SERVER_OPTIONS)) as Server;
      limitServer(server);
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
