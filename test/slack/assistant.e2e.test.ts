import { ANSWER_EVENT, THREAD_EVENT } from '../../src/assistant/thread';
import { ACTIONS } from '../../src/blocks/card';
import { STRINGS } from '../../src/blocks/strings';
import { limitViolations, pingsNobody } from '../support/block-limits';
import { FakeSlack } from '../support/fake-slack';
import { installThroughOAuth, oauthConfig } from '../support/oauth-install';
import { header } from '../support/payload';
import { blockAction, event } from '../support/slack-requests';
import { startBot } from '../support/start-bot';

/**
 * The assistant split view end to end: Slack's assistant events and thread messages, signed, through
 * the real bot over HTTP, against the fake Web API that keeps the thread's messages and their metadata.
 */

jest.setTimeout(20_000);

// biome-ignore lint/suspicious/noExplicitAny: payloads are inspected freely; limitViolations checks their shape
type Json = Record<string, any>;

let fake: FakeSlack;
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(() => fake.stop());

let threads = 0;
/** A new assistant thread in DM channel `channel`: Slack's event, and the bot's greeting posted. */
async function startThread(
  url: string,
  options: { channel?: string; user?: string; teamId?: string; viewing?: string } = {},
) {
  const channel = options.channel ?? 'D1';
  const threadTs = `${1700000000 + ++threads}.000100`;
  fake.addMessage(channel, { ts: threadTs, user: options.user ?? 'U1', text: '' });
  const before = fake.callsTo('chat.postMessage').length;
  await event(
    url,
    {
      type: 'assistant_thread_started',
      assistant_thread: {
        user_id: options.user ?? 'U1',
        channel_id: channel,
        thread_ts: threadTs,
        context: { channel_id: options.viewing ?? 'C9', team_id: options.teamId ?? 'T1' },
      },
      event_ts: threadTs,
    },
    { teamId: options.teamId ?? 'T1' },
  );
  await fake.waitFor('chat.postMessage', before + 1);
  await fake.waitFor('assistant.threads.setSuggestedPrompts');
  return { channel, threadTs };
}

/** The user writes `text` in the thread; resolves with the bot's answer there. */
async function say(url: string, thread: { channel: string; threadTs: string }, text: string, teamId = 'T1') {
  const ts = fake.nextTs();
  fake.addMessage(thread.channel, { ts, thread_ts: thread.threadTs, user: 'U1', text });
  const before = fake.callsTo('chat.postMessage').length;
  await event(
    url,
    {
      type: 'message',
      channel: thread.channel,
      channel_type: 'im',
      user: 'U1',
      text,
      ts,
      thread_ts: thread.threadTs,
      event_ts: ts,
    },
    { teamId },
  );
  const posted = (await fake.waitFor('chat.postMessage', before + 1)).at(-1)?.body as Json;
  expect(posted.thread_ts).toBe(thread.threadTs);
  expect(limitViolations(posted)).toEqual([]);
  expect(pingsNobody(posted)).toBe(true);
  return posted;
}

