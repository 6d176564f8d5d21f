import fc from 'fast-check';
import { ACTIONS } from '../../src/blocks/card';
import { limitViolations } from '../support/block-limits';
import { FakeSlack } from '../support/fake-slack';
import { hostileText } from '../support/hostile-text';
import {
  blockAction,
  event,
  functionExecuted,
  messageShortcut,
  slashCommand,
} from '../support/slack-requests';
import { startBot } from '../support/start-bot';
import { until } from '../support/wait';

/**
 * Generated hostile text through every surface of the real bot over HTTP: each command word, unknown
 * options, each potd subcommand and its argument errors, mentions, DMs, assistant threads and their
 * follow-ups, no-match answers and suggestions, message shortcuts and their thread posts, workflow
 * steps. Whatever the user typed,
 * nothing that reaches Slack can ping or link anyone.
 */

// biome-ignore lint/suspicious/noExplicitAny: payloads are walked generically
type Json = any;

/** What a payload must never carry: every form of a broadcast or mention Slack would act on. */
const LIVE = ['<!channel', '<!here', '<!everyone', '<!subteam^', '<@', '<#'];

/** Every string in a payload, keys included. */
function strings(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
}

function problemsOf(payload: Json): string[] {
  const problems = strings(payload).flatMap((text) => [
    ...LIVE.filter((live) => text.includes(live)).map((live) => `live ${live} in ${JSON.stringify(text)}`),
    ...(text.isWellFormed() ? [] : [`ill-formed UTF-16 in ${JSON.stringify(text)}`]),
  ]);
  return 'blocks' in payload ? [...problems, ...limitViolations(payload)] : problems;
}

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

/** Command lines that put the hostile text in every place a command reads it. */
const commandLines = (text: string) => [
  text,
  `--${text}`,
  `-- ${text}`,
  `help ${text}`,
  `list ${text}`,
  `--list ${text}`,
  `categories ${text}`,
  `random ${text}`,
  `potd ${text}`,
  `potd show ${text}`,
  `potd subscribe ${text}`,
  `potd subscribe 09:00 ${text}`,
  `potd subscribe ${text} --daily`,
  `potd unsubscribe ${text}`,
  `potd status ${text}`,
  `cilium ${text}`,
  `what traces packets like ${text}`,
];

/** Slack sends `&`, `<` and `>` in event text escaped; slash command text arrives as typed. */
const asEventText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('user text never becomes markup, on any surface', () => {
  it('would notice a live mention, a lone surrogate and a broken limit', () => {
    expect(problemsOf({ text: 'hi <!here>' })).toHaveLength(1);
    expect(
      problemsOf({
        text: 'ok',
        blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: '<@U9>' }] }],
      }),
    ).not.toEqual([]);
    expect(problemsOf({ text: 'a\ud83d' })).toEqual(['ill-formed UTF-16 in "a\\ud83d"']);
    expect(problemsOf({ text: 'fine &lt;!channel&gt;', blocks: [] })).toEqual([]);
  });

  it('slash commands, mentions, DMs and thread follow-ups', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(hostileText(300), async (text) => {
        runs++;
        fake.calls.length = 0;
        for (const line of commandLines(text)) {
          const response = await slashCommand(bot.url, line, fake.responseUrl(), { channelId: 'D1' });
          expect(response.status).toBe(200);
          // potd subscriptions acknowledge empty and answer through response_url, checked below.
          if (response.text) expect(problemsOf(response.json())).toEqual([]);
        }
        for (const line of commandLines(text).slice(0, 6)) {
          const slackText = asEventText(line);
          await event(bot.url, {
            type: 'app_mention',
            user: 'U1',
            text: `<@UBOT> ${slackText}`,
            ts: '1.1',
            channel: 'C1',
          });
          await event(bot.url, {
            type: 'message',
            channel_type: 'im',
            user: 'U1',
            text: slackText,
            ts: '1.2',
            channel: 'D1',
          });
          // In a thread of the DM (the assistant's view): read as a follow-up to what the thread showed.
          await event(bot.url, {
            type: 'message',
            channel_type: 'im',
            user: 'U1',
            text: slackText,
            ts: '1.3',
            thread_ts: '1.0',
            channel: 'D1',
          });
        }
        // Six mentions, six DMs and six thread messages are each answered once; response_url replies carry the potd answers.
        const posts = await fake.waitFor('chat.postMessage', 18);
        for (const call of [...posts, ...fake.callsTo('response')]) expect(problemsOf(call.body)).toEqual([]);
      }),
      { numRuns: 25 },
    );
    expect(runs).toBe(25);
    // 25 runs of 30 requests each: seconds on a loaded two-core machine.
  }, 60_000);

  it('message shortcuts, their posts in the thread, and workflow steps', async () => {
    let runs = 0;
    const completions = () =>
      fake.calls.filter((call) => call.method.startsWith('functions.complete')).map((call) => call.body);
    await fc.assert(
      fc.asyncProperty(hostileText(300), fc.boolean(), async (text, escaped) => {
        runs++;
        fake.calls.length = 0;
        // Slack escapes what was typed; mentions and links picked in the composer arrive as markup.
        await messageShortcut(bot.url, { text: escaped ? asEventText(text) : text }, fake.responseUrl());
        const [answer] = await fake.waitFor('response');
        const reply: Json = answer?.body;
        expect(problemsOf(reply)).toEqual([]);
        const button = (reply.blocks as Json[])
          .flatMap((block) => block.elements ?? [])
          .find((element: Json) => element.action_id === ACTIONS.postInThread);
        if (button) {
          await blockAction(
            bot.url,
            { action_id: button.action_id, value: button.value },
            fake.responseUrl(),
          );
          const [posted] = await fake.waitFor('chat.postMessage');
          // The one mention a thread post holds is the clicker's, from the user id Slack gave.
          const body = JSON.stringify(posted?.body);
          expect(body.split('<@U1>')).toHaveLength(2);
          expect(problemsOf(JSON.parse(body.replace('<@U1>', 'U1')))).toEqual([]);
        }
        functionExecuted(bot.url, { question: text });
        await until(async () => completions().length === 1);
        expect(problemsOf(completions())).toEqual([]);
      }),
      { numRuns: 25 },
    );
    expect(runs).toBe(25);
  }, 60_000);

  it('the echoes a user sees are cut by character, never inside an emoji', async () => {
    const response = await slashCommand(bot.url, `--a${'🐝'.repeat(60)}`, fake.responseUrl());
    const text = String(response.json().text);
    expect(text.isWellFormed()).toBe(true);
    expect(text).toMatch(/🐝…` option\.$/);
    fake.calls.length = 0;
    await slashCommand(bot.url, `potd subscribe ${'👩‍👩‍👧'.repeat(80)}`, fake.responseUrl(), {
      channelId: 'D1',
    });
    const [reply] = await fake.waitFor('response');
    const said = String(reply?.body.text);
    expect(said).toContain('👩‍👩‍👧…”');
    expect(said.isWellFormed()).toBe(true);
  });
});
