import { setTimeout as sleep } from 'node:timers/promises';
import { loadCatalog } from '../../src/catalog/load';
import { mixedOrder } from '../../src/potd/rotation';
import { localDate } from '../../src/potd/schedule';
import { POTD_EVENT_TYPE } from '../../src/potd/service';
import { SqliteStore } from '../../src/store/sqlite-store';
import { FakeSlack, type RecordedCall } from '../support/fake-slack';
import { slashCommand } from '../support/slack-requests';
import { startBot, tempDataDir } from '../support/start-bot';

jest.setTimeout(30_000);

const EVERY_2S = '*/2 * * * * *';

interface Post {
  channel: string;
  slot: string;
  project: string;
}

function posts(calls: readonly RecordedCall[]): Post[] {
  return calls.map((call) => {
    const metadata = call.body.metadata as {
      event_type: string;
      event_payload: { slot: string; project: string };
    };
    expect(metadata.event_type).toBe(POTD_EVENT_TYPE);
    return {
      channel: String(call.body.channel),
      slot: metadata.event_payload.slot,
      project: metadata.event_payload.project,
    };
  });
}

let fake: FakeSlack;
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(async () => {
  await fake.stop();
});

async function subscribe(url: string, channelId: string, args = '') {
  await slashCommand(url, `potd subscribe ${args}`.trim(), fake.responseUrl(channelId), { channelId });
  const replies = await fake.waitFor('response', fake.callsTo('response').length + 1);
  return JSON.stringify(replies.at(-1)?.body);
}

