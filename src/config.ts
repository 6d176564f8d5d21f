import * as path from 'node:path';
import { BUNDLED_CATALOG_DIR } from './catalog/load';
import { isTimezone, isValidSchedule } from './potd/schedule';
import { parseKey } from './store/token-cipher';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

interface Common {
  readonly catalogDir: string;
  readonly logLevel: LogLevel;
  readonly dataDir: string;
  /** Default timezone of project-of-the-day subscriptions. */
  readonly potdTimezone: string;
  /** Channels subscribed at start-up. */
  readonly potdChannels: readonly string[];
  /** A cron expression replacing every subscription's time rule. */
  readonly potdSchedule?: string;
  readonly github: GithubSettings;
}

/** The GitHub API, for the optional in-process refresh of stars and releases. */
export interface GithubSettings {
  /** Hours between refreshes into DATA_DIR/github.json; undefined: no refresh (the default). */
  readonly refreshHours?: number;
  readonly token?: string;
  readonly apiUrl?: string;
}

/** What every mode that talks to Slack shares. */
interface Connected extends Common {
  readonly port: number;
  readonly host: string;
  readonly slackApiUrl?: string;
  readonly metricsPort?: number;
  /** PostgreSQL for several replicas; without it, SQLite under DATA_DIR. */
  readonly databaseUrl?: string;
  /** TOKEN_ENCRYPTION_KEY and TOKEN_ENCRYPTION_PREVIOUS_KEYS: installations sealed at rest. */
  readonly tokenKeys: { readonly current?: Buffer; readonly previous: readonly Buffer[] };
  /** How long a replica's claim on a project-of-the-day post lasts. */
  readonly potdLeaseSeconds: number;
  /** Readiness fails when DATA_DIR (SQLite) has less free space than this. */
  readonly minFreeDiskBytes: number;
  /** FEEDBACK_STORE=off: clicks on the feedback buttons are thanked and counted, and not stored. */
  readonly storeFeedback?: false;
}

export type Config =
  | (Common & { readonly mode: 'local' })
  /** One workspace: its bot token, over Socket Mode or HTTP. */
  | (Connected & {
      readonly mode: 'http' | 'socket';
      readonly botToken: string;
      readonly appToken?: string;
      readonly signingSecret?: string;
    })
  /** Any workspace, installed through "Add to Slack" (OAuth), over HTTP. */
  | (Connected & {
      readonly mode: 'oauth';
      readonly signingSecret: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly stateSecret: string;
      /** ALLOW_PLAINTEXT_TOKENS: installations stored without TOKEN_ENCRYPTION_KEY (local trials only). */
      readonly plaintextTokens: boolean;
    });

export type SlackConfig = Exclude<Config, { mode: 'local' }>;
export type SingleWorkspaceConfig = Extract<Config, { mode: 'http' | 'socket' }>;

