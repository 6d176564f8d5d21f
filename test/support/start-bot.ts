import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LogLevel } from '@slack/bolt';
import { type BotOptions, createBot } from '../../src/bot';
import { BUNDLED_CATALOG_DIR, loadCatalog } from '../../src/catalog/load';
import type { SlackConfig } from '../../src/config';
import { createJsonLogger } from '../../src/logger';
import type { FakeSlack } from './fake-slack';
import { SIGNING_SECRET } from './slack-requests';

export const BOT_TOKEN = 'xoxb-test-0000-secret-token';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ebpf-bot-data-'));
}

export function testConfig(fake: FakeSlack, overrides: Partial<SlackConfig> = {}): SlackConfig {
  return {
    mode: 'http',
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    port: 0,
    host: '127.0.0.1',
    slackApiUrl: fake.apiUrl,
    catalogDir: BUNDLED_CATALOG_DIR,
    logLevel: 'debug',
    dataDir: tempDataDir(),
    potdTimezone: 'UTC',
    potdChannels: [],
    github: {},
    tokenKeys: { previous: [] },
    potdLeaseSeconds: 30,
    minFreeDiskBytes: 0,
    ...overrides,
  } as SlackConfig;
}

/** The real bot (Bolt in HTTP mode on an ephemeral 127.0.0.1 port, store, scheduler) against the fake Web API. */
export async function startBot(
  fake: FakeSlack,
  overrides: Partial<SlackConfig> = {},
  options: Partial<Omit<BotOptions, 'logger'>> = {},
) {
  const logLines: string[] = [];
  const logger = createJsonLogger(LogLevel.DEBUG, [SIGNING_SECRET], (line) => logLines.push(line));
  const config = testConfig(fake, overrides);
  const bot = await createBot(config, loadCatalog(config.catalogDir), {
    logger,
    callPolicy: { attemptMs: 2_000, deadlineMs: 4_000, retries: 0, perTarget: 4 },
    potdBackoffMs: 50,
    ...options,
  });
  const { port, opsPort } = await bot.start();
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    /** Health and metrics, when they have a port of their own. */
    opsUrl: opsPort === undefined ? undefined : `http://127.0.0.1:${opsPort}`,
    get ctx() {
      return bot.context();
    },
    bot,
    potd: bot.potd,
    dataDir: config.dataDir,
    logLines,
    stop: () => bot.stop(),
  };
}
