import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUNDLED_CATALOG_DIR } from '../../src/catalog/load';
import { botEnv, runBotSync, spawnBot } from '../support/built-bot';
import { FakeSlack } from '../support/fake-slack';
import { event, slashCommand } from '../support/slack-requests';
import { BOT_TOKEN, startBot, tempDataDir } from '../support/start-bot';
import { until } from '../support/wait';

jest.setTimeout(20_000);

let fake: FakeSlack;
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(() => fake.stop());

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};
const base = (url: string) => url.replace('/slack/events', '');

describe('health and metrics', () => {
  it('serves liveness, readiness and Prometheus metrics beside /slack/events', async () => {
    const bot = await startBot(fake);
    try {
      expect(await get(`${base(bot.url)}/healthz`)).toMatchObject({ status: 200, text: '{"status":"ok"}' });
      const ready = await get(`${base(bot.url)}/readyz`);
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.text)).toEqual({
        catalog: true,
        store: true,
        slack: true,
        accepting: true,
        disk: true,
      });

      await slashCommand(bot.url, 'cilium', fake.responseUrl());
      await slashCommand(bot.url, 'asdfgh', fake.responseUrl());
      fake.fail('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
      await event(bot.url, {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> falco',
        ts: '1.1',
        channel: 'C1',
        event_ts: '1.1',
      });
      await fake.waitFor('chat.postMessage');

      await until(async () =>
        (await get(`${base(bot.url)}/metrics`)).text.includes('surface="mention",outcome="error"'),
      );
      const metrics = await get(`${base(bot.url)}/metrics`);
      expect(metrics.type).toContain('text/plain');
      expect(metrics.text).toMatch(/ebpf_bot_requests_total\{surface="command",outcome="ok"\} 2/);
      expect(metrics.text).toMatch(/ebpf_bot_search_confidence_total\{confidence="exact"\} 2/);
      expect(metrics.text).toMatch(/ebpf_bot_search_confidence_total\{confidence="none"\} 1/);
      expect(metrics.text).toMatch(
        /ebpf_bot_slack_api_errors_total\{method="chat.postMessage",code="channel_not_found"\} 1/,
      );
      expect(metrics.text).toMatch(
        /ebpf_bot_answer_duration_seconds_bucket\{le="0.01",surface="command"\} \d/,
      );
      expect(metrics.text).toContain('ebpf_bot_process_resident_memory_bytes');
      expect(metrics.text).toContain('ebpf_bot_potd_posts_total');
      expect(metrics.text).toContain('ebpf_bot_catalog_reloads_total');
    } finally {
      await bot.stop();
    }
  });
});

describe('a port of their own', () => {
  it('serves health and metrics on METRICS_PORT in HTTP mode, and none of them on the Slack port', async () => {
    const bot = await startBot(fake, { metricsPort: 0 });
    try {
      expect(bot.opsUrl).toBeDefined();
      for (const path of ['/healthz', '/readyz', '/metrics']) {
        expect((await fetch(`${bot.opsUrl}${path}`)).status).toBe(200);
        expect((await fetch(`${base(bot.url)}${path}`)).status).toBe(404);
      }
      // The Slack port still serves Slack.
      expect((await slashCommand(bot.url, 'cilium', fake.responseUrl())).text).toContain('Cilium');
      // The ops port reads no body and answers nothing else.
      expect((await fetch(`${bot.opsUrl}/metrics`, { method: 'POST', body: 'x' })).status).toBe(405);
      expect((await fetch(`${bot.opsUrl}/slack/events`)).status).toBe(404);
    } finally {
      await bot.stop();
    }
  });
});

describe('catalog hot reload', () => {
  it('swaps in a valid change and keeps the last good catalog on an invalid one', async () => {
    const dir = tempDataDir();
    fs.cpSync(BUNDLED_CATALOG_DIR, dir, { recursive: true });
    const file = path.join(dir, 'projects', 'pwru.yaml');
    const original = fs.readFileSync(file, 'utf8');
    const bot = await startBot(fake, { catalogDir: dir });
    const header = async (text: string) => {
      const response = await slashCommand(bot.url, text, fake.responseUrl());
      return (response.json().blocks as { type: string; text: { text: string } }[]).find(
        (b) => b.type === 'header',
      )?.text.text;
    };
    try {
      expect(await header('pwru')).toBe('pwru');
      fs.writeFileSync(file, original.replace(/^name: pwru$/m, 'name: pwru (packet, where are you?)'));
      await until(async () => (await header('pwru')) === 'pwru (packet, where are you?)');

      fs.writeFileSync(file, `${original}\nbroken: [unclosed\n`);
      await until(async () => bot.logLines.some((line) => line.includes('catalog change rejected')));
      const rejected = bot.logLines.find((line) => line.includes('catalog change rejected')) as string;
      expect(JSON.parse(rejected).msg).toMatch(/pwru\.yaml:\d+:\d+: \(yaml\): invalid YAML/);
      expect(await header('pwru')).toBe('pwru (packet, where are you?)');
      const metrics = await get(`${base(bot.url)}/metrics`);
      expect(metrics.text).toMatch(/ebpf_bot_catalog_reloads_total\{outcome="invalid"\} [1-9]/);
      expect(metrics.text).toMatch(/ebpf_bot_catalog_reloads_total\{outcome="ok"\} [1-9]/);
    } finally {
      await bot.stop();
    }
  });

  it('refuses to start on an invalid catalog, with the same errors and exit code 1', () => {
    const result = runBotSync(
      botEnv(undefined, { CATALOG_DIR: path.join(__dirname, '../fixtures/catalogs/yaml-syntax') }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/beta\.yaml:4:1: \(yaml\): invalid YAML/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 1 with one line when Slack refuses the token', async () => {
    fake.answer('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
    const bot = spawnBot(botEnv(fake));
    expect(await bot.exited).toBe(1);
    const stderr = bot.stderr();
    expect(stderr).toContain(
      'could not start: Slack refused SLACK_BOT_TOKEN (invalid_auth); check the token',
    );
    expect(stderr).not.toContain(BOT_TOKEN);
    expect(stderr).not.toMatch(/\\n\s+at /);
  });

  it('explains a configuration mistake in one message, without a stack trace', () => {
    const result = runBotSync(
      botEnv(undefined, { SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: undefined, PORT: 'abc' }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    expect(result.stderr).toContain('PORT must be a port number');
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET is required');
    expect(result.stderr).not.toContain('xoxp-user-token');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
