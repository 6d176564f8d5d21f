import { Readable } from 'node:stream';
import { Client } from 'pg';
import { STRINGS } from '../../src/blocks/strings';
import { runCli } from '../../src/cli/main';
import { PostgresStore } from '../../src/store/postgres-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import { TokenCipher } from '../../src/store/token-cipher';
import { limitViolations, pingsNobody } from '../support/block-limits';
import { FakeSlack } from '../support/fake-slack';
import { installThroughOAuth, OAUTH_TOKEN_KEY, oauthConfig } from '../support/oauth-install';
import { freshDatabase, testPostgresUrl } from '../support/postgres';
import { blockAction, event, SIGNING_SECRET, slashCommand } from '../support/slack-requests';
import { startBot } from '../support/start-bot';
import { until } from '../support/wait';

/**
 * Feedback end to end: the real bot over HTTP with signed requests in Slack's payload shapes, the fake
 * Web API, and the store the bot uses (SQLite, or PostgreSQL for workspaces installed through OAuth).
 */

jest.setTimeout(30_000);

// biome-ignore lint/suspicious/noExplicitAny: payloads are inspected freely; limitViolations checks their shape
type Json = Record<string, any>;
type Bot = Awaited<ReturnType<typeof startBot>>;

let fake: FakeSlack;
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(() => fake.stop());

const base = (bot: Bot) => bot.url.replace('/slack/events', '');
const metrics = async (bot: Bot) => (await fetch(`${base(bot)}/metrics`)).text();

/** The feedback buttons of a message: its last block, and valid with the rest of it. */
function feedbackOf(payload: Json): Json {
  expect(limitViolations(payload)).toEqual([]);
  expect(pingsNobody(payload)).toBe(true);
  const block = payload.blocks.at(-1);
  expect(block.type).toBe('context_actions');
  return block.elements[0];
}

async function ask(bot: Bot, text: string, teamId = 'T1'): Promise<Json> {
  const response = await slashCommand(bot.url, text, fake.responseUrl(), { teamId });
  expect(response.status).toBe(200);
  return response.json();
}

interface Click {
  readonly value: string;
  readonly label?: string;
  readonly messageTs?: string;
  readonly actionTs?: string;
  readonly teamId?: string;
  readonly respondTo?: string;
}

/** A click on feedback buttons as Slack sends it: the clicked button's value and label, its message. */
async function click(
  bot: Bot,
  { value, label = '👍', messageTs = '10.1', actionTs = '20.1', teamId = 'T1', respondTo = 'thanks' }: Click,
) {
  const response = await blockAction(
    bot.url,
    {
      type: 'feedback_buttons',
      block_id: 'fb',
      action_id: 'feedback',
      value,
      text: { type: 'plain_text', text: label },
      action_ts: actionTs,
    },
    fake.responseUrl(respondTo),
    {
      team: { id: teamId, domain: 'example' },
      user: { id: 'U1', username: 'alice', team_id: teamId },
      container: { type: 'message', message_ts: messageTs, channel_id: 'C1', is_ephemeral: true },
    },
  );
  expect(response.status).toBe(200);
}

const thanks = () => fake.callsTo('response').map((call) => call.body as Json);

