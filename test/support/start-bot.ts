import { LogLevel } from '@slack/bolt';
import type { AnswerContext } from '../../src/answer/answer';
import { createSlackApp } from '../../src/app';
import { BUNDLED_CATALOG_DIR, loadCatalog } from '../../src/catalog/load';
import type { SlackConfig } from '../../src/config';
import type { ListenerDeps } from '../../src/listeners/deps';
import { createJsonLogger } from '../../src/logger';
import { createSearch } from '../../src/search/search';
import type { FakeSlack } from './fake-slack';
import { SIGNING_SECRET } from './slack-requests';

export const BOT_TOKEN = 'xoxb-test-0000-secret-token';

export function testContext(): AnswerContext {
  const catalog = loadCatalog();
  return {
    catalog,
    search: createSearch(catalog.entries),
    projectOfTheDay: () => catalog.byId.get('bpftrace'),
    random: () => 0,
  };
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
    dataDir: '/nonexistent',
    potdTimezone: 'UTC',
    potdChannels: [],
    ...overrides,
  } as SlackConfig;
}

/** The real Bolt app in HTTP mode on an ephemeral 127.0.0.1 port, talking to the fake Web API. */
export async function startBot(fake: FakeSlack, deps: Partial<ListenerDeps> = {}) {
  const logLines: string[] = [];
  const logger = createJsonLogger(LogLevel.DEBUG, [SIGNING_SECRET], (line) => logLines.push(line));
  const ctx = testContext();
  const slack = createSlackApp(
    testConfig(fake),
    { context: () => ctx, ...deps },
    { logger, retryConfig: { retries: 0 } },
  );
  const { port } = await slack.start();
  return { url: `http://127.0.0.1:${port}/slack/events`, ctx, logLines, stop: () => slack.stop() };
}
