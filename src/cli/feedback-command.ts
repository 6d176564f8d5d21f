import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { openStore } from '../store/open-store';
import { SQLITE_FILE } from '../store/sqlite-store';
import type { Feedback } from '../store/store';
import { type CliIo, type ExitCode, UsageError } from './io';

export const FEEDBACK_USAGE = `ebpf-bot feedback export [--since YYYY-MM-DD]
                                   stored feedback as JSON lines, oldest first (--since: from that
                                   UTC day on), read from the bot's store: run it with the bot's
                                   settings (with SQLite, while the bot is stopped)`;

/** A day as YYYY-MM-DD, from its UTC midnight; a day that does not exist (02-30) is a usage error. */
function parseDay(text: string): Date {
  const day = new Date(`${text}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(text) ||
    Number.isNaN(day.getTime()) ||
    day.toISOString().slice(0, 10) !== text
  )
    throw new UsageError(`--since takes a date such as 2026-01-31 (got "${text}")`);
  return day;
}

/** One exported line: the same fields in the same order, whichever store it came from. */
const line = (feedback: Feedback) =>
  JSON.stringify({
    at: feedback.at.toISOString(),
    installation: feedback.installation,
    outcome: feedback.outcome,
    kind: feedback.kind,
    language: feedback.language,
    ids: feedback.ids,
    terms: feedback.terms,
  });

/** `feedback export`: what people said of the answers, for maintainers to review. */
export async function feedbackCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<ExitCode> {
  const [action, ...rest] = argv;
  if (action !== 'export')
    throw new UsageError(
      action ? `unknown feedback command "${action}"` : 'feedback takes a command: export',
    );
  const { values } = parseArgs({ args: [...rest], options: { since: { type: 'string' } } });
  const since = values.since === undefined ? undefined : parseDay(values.since);

  const config = readConfig(env);
  if (config.mode === 'local')
    throw new Error(
      "feedback export reads the bot's store: run it with the bot's settings (its Slack credentials, and DATABASE_URL or DATA_DIR)",
    );
  const file = path.join(config.dataDir, SQLITE_FILE);
  // Opening SQLite creates it: a mistyped DATA_DIR would export nothing and leave an empty store behind.
  if (!config.databaseUrl && !fs.existsSync(file))
    throw new Error(`there is no store at ${file}: set DATA_DIR (or DATABASE_URL) as the bot has it`);
  const store = await openStore(config, (message) => io.stderr(`${message}\n`));
  try {
    for (const feedback of await store.listFeedback(since && { since })) io.stdout(`${line(feedback)}\n`);
  } finally {
    await store.close();
  }
  return 0;
}