describe('one workspace, SQLite', () => {
  it('puts feedback under slash command and mention answers, thanks each click once, counts and stores it', async () => {
    const bot = await startBot(fake);
    try {
      const card = feedbackOf(await ask(bot, 'cilium'));
      expect(card).toMatchObject({
        type: 'feedback_buttons',
        action_id: 'feedback',
        positive_button: { text: { type: 'plain_text', text: STRINGS.feedbackHelpful.en } },
        negative_button: { text: { type: 'plain_text', text: STRINGS.feedbackNotHelpful.en } },
      });
      // a mention in a channel: the answer is posted with its buttons
      await event(bot.url, {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> <!channel> which tool shows where packets are dropped in the kernel?',
        ts: '30.1',
        channel: 'C1',
        event_ts: '30.1',
      });
      const [posted] = await fake.waitFor('chat.postMessage');
      const mention = feedbackOf(posted?.body as Json);
      // none of the asker's words travel as text in the value: the terms are stems
      expect(mention.positive_button.value).not.toContain('dropped');
      expect(mention.positive_button.value).not.toContain('channel');

      await click(bot, { value: card.positive_button.value, messageTs: '10.1', actionTs: '20.1' });
      await fake.waitFor('response');
      expect(thanks()).toEqual([
        expect.objectContaining({
          response_type: 'ephemeral',
          replace_original: false,
          text: STRINGS.feedbackThanks.en.text,
        }),
      ]);
      // Slack delivers the same click again: answered and stored once
      await click(bot, { value: card.positive_button.value, messageTs: '10.1', actionTs: '20.1' });
      await click(bot, {
        value: mention.negative_button.value,
        label: '👎',
        messageTs: '30.2',
        actionTs: '40.1',
      });
      await fake.waitFor('response', 2);
      // a value that is not ours, and one that no longer parses: acknowledged, ignored
      await click(bot, { value: '{"o":"helpful","k":"essay"}', actionTs: '50.1' });
      await click(bot, { value: 'not json', actionTs: '50.2' });
      await until(async () => /surface="action",outcome="ignored"\} 3/.test(await metrics(bot)));
      expect(thanks()).toHaveLength(2);

      const text = await metrics(bot);
      expect(text).toContain('ebpf_bot_feedback_total{outcome="helpful",kind="card"} 1');
      expect(text).toMatch(/ebpf_bot_feedback_total\{outcome="not_helpful",kind="(shortlist|card)"\} 1/);
      expect(text).toMatch(/ebpf_bot_requests_total\{surface="action",outcome="ok"\} 2/);
    } finally {
      await bot.stop();
    }
    // SQLite is held by one process: read it once the bot has stopped
    const store = new SqliteStore(bot.dataDir);
    try {
      const stored = await store.listFeedback();
      expect(stored.map((row) => [row.installation, row.outcome, row.ids[0]])).toEqual([
        ['default', 'helpful', 'cilium'],
        ['default', 'not_helpful', expect.any(String)],
      ]);
      expect(stored[0]).toMatchObject({ kind: 'card', language: 'en', ids: ['cilium'], terms: ['cilium'] });
      expect(stored[1]?.terms).toEqual(expect.arrayContaining(['packet', 'kernel']));
      const all = JSON.stringify(stored);
      for (const never of ['U1', 'UBOT', 'alice', 'C1', 'dropped', 'channel'])
        expect(all).not.toContain(never);
    } finally {
      await store.close();
    }
  });

  it('labels and thanks a Chinese answer in Chinese, a traditional one in traditional characters', async () => {
    const bot = await startBot(fake);
    try {
      const zh = feedbackOf(await ask(bot, '介绍一下 eCapture'));
      expect(zh.positive_button.text.text).toBe(STRINGS.feedbackHelpful.zh);
      await click(bot, { value: zh.positive_button.value, actionTs: '1.1' });
      await fake.waitFor('response');
      const hant = feedbackOf(await ask(bot, '在內核裡追蹤網路封包被丟在哪裡'));
      expect(hant.positive_button.text.text).toBe('👍 有幫助');
      await click(bot, { value: hant.negative_button.value, actionTs: '1.2' });
      await fake.waitFor('response', 2);
      expect(thanks().map((reply) => reply.text)).toEqual([STRINGS.feedbackThanks.zh.text, '謝謝你的反饋。']);
    } finally {
      await bot.stop();
    }
  });

  it('with FEEDBACK_STORE=off, thanks and counts a click and stores nothing', async () => {
    const bot = await startBot(fake, { storeFeedback: false });
    try {
      const buttons = feedbackOf(await ask(bot, 'falco'));
      await click(bot, { value: buttons.positive_button.value });
      await fake.waitFor('response');
      expect(thanks()[0]?.text).toBe(STRINGS.feedbackThanks.en.text);
      expect(await metrics(bot)).toContain('ebpf_bot_feedback_total{outcome="helpful",kind="card"} 1');
      // the same click again is still answered once
      await click(bot, { value: buttons.positive_button.value });
      await click(bot, { value: buttons.negative_button.value, actionTs: '20.2' });
      await fake.waitFor('response', 2);
      await until(async () => /surface="action",outcome="ignored"\} 1/.test(await metrics(bot)));
      expect(thanks()).toHaveLength(2);
      expect(await metrics(bot)).toMatch(/surface="action",outcome="ok"\} 2/);
    } finally {
      await bot.stop();
    }
    const store = new SqliteStore(bot.dataDir);
    try {
      expect(await store.listFeedback()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

const pg = testPostgresUrl() ? describe : describe.skip;

const KEY = OAUTH_TOKEN_KEY;
const oauth = (databaseUrl: string) => oauthConfig({ databaseUrl });

/** `ebpf-bot feedback export` with the settings the bot runs with. */
async function exportFeedback(databaseUrl: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    ['feedback', 'export', ...args],
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      stdin: Readable.from([]),
    },
    {
      env: {
        SLACK_CLIENT_ID: '111.222',
        SLACK_CLIENT_SECRET: 'client-secret-for-tests',
        SLACK_STATE_SECRET: 'state-secret-for-tests',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        TOKEN_ENCRYPTION_KEY: KEY.toString('base64'),
        DATABASE_URL: databaseUrl,
      },
      tty: false,
      now: () => new Date(),
    },
  );
  return {
    code,
    stderr,
    lines: stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Json),
  };
}

