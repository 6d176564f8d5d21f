import { ACTIONS } from '../../src/blocks/card';
import { LIMITS } from '../../src/blocks/limits';
import { BUTTON_EXPIRED, NO_TEXT_TO_LOOK_UP, STRINGS } from '../../src/blocks/strings';
import { parseThreadPostValue } from '../../src/blocks/thread-post';
import { traditional } from '../../src/text/chinese-script';
import { limitViolations, pingsNobody } from '../support/block-limits';
import { FakeSlack } from '../support/fake-slack';
import { buttons, header } from '../support/payload';
import { blockAction, messageShortcut } from '../support/slack-requests';
import { BOT_TOKEN, startBot } from '../support/start-bot';

/**
 * "Ask ebpf-bot" on a message, through the real bot over HTTP: the answer only the clicker sees, through
 * the shortcut's response_url, and its "Post in thread" button posting the answer in the message's thread.
 */

// biome-ignore lint/suspicious/noExplicitAny: payloads are inspected freely; limitViolations checks their shape
type Json = Record<string, any>;

let fake: FakeSlack;
let bot: Awaited<ReturnType<typeof startBot>>;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await startBot(fake);
});
afterAll(async () => {
  await bot.stop();
  await fake.stop();
});
beforeEach(() => {
  fake.calls.length = 0;
});

const postButton = (payload: Json) => {
  const button = buttons(payload).find((b) => b.action_id === ACTIONS.postInThread);
  if (!button) throw new Error('no Post in thread button');
  return button;
};

/** Uses the shortcut on a message; returns the ephemeral answer posted to the response_url. */
const askAbout = async (message: Json, options: { channelId?: string } = {}) => {
  const response = await messageShortcut(bot.url, message, fake.responseUrl('shortcut'), options);
  expect(response.status).toBe(200);
  expect(response.text).toBe('');
  const [reply] = await fake.waitFor('response');
  const payload = reply?.body as Json;
  expect(limitViolations(payload)).toEqual([]);
  return payload;
};

/** Clicks a button of the ephemeral answer, as Slack sends it (the ephemeral's own response_url). */
const click = async (button: Json) => {
  fake.calls.length = 0;
  const response = await blockAction(
    bot.url,
    { action_id: button.action_id, value: button.value },
    fake.responseUrl('click'),
  );
  expect(response.status).toBe(200);
};

