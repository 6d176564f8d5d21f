import * as path from 'node:path';
import { BUNDLED_CATALOG_DIR } from './catalog/load';
import { isTimezone, isValidSchedule } from './potd/schedule';

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

export type Config =
  | (Common & { readonly mode: 'local' })
  | (Common & {
      readonly mode: 'http' | 'socket';
      readonly botToken: string;
      readonly appToken?: string;
      readonly signingSecret?: string;
      readonly port: number;
      readonly host: string;
      readonly slackApiUrl?: string;
      readonly metricsPort?: number;
    });

export type SlackConfig = Extract<Config, { mode: 'http' | 'socket' }>;

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
  if (!botToken && !appToken && !signingSecret) {
    if (problems.length > 0) throw new ConfigError(problems);
    return { ...common, mode: 'local' };
  }

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
  if (signingSecret && /\s/.test(signingSecret))
    problems.push('SLACK_SIGNING_SECRET must not contain spaces');

  const slackApiUrl = get('SLACK_API_URL');
  if (slackApiUrl && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(slackApiUrl)) {
    problems.push(
      `SLACK_API_URL must be an http(s) base URL such as http://127.0.0.1:4000/api/ (got "${slackApiUrl}")`,
    );
  }
  const httpPort = port('PORT', get('PORT'), 3000, problems) ?? 3000;
  const metricsPort = port('METRICS_PORT', get('METRICS_PORT'), undefined, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    ...common,
    mode: appToken ? 'socket' : 'http',
    botToken: botToken as string,
    ...(appToken && { appToken }),
    ...(signingSecret && { signingSecret }),
    port: httpPort,
    host: get('HOST') ?? '0.0.0.0',
    ...(slackApiUrl && { slackApiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/` }),
    ...(metricsPort !== undefined && { metricsPort }),
  };
}
