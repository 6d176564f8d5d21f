import { type Logger, LogLevel } from '@slack/bolt';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
/**
 * Slack tokens look like this wherever they turn up (an error message, a request dump); `xwfp-` is the
 * token a workflow step's execution comes with.
 */
const TOKEN = /\bx(?:ox[abposr]|app|wfp)-[A-Za-z0-9-]+/g;
/**
 * OAuth codes and states: in a redirect's query (`code=…&state=…`) or a request body dump
 * (`"code":"…"`). An error code (`"code":"invalid_auth"`) is a word and stays readable.
 */
const OAUTH_QUERY = /([?&](?:code|state)=)[^&\s"']+/g;
const OAUTH_FIELD = /("(?:code|state)"\s*:\s*")(?![A-Za-z_]+")[^"]*/g;

function describe(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Bolt's Logger as one JSON object per line. Secrets never reach the output: tokens and OAuth codes by
 * their shape, and the configured secrets (signing secret...) by value.
 */
export function createJsonLogger(
  level: LogLevel,
  secrets: readonly string[] = [],
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  let current = level;
  let name = 'ebpf-bot';
  // Too short a value would garble ordinary words; real secrets are long.
  const redacted = secrets.filter((secret) => secret.length >= 8);
  const redact = (text: string) =>
    redacted.reduce(
      (out, secret) => out.split(secret).join('[redacted]'),
      text
        .replace(TOKEN, '[redacted]')
        .replace(OAUTH_QUERY, '$1[redacted]')
        .replace(OAUTH_FIELD, '$1[redacted]'),
    );
  const log =
    (at: LogLevel) =>
    (...messages: unknown[]) => {
      if (ORDER[at] < ORDER[current]) return;
      write(
        `${JSON.stringify({ time: new Date().toISOString(), level: at, name, msg: redact(messages.map(describe).join(' ')) })}\n`,
      );
    };
  return {
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next) => {
      name = next;
    },
  };
}