describe('project of the day, end to end', () => {
  it('posts exactly once per occurrence per channel, survives a restart without duplicate or skip', async () => {
    const first = await startBot(fake, { potdSchedule: EVERY_2S });
    expect(await subscribe(first.url, 'C1')).toContain('Subscribed');
    expect(await subscribe(first.url, 'C2', '--daily Asia/Tokyo')).toContain('Asia/Tokyo');
    expect(fake.callsTo('conversations.info').map((call) => call.body.channel)).toEqual(['C1', 'C2']);
    await fake.waitFor('chat.postMessage', 4, 10_000);
    await first.stop();

    const second = await startBot(fake, { potdSchedule: EVERY_2S, dataDir: first.dataDir });
    const before = fake.callsTo('chat.postMessage').length;
    await fake.waitFor('chat.postMessage', before + 4, 10_000);
    await second.stop();

    const all = posts(fake.callsTo('chat.postMessage'));
    const keys = all.map((post) => `${post.channel} ${post.slot}`);
    expect(new Set(keys).size).toBe(keys.length);

    // Every 2-second slot between the first and the last post went out, in both channels.
    const slots = [...new Set(all.map((post) => post.slot))].sort();
    const span = (Date.parse(slots.at(-1) as string) - Date.parse(slots[0] as string)) / 2000 + 1;
    expect(slots.length).toBe(span);
    for (const channel of ['C1', 'C2']) {
      const own = all.filter((post) => post.channel === channel).map((post) => post.slot);
      expect(own.length).toBeGreaterThanOrEqual(span - 1); // a channel may miss only the slot it subscribed in
    }

    // One shared rotation, in order, with nothing skipped across the restart.
    const projectOf = new Map(all.map((post) => [post.slot, post.project]));
    for (const post of all) expect(post.project).toBe(projectOf.get(post.slot));
    const order = mixedOrder(loadCatalog().entries);
    expect(slots.map((slot) => projectOf.get(slot))).toEqual(order.slice(0, slots.length));

    const [message] = fake.callsTo('chat.postMessage');
    expect(JSON.stringify(message?.body.blocks)).toContain('Project of the day');
    expect(String(message?.body.text)).toMatch(/^Project of the day: /);
  });

  it('waits as long as Retry-After says after a 429, then posts that slot once', async () => {
    fake.fail('chat.postMessage', {
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const bot = await startBot(fake, { potdSchedule: '*/4 * * * * *' });
    await subscribe(bot.url, 'C1');
    const [limited, retried] = await fake.waitFor('chat.postMessage', 2, 10_000);
    await bot.stop();
    const slot = (call?: RecordedCall) =>
      (call?.body.metadata as { event_payload: { slot: string } } | undefined)?.event_payload.slot;
    expect(slot(retried)).toBe(slot(limited));
    const calls = fake.calls.filter((call) =>
      ['chat.postMessage', 'conversations.history'].includes(call.method),
    );
    const firstTwo = retried ? calls.indexOf(retried) : -1;
    // A 429 is Slack saying it did not post: the retry goes out without looking in history first.
    expect(calls.slice(0, firstTwo).map((call) => call.method)).toEqual(['chat.postMessage']);
    expect(
      posts(fake.callsTo('chat.postMessage').slice(1)).filter((post) => post.slot === slot(limited)),
    ).toHaveLength(1);
    expect(bot.logLines.join('')).toContain('retrying in 1000 ms');
  });

  it('retries 5xx with backoff, checking history first', async () => {
    fake.fail('chat.postMessage', { status: 503 }, { status: 502 });
    const bot = await startBot(fake, { potdSchedule: '*/4 * * * * *' });
    await subscribe(bot.url, 'C1');
    const calls = await fake.waitFor('chat.postMessage', 3, 10_000);
    await bot.stop();
    expect(new Set(posts(calls.slice(0, 3)).map((post) => post.slot)).size).toBe(1);
    expect(fake.callsTo('conversations.history').length).toBeGreaterThanOrEqual(2);
  });

  describe('daily rule and crash recovery', () => {
    const today = () => localDate(new Date(), 'UTC');
    const yesterday = new Date(Date.now() - 86_400_000);
    const seeded = async (pending: boolean) => {
      const dataDir = tempDataDir();
      const store = new SqliteStore(dataDir);
      await store.saveSubscription({
        installation: 'default',
        channelId: 'C1',
        time: '00:00',
        timezone: 'UTC',
        weekdaysOnly: false,
        createdAt: yesterday,
      });
      await store.assign(today(), () => 'cilium');
      if (pending) {
        // A replica that started sending, then died before it could record the answer.
        await store.claimPost('C1', today(), 'default', 'crashed', 60_000);
        await store.startSending('C1', today(), 'crashed', 60_000);
        await store.release('C1', today(), 'crashed');
      }
      await store.close();
      return dataDir;
    };

    it('posts a run missed while down once on start, and never again after a restart', async () => {
      const dataDir = await seeded(false);
      const first = await startBot(fake, { dataDir });
      const [post] = posts(await fake.waitFor('chat.postMessage'));
      expect(post).toEqual({ channel: 'C1', slot: today(), project: 'cilium' });
      await first.stop();
      const second = await startBot(fake, { dataDir });
      await sleep(500);
      await second.stop();
      expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    });

    it('finds a post that went out just before a crash and does not post it again', async () => {
      const dataDir = await seeded(true);
      fake.answer('conversations.history', () => ({
        ok: true,
        messages: [
          { type: 'message', ts: '111.222', text: 'other', bot_id: 'BBOT' },
          {
            type: 'message',
            ts: '111.333',
            bot_id: 'BBOT',
            metadata: { event_type: POTD_EVENT_TYPE, event_payload: { slot: today(), project: 'cilium' } },
          },
        ],
      }));
      const bot = await startBot(fake, { dataDir });
      await fake.waitFor('conversations.history');
      await sleep(300);
      await bot.stop();
      expect(fake.callsTo('chat.postMessage')).toEqual([]);
      expect(fake.callsTo('conversations.history')[0]?.body).toMatchObject({
        channel: 'C1',
        include_all_metadata: 'true',
      });
      const store = new SqliteStore(dataDir);
      expect(await store.postState('C1', today())).toBe('posted');
      await store.close();
    });

    it('posts once when the crash came before the post reached Slack', async () => {
      const bot = await startBot(fake, { dataDir: await seeded(true) });
      await fake.waitFor('chat.postMessage');
      await sleep(300);
      await bot.stop();
      expect(fake.callsTo('conversations.history')).toHaveLength(1);
      expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    });

    it('keeps posting to other channels while one is failing and retrying', async () => {
      const dataDir = await seeded(false);
      const store = new SqliteStore(dataDir);
      await store.saveSubscription({
        installation: 'default',
        channelId: 'C2',
        time: '00:00',
        timezone: 'UTC',
        weekdaysOnly: false,
        createdAt: yesterday,
      });
      await store.close();
      const down = { status: 503, when: (body: Record<string, unknown>) => body.channel === 'C1' };
      fake.fail('chat.postMessage', down, down, down);
      const bot = await startBot(fake, { dataDir });
      const started = Date.now();
      await fake.waitFor('chat.postMessage', 2);
      const c2 = fake.callsTo('chat.postMessage').find((call) => call.body.channel === 'C2');
      expect(c2).toBeDefined();
      expect(Date.now() - started).toBeLessThan(1000);
      await fake.waitFor('chat.postMessage', 5, 10_000); // C1: three 503s, then success
      await bot.stop();
      const byChannel = posts(fake.callsTo('chat.postMessage')).map((post) => post.channel);
      expect(byChannel.filter((channel) => channel === 'C2')).toHaveLength(1);
      expect(byChannel.filter((channel) => channel === 'C1')).toHaveLength(4);
    });

    it('unsubscribes a channel that is gone, with a log line, without retrying', async () => {
      fake.fail('chat.postMessage', { body: { ok: false, error: 'is_archived' } });
      const dataDir = await seeded(false);
      const bot = await startBot(fake, { dataDir });
      await fake.waitFor('chat.postMessage');
      await sleep(300);
      await bot.stop();
      expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
      expect(bot.logLines.join('')).toContain('unsubscribed C1: is_archived');
      const store = new SqliteStore(dataDir);
      expect(await store.listSubscriptions()).toEqual([]);
      await store.close();
    });
  });

  describe('commands', () => {
    it('refuses to subscribe where the bot is not a member, saying how to invite it', async () => {
      fake.answer('conversations.info', (body) => ({
        ok: true,
        channel: { id: body.channel, is_member: false },
      }));
      const bot = await startBot(fake);
      const reply = await subscribe(bot.url, 'C9');
      expect(reply).toContain('/invite @ebpf-bot');
      await slashCommand(bot.url, 'potd status', fake.responseUrl(), { channelId: 'C9' });
      const [, status] = await fake.waitFor('response', 2);
      expect(JSON.stringify(status?.body)).toContain('not subscribed');
      await bot.stop();
    });

    it('shows status with the next post time in the channel timezone, and unsubscribes', async () => {
      const bot = await startBot(fake);
      await subscribe(bot.url, 'C1', '07:30 Asia/Shanghai');
      await slashCommand(bot.url, 'potd status', fake.responseUrl(), { channelId: 'C1' });
      await slashCommand(bot.url, 'potd unsubscribe', fake.responseUrl(), { channelId: 'C1' });
      await slashCommand(bot.url, 'potd subscribe 99:99', fake.responseUrl(), { channelId: 'C1' });
      const replies = (await fake.waitFor('response', 4)).map((call) => JSON.stringify(call.body));
      expect(replies[1]).toMatch(
        /at 07:30 Asia\/Shanghai on weekdays\. Next post: \w{3} \d+ \w{3}, 07:30 \(Asia\/Shanghai\)/,
      );
      expect(replies[2]).toContain('no longer get the project of the day');
      expect(replies[3]).toContain('“99:99”');
      await bot.stop();
    });
  });
});
