import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Installation } from '@slack/bolt';
import { SQLITE_FILE, SqliteStore } from '../../src/store/sqlite-store';
import { TokenCipher } from '../../src/store/token-cipher';
import { type BotProcess, botEnv, runBotSync, spawnBot, untilListening } from '../support/built-bot';
import { FakeSlack } from '../support/fake-slack';
import { event, send, sign, slashCommand } from '../support/slack-requests';
import { tempDataDir } from '../support/start-bot';

/**
 * The built bot, as operators run it, against what a stranger or a fault does: malformed but signed
 * bodies, a body that trickles in, SIGTERM while a reply waits to retry, and secrets at rest.
 */

jest.setTimeout(40_000);

let fake: FakeSlack;
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(() => fake.stop());

/** The bot's URL, from its "listening on" log line. */
async function started(bot: BotProcess): Promise<string> {
  await untilListening(bot);
  const port = /listening on [\d.]+:(\d+)/.exec(bot.stderr())?.[1];
  return `http://127.0.0.1:${port}`;
}

async function stopped(bot: BotProcess): Promise<number | string | null> {
  bot.child.kill('SIGTERM');
  const code = await bot.exited;
  return code === 0 ? 0 : `${code}: ${bot.stderr().slice(-2000)}`;
}

const KEY = Buffer.alloc(32, 3).toString('base64');
const OAUTH_ENV = {
  SLACK_BOT_TOKEN: undefined,
  SLACK_CLIENT_ID: '111.222',
  SLACK_CLIENT_SECRET: 'client-secret-for-tests',
  SLACK_STATE_SECRET: 'state-secret-for-tests',
};

