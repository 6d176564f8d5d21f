import { STEP_ERRORS } from '../../src/blocks/strings';
import { FakeSlack } from '../support/fake-slack';
import { functionExecuted } from '../support/slack-requests';
import { BOT_TOKEN, startBot } from '../support/start-bot';

/**
 * The "Find an eBPF project" workflow step through the real bot over HTTP: Slack's function_executed
 * event in, functions.completeSuccess or functions.completeError out, with the execution's own token.
 */

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

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const completions = () => [
  ...fake.callsTo('functions.completeSuccess'),
  ...fake.callsTo('functions.completeError'),
];

describe('Find an eBPF project', () => {
  it("completes with the project's name, repository, summary and confidence, using the event's token", async () => {
    const { executionId, response } = functionExecuted(
      bot.url,
      { question: 'cilium' },
      { token: 'xwfp-run-1' },
    );
    expect((await response).status).toBe(200);
    const [call] = await fake.waitFor('functions.completeSuccess');
    expect(call?.token).toBe('xwfp-run-1');
    expect(call?.token).not.toBe(BOT_TOKEN);
    expect(call?.body).toEqual({
      team_id: 'T1',
      function_execution_id: executionId,
      outputs: {
        name: 'Cilium',
        repository_url: 'https://github.com/cilium/cilium',
        summary: bot.ctx.catalog.byId.get('cilium')?.summary.en,
        confidence: 'exact',
      },
    });
    await settle();
    expect(completions()).toHaveLength(1);
  });

  it('answers a question with its closest project, saying the match is weak', async () => {
    functionExecuted(bot.url, { question: 'trace packets through the kernel' });
    const [call] = await fake.waitFor('functions.completeSuccess');
    expect(call?.body.outputs).toMatchObject({ name: 'pwru', confidence: 'weak' });
  });

  it.each([
    ['an empty input', '  ', STEP_ERRORS.empty],
    ['no input at all', undefined, STEP_ERRORS.empty],
    [
      'software that is not eBPF',
      'redis',
      expect.stringMatching(/^redis is not an eBPF project\..* Try Kyanos/),
    ],
    ['an off-topic question', 'how do I set up a VPN on my mac', STEP_ERRORS.offTopic],
  ])('fails %s with a clear message', async (_, question, error) => {
    const { executionId } = functionExecuted(bot.url, question === undefined ? {} : { question }, {
      token: 'xwfp-run-2',
    });
    const [call] = await fake.waitFor('functions.completeError');
    expect(call?.token).toBe('xwfp-run-2');
    expect(call?.body).toEqual({ team_id: 'T1', function_execution_id: executionId, error });
    await settle();
    expect(fake.callsTo('functions.completeSuccess')).toEqual([]);
  });

  it('never repeats hostile input in what it completes with', async () => {
    const hostile = `<!channel> <@U999> <#C1|x> \u202e\uD800 ${'<!here>'.repeat(20_000)}`;
    functionExecuted(bot.url, { question: hostile });
    functionExecuted(bot.url, { question: `cilium ${hostile}` });
    await fake.waitFor('functions.completeError');
    await fake.waitFor('functions.completeSuccess');
    await settle();
    expect(completions()).toHaveLength(2);
    for (const call of completions()) {
      const text = JSON.stringify(call.body);
      expect(text).not.toMatch(/<[!@#]/);
      expect(text.isWellFormed()).toBe(true);
    }
  });

  it('completes once however often Slack retries the delivery', async () => {
    const first = functionExecuted(bot.url, { question: 'falco' });
    await fake.waitFor('functions.completeSuccess');
    for (const retry of ['1', '2']) {
      const again = functionExecuted(
        bot.url,
        { question: 'falco' },
        {
          executionId: first.executionId,
          headers: { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' },
        },
      );
      expect((await again.response).status).toBe(200);
    }
    await settle();
    expect(completions()).toHaveLength(1);
  });

  it('fails a function it does not know, saying so, instead of leaving the workflow waiting', async () => {
    const { response } = functionExecuted(
      bot.url,
      { question: 'cilium' },
      { callbackId: 'someone_elses_step' },
    );
    expect((await response).status).toBe(200);
    await settle();
    expect(fake.callsTo('functions.completeSuccess')).toEqual([]);
    expect(fake.callsTo('functions.completeError').map((call) => call.body.error)).toEqual([
      STEP_ERRORS.unknownStep,
    ]);
  });

  it('never writes the execution token to the log', () => {
    expect(bot.logLines.join('\n')).not.toMatch(/xwfp-/);
  });
});

describe('a completion Slack fails to take', () => {
  it('is sent again as the call policy allows, and no more', async () => {
    const policy = { attemptMs: 2_000, deadlineMs: 4_000, retries: 1, perTarget: 4 };
    const retrying = await startBot(fake, {}, { callPolicy: policy });
    try {
      fake.fail('functions.completeSuccess', { status: 503 });
      functionExecuted(retrying.url, { question: 'cilium' }, { token: 'xwfp-run-3' });
      const sent = await fake.waitFor('functions.completeSuccess', 2);
      expect(sent.map((call) => [call.token, call.refused])).toEqual([
        ['xwfp-run-3', true],
        ['xwfp-run-3', undefined],
      ]);

      fake.calls.length = 0;
      fake.fail('functions.completeSuccess', { status: 503 }, { status: 503 });
      functionExecuted(retrying.url, { question: 'cilium' });
      await fake.waitFor('functions.completeSuccess', 2);
      await settle();
      expect(completions().map((call) => call.refused)).toEqual([true, true]);
    } finally {
      await retrying.stop();
    }
  });
});
