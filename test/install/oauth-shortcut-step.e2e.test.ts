import { ACTIONS } from '../../src/blocks/card';
import { FakeSlack } from '../support/fake-slack';
import { installThroughOAuth, oauthConfig } from '../support/oauth-install';
import { blockAction, functionExecuted, messageShortcut } from '../support/slack-requests';
import { startBot } from '../support/start-bot';

/**
 * The message shortcut and the workflow step with the bot installed in two workspaces through OAuth: each
 * workflow step completes with its own execution's token, each thread post goes out with the token of
 * the workspace it was asked in.
 */

jest.setTimeout(20_000);

// biome-ignore lint/suspicious/noExplicitAny: payloads are inspected freely
type Json = Record<string, any>;

const OAUTH = oauthConfig();

let fake: FakeSlack;
let bot: Awaited<ReturnType<typeof startBot>>;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await startBot(fake, OAUTH);
  const base = bot.url.replace('/slack/events', '');
  await installThroughOAuth(fake, base, 'code-a', { teamId: 'TA', name: 'Alpha' });
  await installThroughOAuth(fake, base, 'code-b', { teamId: 'TB', name: 'Beta' });
});
afterAll(async () => {
  await bot.stop();
  await fake.stop();
});
beforeEach(() => {
  fake.calls.length = 0;
});

describe('two workspaces', () => {
  it("complete each workflow step with that execution's own token", async () => {
    const a = functionExecuted(bot.url, { question: 'cilium' }, { teamId: 'TA', token: 'xwfp-TA-run' });
    const b = functionExecuted(bot.url, { question: 'redis' }, { teamId: 'TB', token: 'xwfp-TB-run' });
    expect([(await a.response).status, (await b.response).status]).toEqual([200, 200]);
    const [success] = await fake.waitFor('functions.completeSuccess');
    const [error] = await fake.waitFor('functions.completeError');
    expect(success).toMatchObject({
      token: 'xwfp-TA-run',
      body: { team_id: 'TA', function_execution_id: a.executionId, outputs: { name: 'Cilium' } },
    });
    expect(error).toMatchObject({
      token: 'xwfp-TB-run',
      body: { team_id: 'TB', function_execution_id: b.executionId },
    });
    expect(bot.logLines.join('\n')).not.toMatch(/xwfp-|xoxb-fake/);
  });

  it("post each shortcut's answer in its thread with that workspace's bot token", async () => {
    for (const [teamId, channelId] of [
      ['TA', 'CA1'],
      ['TB', 'CB1'],
    ] as const) {
      fake.calls.length = 0;
      const asked = await messageShortcut(
        bot.url,
        { text: 'what is falco?', ts: '1700000000.000500' },
        fake.responseUrl(`shortcut-${teamId}`),
        { teamId, channelId },
      );
      expect(asked.status).toBe(200);
      const [reply] = await fake.waitFor('response');
      const answer: Json = reply?.body ?? {};
      const blocks: Json[] = answer.blocks;
      const button = blocks
        .flatMap((block) => block.elements ?? [])
        .find((element: Json) => element.action_id === ACTIONS.postInThread);
      await blockAction(
        bot.url,
        { action_id: button.action_id, value: button.value },
        fake.responseUrl(`click-${teamId}`),
        {
          team: { id: teamId, domain: teamId.toLowerCase() },
          user: { id: 'U1', username: 'alice', team_id: teamId },
          channel: { id: channelId, name: 'general' },
        },
      );
      const [posted] = await fake.waitFor('chat.postMessage');
      expect(posted?.token).toMatch(new RegExp(`^xoxb-fake-${teamId}-`));
      expect(posted?.body).toMatchObject({ channel: channelId, thread_ts: '1700000000.000500' });
    }
  });
});