describe('the assistant split view', () => {
  it('greets a new thread in the user’s language, remembers the channel in view, and suggests prompts', async () => {
    const bot = await startBot(fake);
    try {
      await startThread(bot.url, { viewing: 'C9' });
      const [greeting] = fake.callsTo('chat.postMessage');
      expect(greeting?.body.text).toBe(STRINGS.assistantGreeting.en.text);
      expect(greeting?.body.metadata).toEqual({
        event_type: THREAD_EVENT,
        event_payload: { channel_id: 'C9' },
      });
      const [prompts] = fake.callsTo('assistant.threads.setSuggestedPrompts');
      expect(prompts?.body.prompts).toEqual(STRINGS.assistantPrompts.en);
      expect((prompts?.body.prompts as unknown[] | undefined)?.length).toBeGreaterThanOrEqual(3);

      fake.locales.set('U2', 'zh-CN');
      fake.locales.set('U3', 'zh-TW');
      fake.calls.length = 0;
      await startThread(bot.url, { user: 'U2', channel: 'D2' });
      expect(fake.callsTo('chat.postMessage')[0]?.body.text).toBe(STRINGS.assistantGreeting.zh.text);
      expect(fake.callsTo('assistant.threads.setSuggestedPrompts')[0]?.body.title).toBe('可以这样问');
      fake.calls.length = 0;
      await startThread(bot.url, { user: 'U3', channel: 'D3' });
      expect(fake.callsTo('assistant.threads.setSuggestedPrompts')[0]?.body.title).toBe('可以這樣問');

      // A failed locale lookup still greets, in English.
      fake.fail(
        'users.info',
        { status: 429, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' } },
        { body: { ok: false, error: 'internal_error' } },
      );
      fake.calls.length = 0;
      await startThread(bot.url, { user: 'U4', channel: 'D4' });
      expect(fake.callsTo('chat.postMessage')[0]?.body.text).toBe(STRINGS.assistantGreeting.en.text);
    } finally {
      await bot.stop();
    }
  });

  it('answers in the thread with a status and a title, then narrows and opens what it showed', async () => {
    const bot = await startBot(fake);
    try {
      const thread = await startThread(bot.url);
      fake.calls.length = 0;
      const first = await say(bot.url, thread, 'a library to write eBPF programs');
      const order = fake.calls.map((call) => call.method);
      expect(order.indexOf('assistant.threads.setStatus')).toBeLessThan(order.indexOf('chat.postMessage'));
      expect(fake.callsTo('assistant.threads.setStatus')[0]?.body.status).toBe(STRINGS.assistantStatus.en);
      expect(fake.callsTo('assistant.threads.setTitle')[0]?.body.title).toBe(
        'a library to write eBPF programs',
      );
      expect(first.metadata.event_type).toBe(ANSWER_EVENT);
      const shownFirst = String(first.metadata.event_payload.ids).split(',');
      expect(shownFirst.length).toBeGreaterThan(1);

      fake.calls.length = 0;
      const rust = await say(bot.url, thread, 'which of them is written in Rust?');
      expect(fake.callsTo('assistant.threads.setTitle')).toEqual([]); // the title is the first question's
      const kept = String(rust.metadata.event_payload.ids).split(',');
      expect(kept.length).toBeGreaterThan(0);
      for (const id of kept) {
        expect(shownFirst).toContain(id);
        expect(bot.ctx.catalog.byId.get(id)?.languages).toContain('Rust');
      }
      const second = await say(bot.url, thread, 'the first one');
      expect(header(second)).toBe(bot.ctx.catalog.byId.get(kept[0] as string)?.name);

      // A new question in the same thread is searched as one.
      const compared = await say(bot.url, thread, 'Falco 和 Tetragon 有什么区别');
      expect(compared.metadata.event_payload).toEqual({
        kind: 'comparison',
        ids: 'falco,tetragon',
        language: 'zh',
      });
    } finally {
      await bot.stop();
    }
  });

  it('follows the channel the user has open, answers once when Slack retries, and shares a card there', async () => {
    const bot = await startBot(fake);
    try {
      const thread = await startThread(bot.url, { viewing: 'C9' });
      const changed = {
        type: 'assistant_thread_context_changed',
        assistant_thread: {
          user_id: 'U1',
          channel_id: thread.channel,
          thread_ts: thread.threadTs,
          context: { channel_id: 'C7' },
        },
        event_ts: '5.5',
      };
      await event(bot.url, changed);
      const [update] = await fake.waitFor('chat.update');
      expect(update?.body.metadata).toEqual({
        event_type: THREAD_EVENT,
        event_payload: { channel_id: 'C7' },
      });
      expect(update?.body.text).toBe(STRINGS.assistantGreeting.en.text);

      fake.calls.length = 0;
      const ts = fake.nextTs();
      const message = {
        type: 'message',
        channel: thread.channel,
        channel_type: 'im',
        user: 'U1',
        text: 'bpftrace',
        ts,
        thread_ts: thread.threadTs,
        event_ts: ts,
      };
      await event(bot.url, message);
      await event(bot.url, message, {
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      });
      const [card] = await fake.waitFor('chat.postMessage');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(fake.callsTo('chat.postMessage')).toHaveLength(1);

      // The card offers to share itself in the channel now in view, and does, signed by the clicker.
      const share = ((card?.body.blocks ?? []) as Json[])
        .filter((block) => block.type === 'actions')
        .flatMap((block) => block.elements)
        .find((element: Json) => element.action_id === ACTIONS.shareTo);
      expect(share.text.text).toBe(STRINGS.shareToChannel.en);
      fake.calls.length = 0;
      await blockAction(bot.url, { action_id: share.action_id, value: share.value }, fake.responseUrl());
      const [shared] = await fake.waitFor('chat.postMessage');
      expect(shared?.body.channel).toBe('C7');
      expect(limitViolations(shared?.body as Json)).toEqual([]);
      expect(JSON.stringify(shared?.body.blocks)).toContain('<@U1>');
      expect((await fake.waitFor('response'))[0]?.body.text).toBe(STRINGS.sharedToChannel.en.text);

      // Where the bot may not post, the clicker is told how to fix it.
      fake.calls.length = 0;
      fake.fail('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
      await blockAction(bot.url, { action_id: share.action_id, value: share.value }, fake.responseUrl());
      expect((await fake.waitFor('response'))[0]?.body.text).toBe(STRINGS.cannotPostThere.en.text);
      // A forged value shares nothing.
      fake.calls.length = 0;
      const forged = JSON.stringify({ id: 'bpftrace', lang: 'en', channel: '<!channel>' });
      await blockAction(bot.url, { action_id: ACTIONS.shareTo, value: forged }, fake.responseUrl());
      await fake.waitFor('response');
      expect(fake.callsTo('chat.postMessage')).toEqual([]);
    } finally {
      await bot.stop();
    }
  });

  it('answers when the thread cannot be read, and escapes hostile text everywhere it goes', async () => {
    const bot = await startBot(fake);
    try {
      const thread = await startThread(bot.url);
      fake.fail('conversations.replies', { body: { ok: false, error: 'internal_error' } });
      const hostile = '<!channel> <@U999> which of them is written in <#C1|general> Rust?\u202e';
      const answer = await say(bot.url, thread, hostile);
      expect(JSON.stringify(answer)).not.toContain('<!channel>');
      // Without the thread there is nothing to narrow: it is read as a new question (no status either).
      expect(answer.metadata.event_type).toBe(ANSWER_EVENT);
      const title = await say(bot.url, await startThread(bot.url), hostile);
      expect(title).toBeDefined();
      const [titled] = fake.callsTo('assistant.threads.setTitle').slice(-1);
      expect(String(titled?.body.title)).not.toContain('\u202e');
    } finally {
      await bot.stop();
    }
  });
});

describe('two workspaces', () => {
  it('reads a thread’s state only from its own workspace’s bot', async () => {
    const bot = await startBot(fake, oauthConfig());
    const base = bot.url.replace('/slack/events', '');
    try {
      await installThroughOAuth(fake, base, 'code-a', { teamId: 'TA', name: 'Alpha' });
      await installThroughOAuth(fake, base, 'code-b', { teamId: 'TB', name: 'Beta' });
      const a = await startThread(bot.url, { teamId: 'TA', channel: 'DA' });
      const listed = await say(bot.url, a, 'a library to write eBPF programs', 'TA');
      expect(listed.metadata.event_type).toBe(ANSWER_EVENT);
      const posts = fake.callsTo('chat.postMessage');
      expect(posts.at(-1)?.token).toMatch(/^xoxb-fake-TA-/);

      // The same thread seen from workspace B (another installation's bot wrote its messages): nothing to narrow.
      const fromB = await say(bot.url, a, 'which of them is written in Rust?', 'TB');
      expect(fake.callsTo('chat.postMessage').at(-1)?.token).toMatch(/^xoxb-fake-TB-/);
      expect(fromB.text).not.toBe((await say(bot.url, a, 'which of them is written in Rust?', 'TA')).text);
    } finally {
      await bot.stop();
    }
  });
});