/** Every configuration mistake at once, each naming the variable and what it should look like. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `configuration problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

function port(
  name: string,
  value: string | undefined,
  fallback: number | undefined,
  problems: string[],
): number | undefined {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    problems.push(`${name} must be a port number from 0 to 65535, e.g. 3000 (got "${value}")`);
  }
  return parsed;
}

/** Reads and checks the environment once, at start-up. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const logLevel = (get('LOG_LEVEL') ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${get('LOG_LEVEL')}")`);
  const potdTimezone = get('POTD_TZ') ?? 'UTC';
  if (!isTimezone(potdTimezone))
    problems.push(`POTD_TZ must be an IANA timezone such as Europe/Berlin or UTC (got "${potdTimezone}")`);
  const potdChannels = (get('POTD_CHANNELS') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  for (const id of potdChannels) {
    if (!/^[CG][A-Z0-9]{2,}$/.test(id))
      problems.push(`POTD_CHANNELS must list channel ids such as C0123ABCD, comma separated (got "${id}")`);
  }
  const potdSchedule = get('POTD_SCHEDULE');
  if (potdSchedule && !isValidSchedule(potdSchedule)) {
    problems.push(
      `POTD_SCHEDULE must be a cron expression such as "0 9 * * 1-5" (optional seconds first) (got "${potdSchedule}")`,
    );
  }
  const refreshHours = get('GITHUB_REFRESH_HOURS');
  const hours = refreshHours === undefined ? undefined : Number(refreshHours);
  if (hours !== undefined && !(Number.isFinite(hours) && hours > 0))
    problems.push(`GITHUB_REFRESH_HOURS must be a number of hours above 0, e.g. 24 (got "${refreshHours}")`);
  const githubApiUrl = get('GITHUB_API_URL');
  if (githubApiUrl && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(githubApiUrl))
    problems.push(
      `GITHUB_API_URL must be an http(s) base URL such as https://github.example.com/api/v3 (got "${githubApiUrl}")`,
    );
  const githubToken = get('GITHUB_TOKEN');
  const common: Common = {
    catalogDir: path.resolve(get('CATALOG_DIR') ?? BUNDLED_CATALOG_DIR),
    logLevel,
    dataDir: path.resolve(get('DATA_DIR') ?? 'data'),
    potdTimezone,
    potdChannels,
    ...(potdSchedule && { potdSchedule }),
    github: {
      ...(hours !== undefined && { refreshHours: hours }),
      ...(githubToken && { token: githubToken }),
      ...(githubApiUrl && { apiUrl: githubApiUrl }),
    },
  };

  const botToken = get('SLACK_BOT_TOKEN');
  const appToken = get('SLACK_APP_TOKEN');
  const signingSecret = get('SLACK_SIGNING_SECRET');
  const clientId = get('SLACK_CLIENT_ID');
  const clientSecret = get('SLACK_CLIENT_SECRET');
  const stateSecret = get('SLACK_STATE_SECRET');
  const distributed = Boolean(clientId || clientSecret || stateSecret);
  const plaintextTokens = get('ALLOW_PLAINTEXT_TOKENS') === 'true';
  if (!botToken && !appToken && !signingSecret && !distributed) {
    if (problems.length > 0) throw new ConfigError(problems);
    return { ...common, mode: 'local' };
  }

  if (distributed) {
    for (const [name, value, what] of [
      ['SLACK_CLIENT_ID', clientId, 'Basic Information → App Credentials → Client ID'],
      ['SLACK_CLIENT_SECRET', clientSecret, 'Basic Information → App Credentials → Client Secret'],
      ['SLACK_STATE_SECRET', stateSecret, 'any long random string, the same on every replica'],
    ] as const)
      if (!value)
        problems.push(`${name} is required to install through OAuth (with SLACK_CLIENT_ID): ${what}`);
    if (!signingSecret)
      problems.push(
        'SLACK_SIGNING_SECRET is required to install through OAuth: Basic Information → Signing Secret',
      );
    if (appToken)
      problems.push(
        'SLACK_APP_TOKEN (Socket Mode) cannot serve installs through OAuth: Slack lists no Socket Mode app in its directory; unset it and run in HTTP mode',
      );
    if (botToken)
      problems.push(
        "SLACK_BOT_TOKEN is for one workspace; with SLACK_CLIENT_ID each workspace's token comes from its installation: unset it",
      );
    if (potdChannels.length > 0)
      problems.push(
        'POTD_CHANNELS subscribes channels of the one workspace of SLACK_BOT_TOKEN; with OAuth, a channel subscribes with /ebpf potd subscribe',
      );
    if (!get('TOKEN_ENCRYPTION_KEY') && !plaintextTokens)
      problems.push(
        "TOKEN_ENCRYPTION_KEY is required with OAuth: every workspace's bot token is stored, sealed with it (openssl rand -base64 32); for a local trial only, ALLOW_PLAINTEXT_TOKENS=true stores them in the clear",
      );
  } else {
    if (!botToken)
      problems.push('SLACK_BOT_TOKEN is required to connect to Slack: the bot token, starting with xoxb-');
    else if (!botToken.startsWith('xoxb-'))
      problems.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    if (appToken && !appToken.startsWith('xapp-'))
      problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp- (Socket Mode)');
    if (!appToken && !signingSecret) {
      problems.push(
        'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode): Basic Information → Signing Secret',
      );
    }
  }
  if (signingSecret && /\s/.test(signingSecret))
    problems.push('SLACK_SIGNING_SECRET must not contain spaces');

  const slackApiUrl = get('SLACK_API_URL');
  if (slackApiUrl && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(slackApiUrl)) {
    problems.push(
      `SLACK_API_URL must be an http(s) base URL such as http://127.0.0.1:4000/api/ (got "${slackApiUrl}")`,
    );
  }
  const databaseUrl = get('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\/\S+$/.test(databaseUrl))
    problems.push(
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/ebpf_bot',
    );
  const keyText = get('TOKEN_ENCRYPTION_KEY');
  const current = keyText === undefined ? undefined : parseKey(keyText);
  if (keyText !== undefined && !current)
    problems.push(
      'TOKEN_ENCRYPTION_KEY must be 32 random bytes as 64 hex digits or base64 (openssl rand -base64 32)',
    );
  const previous = (get('TOKEN_ENCRYPTION_PREVIOUS_KEYS') ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean)
    .map((key) => parseKey(key));
  if (previous.some((key) => !key))
    problems.push(
      'TOKEN_ENCRYPTION_PREVIOUS_KEYS must list earlier keys in the form of TOKEN_ENCRYPTION_KEY, comma separated',
    );
  const lease = Number(get('POTD_LEASE_SECONDS') ?? 30);
  if (!(Number.isFinite(lease) && lease >= 3))
    problems.push(
      `POTD_LEASE_SECONDS must be a number of seconds of at least 3, e.g. 30 (got "${get('POTD_LEASE_SECONDS')}")`,
    );
  const minFreeDiskMb = Number(get('MIN_FREE_DISK_MB') ?? 64);
  if (!(Number.isFinite(minFreeDiskMb) && minFreeDiskMb >= 0))
    problems.push(
      `MIN_FREE_DISK_MB must be a number of megabytes, e.g. 64 (got "${get('MIN_FREE_DISK_MB')}")`,
    );
  const feedbackStore = (get('FEEDBACK_STORE') ?? 'on').toLowerCase();
  if (feedbackStore !== 'on' && feedbackStore !== 'off')
    problems.push(`FEEDBACK_STORE must be on or off (got "${get('FEEDBACK_STORE')}")`);
  const httpPort = port('PORT', get('PORT'), 3000, problems) ?? 3000;
  const metricsPort = port('METRICS_PORT', get('METRICS_PORT'), undefined, problems);
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === httpPort && !appToken)
    problems.push(
      'METRICS_PORT must differ from PORT in HTTP mode (leave it unset to serve health and metrics on PORT)',
    );
  if (problems.length > 0) throw new ConfigError(problems);

  const connected: Connected = {
    ...common,
    port: httpPort,
    host: get('HOST') ?? '0.0.0.0',
    ...(slackApiUrl && { slackApiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/` }),
    ...(metricsPort !== undefined && { metricsPort }),
    ...(databaseUrl && { databaseUrl }),
    tokenKeys: { ...(current && { current }), previous: previous as Buffer[] },
    potdLeaseSeconds: lease,
    minFreeDiskBytes: minFreeDiskMb * 1024 * 1024,
    ...(feedbackStore === 'off' && { storeFeedback: false }),
  };
  if (distributed)
    return {
      ...connected,
      mode: 'oauth',
      signingSecret: signingSecret as string,
      clientId: clientId as string,
      clientSecret: clientSecret as string,
      stateSecret: stateSecret as string,
      plaintextTokens,
    };
  return {
    ...connected,
    mode: appToken ? 'socket' : 'http',
    botToken: botToken as string,
    ...(appToken && { appToken }),
    ...(signingSecret && { signingSecret }),
  };
}

/** Every secret of a configuration, to redact from logs. */
export function secretsOf(config: Config): string[] {
  if (config.mode === 'local') return [];
  const secrets = [config.signingSecret ?? '', config.github.token ?? '', config.databaseUrl ?? ''];
  if (config.mode === 'oauth') secrets.push(config.clientSecret, config.stateSecret);
  else secrets.push(config.botToken, config.appToken ?? '');
  return secrets.filter(Boolean);
}