describe('Ask ebpf-bot on a message', () => {
  it('answers only the clicker with the card of the project the message names, and a Post in thread button', async () => {
    const payload = await askAbout({
      text: 'has anyone tried tetragon for runtime security?',
      ts: '1700000000.000100',
    });
    expect(payload).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(header(payload)).toBe('Tetragon');
    const labels = buttons(payload).map((b) => b.text.text);
    expect(labels.slice(0, 4)).toEqual(['Repository', 'Website', 'Docs', STRINGS.share.en]);
    expect(labels.at(-1)).toBe(STRINGS.postInThread.en);
    expect(parseThreadPostValue(postButton(payload).value)).toEqual({
      channel: 'C1',
      threadTs: '1700000000.000100',
      question: 'has anyone tried tetragon for runtime security?',
    });
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('posts in the thread the message is in, and answers a Chinese message in Chinese', async () => {
    const payload = await askAbout({
      text: '我们试试 eCapture 抓 HTTPS 明文',
      ts: '1700000000.000300',
      thread_ts: '1700000000.000200',
    });
    expect(header(payload)).toBe('eCapture');
    expect(JSON.stringify(payload)).toContain(STRINGS.repository.zh);
    const button = postButton(payload);
    expect(button.text.text).toBe(STRINGS.postInThread.zh);
    expect(parseThreadPostValue(button.value)?.threadTs).toBe('1700000000.000200');
  });

  it('writes its own button in traditional characters for a message in traditional Chinese', async () => {
    const payload = await askAbout({ text: '我們試試 eCapture 抓 HTTPS 明文', ts: '1700000000.000400' });
    expect(header(payload)).toBe('eCapture');
    expect(postButton(payload).text.text).toBe(traditional(STRINGS.postInThread.zh));
    expect(postButton(payload).text.text).not.toBe(STRINGS.postInThread.zh);
  });

  it('says kindly that a message without text has nothing to look up', async () => {
    const payload = await askAbout({ text: '', files: [{ id: 'F1', name: 'trace.png' }] });
    expect(payload).toMatchObject({ response_type: 'ephemeral', text: NO_TEXT_TO_LOOK_UP.text });
    expect(JSON.stringify(payload)).not.toContain(ACTIONS.postInThread);
  });

  it.each([
    ['mentions and broadcasts', '<!channel> <!here> <@U123> <#C2|ops> <!subteam^S1> what is cilium'],
    ['an escaped broadcast typed as text', '&lt;!channel&gt; look at cilium &amp; co'],
    ['a wall of text', `${'<!channel> '.repeat(4000)}cilium`],
    ['no match, echoed', `asdfgh <!everyone> <@U999> ${'🐝'.repeat(500)}`],
    ['control and invisible characters', 'cil\u0000ium\u202e\u200b \uD800'],
  ])('never lets the message ping or break the payload: %s', async (_, text) => {
    const payload = await askAbout({ text });
    expect(pingsNobody(payload)).toBe(true);
    expect(JSON.stringify(payload)).not.toMatch(/<!(channel|here|everyone)|<@U(?!1>)|<#C|<!subteam/);
    const value = String(postButton(payload).value);
    expect([...value].length).toBeLessThanOrEqual(LIMITS.buttonValue);
    expect(value.isWellFormed()).toBe(true);

    await click(postButton(payload));
    const [posted] = await fake.waitFor('chat.postMessage');
    expect(pingsNobody(posted?.body)).toBe(true);
    expect(limitViolations(posted?.body as Json)).toEqual([]);
  });
});

describe('Post in thread', () => {
  it('posts the answer for everyone in the thread once, saying who asked, then removes the ephemeral', async () => {
    const payload = await askAbout({ text: 'we should look at tetragon for this', ts: '1700000000.000400' });
    await click(postButton(payload));
    const [posted] = await fake.waitFor('chat.postMessage');
    const [removed] = await fake.waitFor('response');
    expect(posted?.token).toBe(BOT_TOKEN);
    // The Web API client sends a form: false arrives as 'false'.
    expect(posted?.body).toMatchObject({
      channel: 'C1',
      thread_ts: '1700000000.000400',
      unfurl_links: 'false',
      unfurl_media: 'false',
    });
    const body = posted?.body as Json;
    expect(header(body)).toBe('Tetragon');
    expect(JSON.stringify(body)).toContain(`${STRINGS.sharedBy.en} <@U1>`);
    // Everyone sees it: no Share button, no second Post in thread.
    expect(buttons(body).map((b) => b.action_id)).not.toEqual(
      expect.arrayContaining([ACTIONS.share, ACTIONS.postInThread]),
    );
    expect(limitViolations(body)).toEqual([]);
    expect(removed?.body).toEqual({ delete_original: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it.each(['not_in_channel', 'channel_not_found'])(
    'tells the clicker kindly to invite the bot when Slack answers %s, keeping the ephemeral',
    async (error) => {
      const payload = await askAbout({ text: '我们试试 eCapture 抓 HTTPS 明文' }, { channelId: 'C9' });
      fake.fail('chat.postMessage', { body: { ok: false, error } });
      await click(postButton(payload));
      const [told] = await fake.waitFor('response');
      expect(told?.body).toMatchObject({
        response_type: 'ephemeral',
        replace_original: false,
        text: STRINGS.notInConversation.zh.text,
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(fake.callsTo('response')).toHaveLength(1);
      expect(bot.logLines.join('\n')).not.toMatch(new RegExp(`"level":"error".*${error}`));
    },
  );

  it('refuses a button value it did not make, posting nothing', async () => {
    await click({
      action_id: ACTIONS.postInThread,
      value: JSON.stringify({ channel: '<!channel>', thread_ts: '1.2', question: 'cilium' }),
    });
    const [told] = await fake.waitFor('response');
    expect(told?.body).toMatchObject({ response_type: 'ephemeral', text: BUTTON_EXPIRED.text });
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });
});
