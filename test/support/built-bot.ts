import { type ChildProcess, type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths';
import type { FakeSlack } from './fake-slack';
import { SIGNING_SECRET } from './slack-requests';
import { BOT_TOKEN, tempDataDir } from './start-bot';

/** The compiled entry point, as operators run it (`npm test` builds first). */
const ENTRY = path.join(PACKAGE_ROOT, 'dist/src/index.js');

/**
 * The environment of a built bot in HTTP mode against the fake Web API: only these variables, nothing
 * inherited from the shell that runs the tests. `settings` adds or overrides (undefined removes).
 */
export function botEnv(
  fake: FakeSlack | undefined,
  settings: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    ...(fake && { SLACK_API_URL: fake.apiUrl }),
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: tempDataDir(),
    ...settings,
  };
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Everything the bot wrote to stderr so far (its JSON log). */
  stderr(): string;
}

export function spawnBot(env: NodeJS.ProcessEnv): BotProcess {
  const child = spawn(process.execPath, [ENTRY], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      if (signal) log += `\n(ended by ${signal})`;
      resolve(code);
    }),
  );
  return { child, exited, stderr: () => log };
}

/** Resolves once the bot logs that it listens; rejects with its log if it exits first. */
export async function untilListening(bot: BotProcess): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (bot.stderr().includes('listening on')) resolve();
      else setTimeout(check, 20);
    };
    check();
    bot.exited.then((code) => reject(new Error(`bot exited with ${code}: ${bot.stderr()}`)));
  });
}

export function runBotSync(env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [ENTRY], { env, encoding: 'utf8', timeout: 10_000 });
}