pg('workspaces installed through OAuth, on PostgreSQL', () => {
  it("keeps each workspace's feedback under its own installation, once across replicas, and forgets it on uninstall", async () => {
    const url = await freshDatabase();
    const one = await startBot(fake, oauth(url));
    const two = await startBot(fake, oauth(url));
    try {
      await installThroughOAuth(fake, base(one), 'code-a', { teamId: 'TA', name: 'Alpha' });
      await installThroughOAuth(fake, base(one), 'code-b', { teamId: 'TB', name: 'Beta' });

      const alpha = feedbackOf(await ask(one, 'tetragon', 'TA'));
      const beta = feedbackOf(await ask(two, 'how do I trace tls plaintext', 'TB'));
      await click(one, {
        value: alpha.positive_button.value,
        teamId: 'TA',
        messageTs: '1.1',
        actionTs: '2.1',
      });
      // the same click of workspace B reaches both replicas: one stores and thanks it, the other neither
      await click(one, {
        value: beta.negative_button.value,
        teamId: 'TB',
        messageTs: '1.1',
        actionTs: '2.1',
      });
      await fake.waitFor('response', 2);
      await click(two, {
        value: beta.negative_button.value,
        teamId: 'TB',
        messageTs: '1.1',
        actionTs: '2.1',
      });
      await until(async () => /surface="action",outcome="ignored"\} 1/.test(await metrics(two)));
      expect(thanks()).toHaveLength(2);

      const exported = await exportFeedback(url);
      expect(exported.code).toBe(0);
      expect(exported.lines.map((line) => [line.installation, line.outcome, line.kind])).toEqual([
        ['T:TA', 'helpful', 'card'],
        ['T:TB', 'not_helpful', expect.any(String)],
      ]);
      expect(exported.lines[0]).toEqual({
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        installation: 'T:TA',
        outcome: 'helpful',
        kind: 'card',
        language: 'en',
        ids: ['tetragon'],
        terms: ['tetragon'],
      });
      expect(exported.lines[1]?.terms).toEqual(expect.arrayContaining(['tls', 'plaintext']));
      const all = JSON.stringify(exported.lines);
      for (const never of ['U1', 'alice', 'how do I', 'xoxb']) expect(all).not.toContain(never);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      expect((await exportFeedback(url, '--since', tomorrow)).lines).toEqual([]);

      await event(one.url, { type: 'app_uninstalled', event_ts: '3.3' }, { teamId: 'TB' });
      await until(async () => one.logLines.some((line) => line.includes('app_uninstalled: removed T:TB')));
      const store = await PostgresStore.open(url, new TokenCipher(KEY));
      try {
        expect((await store.listFeedback()).map((row) => row.installation)).toEqual(['T:TA']);
      } finally {
        await store.close();
      }
    } finally {
      await one.stop();
      await two.stop();
    }
  });

  it('still thanks a click when the database has gone, and says in the log what was lost', async () => {
    const url = await freshDatabase();
    const bot = await startBot(fake, { databaseUrl: url });
    try {
      const buttons = feedbackOf(await ask(bot, 'bpftrace'));
      // the database goes away under the running bot, its connections cut
      const admin = new Client({ connectionString: testPostgresUrl() });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
      await click(bot, { value: buttons.positive_button.value });
      await fake.waitFor('response');
      expect(thanks()[0]?.text).toBe(STRINGS.feedbackThanks.en.text);
      expect(bot.logLines.some((line) => line.includes('could not store a feedback click'))).toBe(true);
      expect(await metrics(bot)).toContain('ebpf_bot_feedback_total{outcome="helpful",kind="card"} 1');
    } finally {
      await bot.stop();
    }
  });
});