describe('requests that used to end the process', () => {
  it('answers every malformed but signed body with an error, and keeps serving', async () => {
    const bot = spawnBot(botEnv(fake));
    const base = await started(bot);
    const url = `${base}/slack/events`;
    const json = 'application/json';
    const form = 'application/x-www-form-urlencoded';
    const shapes: [string, string][] = [
      ['null', json],
      ['[]', json],
      ['[null]', json],
      ['0', json],
      ['true', json],
      ['"text"', json],
      ['', json],
      ['{', json],
      ['{}', json],
      ['{"type":null}', json],
      ['{"type":"event_callback"}', json],
      ['{"type":"event_callback","event":null}', json],
      ['{"type":"event_callback","event":[]}', json],
      ['{"type":"event_callback","event":{"type":"app_mention"}}', json],
      ['{"type":"event_callback","event":{"type":"app_mention","text":5,"channel":null}}', json],
      ['{"type":"event_callback","event":{"type":"link_shared","links":null}}', json],
      ['{"type":"event_callback","event":{"type":"message","channel_type":"im","text":{}}}', json],
      ['{"type":"url_verification"}', json],
      ['{"type":"block_actions"}', json],
      ['{"type":"block_actions","actions":null}', json],
      ['{"type":"block_actions","actions":[null]}', json],
      ['{"type":"view_submission","view":null}', json],
      ['{"command":null}', json],
      ['{"command":"/ebpf","text":null}', json],
      ['{"__proto__":{"polluted":1}}', json],
      [`{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, json],
      ['payload=null', form],
      ['payload=%5B%5D', form],
      ['payload=%7B', form],
      ['payload=%7B%22type%22%3A%22block_actions%22%7D', form],
      ['payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A5%7D', form],
      ['payload=a&payload=b', form],
      ['command=%2Febpf', form],
      ['command=%2Febpf&text=cilium', form],
      ['command=%2Febpf&text=cilium&text=falco', form],
      ['ssl_check=1', form],
      ['%FF%FE', form],
      ['\u0000\u0001', 'text/plain'],
      ['{"type":"event_callback"}', 'application/json; charset=utf-8'],
      ['{"type":"event_callback"}', ''],
    ];
    try {
      for (const [body, type] of shapes) {
        const { status } = await send(url, body, type);
        // Answered, whatever Bolt made of it (a shape it cannot route is its error, 500): never a reset.
        expect([200, 400, 401, 404, 500]).toContain(status);
      }
      expect(bot.child.exitCode).toBeNull();
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const answer = await slashCommand(url, 'cilium', fake.responseUrl());
      expect(answer.text).toContain('Cilium');
      expect(bot.stderr()).not.toContain('unhandled promise rejection');
    } finally {
      expect(await stopped(bot)).toBe(0);
    }
  });

  it('ends a connection whose body trickles in within 20 seconds', async () => {
    const bot = spawnBot(botEnv(fake));
    const base = await started(bot);
    const port = Number(new URL(base).port);
    try {
      const ts = Math.floor(Date.now() / 1000);
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      const began = Date.now();
      const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - began)));
      socket.write(
        `POST /slack/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-slack-request-timestamp: ${ts}\r\nx-slack-signature: ${sign('{}', ts)}\r\ncontent-length: 1000\r\n\r\n`,
      );
      const drip = setInterval(() => socket.writable && socket.write('{'), 1000);
      const after = await closed;
      clearInterval(drip);
      expect(after).toBeLessThan(20_000);
      // Requests unsigned, or with an old timestamp, get nothing read: answered before the body.
      const unsigned = await fetch(`${base}/slack/events`, { method: 'POST', body: 'x'.repeat(10) });
      expect(unsigned.status).toBe(401);
      const stale = await send(`${base}/slack/events`, '{}', 'application/json', {
        timestamp: ts - 600,
      });
      expect(stale.status).toBe(401);
    } finally {
      expect(await stopped(bot)).toBe(0);
    }
  });
});

describe('shutdown', () => {
  it('lets a reply that waits to retry after a 429 go out before exiting', async () => {
    fake.fail('chat.postMessage', { status: 429, headers: { 'retry-after': '2' } });
    const bot = spawnBot(botEnv(fake));
    const url = `${await started(bot)}/slack/events`;
    await event(url, {
      type: 'app_mention',
      user: 'U1',
      text: '<@UBOT> cilium',
      ts: '1.1',
      channel: 'C1',
      event_ts: '1.1',
    });
    await fake.waitFor('chat.postMessage', 1);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts.map((call) => Boolean(call.refused))).toEqual([true, false]);
    expect(posts[1]?.body.channel).toBe('C1');
  });
});

const installation = (team: string, token: string): Installation =>
  ({
    team: { id: team, name: `Team ${team}` },
    enterprise: undefined,
    isEnterpriseInstall: false,
    bot: { token, scopes: ['chat:write'], id: 'B1', userId: 'UBOT' },
    user: { id: 'U1', token: undefined, scopes: undefined },
    appId: 'A1',
    authVersion: 'v2',
  }) as Installation;

describe('secrets at rest', () => {
  it('refuses OAuth without a token key, and warns at every start when plain storage is allowed', async () => {
    const refused = runBotSync(botEnv(fake, OAUTH_ENV));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('TOKEN_ENCRYPTION_KEY is required with OAuth');

    const bot = spawnBot(botEnv(fake, { ...OAUTH_ENV, ALLOW_PLAINTEXT_TOKENS: 'true' }));
    await started(bot);
    expect(bot.stderr()).toContain('ALLOW_PLAINTEXT_TOKENS: bot tokens are stored in the clear');
    expect(await stopped(bot)).toBe(0);
  });

  it('keeps the data folder and the database private to the bot', async () => {
    const dataDir = tempDataDir();
    fs.chmodSync(dataDir, 0o755);
    const bot = spawnBot(botEnv(fake, { ...OAUTH_ENV, TOKEN_ENCRYPTION_KEY: KEY, DATA_DIR: dataDir }));
    await started(bot);
    try {
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      for (const name of fs.readdirSync(dataDir))
        expect([name, fs.statSync(path.join(dataDir, name)).mode & 0o777]).toEqual([name, 0o600]);
      expect(fs.readdirSync(dataDir)).toContain(SQLITE_FILE);
    } finally {
      expect(await stopped(bot)).toBe(0);
    }
  });

  it('does not start without the key that sealed the installations, and says which key', async () => {
    const dataDir = tempDataDir();
    const store = new SqliteStore(dataDir, new TokenCipher(Buffer.alloc(32, 8)));
    await store.saveInstallation('T:T1', installation('T1', 'xoxb-sealed-1'));
    await store.close();

    const result = runBotSync(botEnv(fake, { ...OAUTH_ENV, TOKEN_ENCRYPTION_KEY: KEY, DATA_DIR: dataDir }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /could not start: installation T:T1 is sealed with key [0-9a-f]{8}, which is neither TOKEN_ENCRYPTION_KEY nor/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const withKey = spawnBot(
      botEnv(fake, {
        ...OAUTH_ENV,
        TOKEN_ENCRYPTION_KEY: KEY,
        TOKEN_ENCRYPTION_PREVIOUS_KEYS: Buffer.alloc(32, 8).toString('base64'),
        DATA_DIR: dataDir,
      }),
    );
    await started(withKey);
    expect(await stopped(withKey)).toBe(0);
  });
});
