#!/usr/bin/env node
import { CATALOG_USAGE, catalogCommand } from './catalog-command';
import { EVAL_USAGE, evalCommand } from './eval-command';
import { FEEDBACK_USAGE, feedbackCommand } from './feedback-command';
import { type CliIo, type ExitCode, processIo, UsageError } from './io';
import { SEARCH_USAGE, searchCommand } from './search-command';
import type { SyncEnvironment } from './sync-command';
import { TRAIN_USAGE, trainCommand } from './train-command';

const USAGE = `Usage:
${CATALOG_USAGE}
${SEARCH_USAGE}
${EVAL_USAGE}
${TRAIN_USAGE}
${FEEDBACK_USAGE}`;

/** Runs one CLI invocation; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo,
  environment: SyncEnvironment = {
    env: process.env,
    tty: process.stderr.isTTY === true,
    now: () => new Date(),
  },
): Promise<ExitCode> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'catalog':
        return await catalogCommand(rest, io, environment);
      case 'eval':
        return await evalCommand(rest, io);
      case 'train':
        return trainCommand(rest, io);
      case 'search':
        return await searchCommand(rest, io);
      case 'feedback':
        return await feedbackCommand(rest, io, environment.env);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`ebpf-bot: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`ebpf-bot: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
