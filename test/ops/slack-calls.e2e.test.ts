import { FakeSlack } from '../support/fake-slack';
import { event, slashCommand } from '../support/slack-requests';
import { startBot } from '../support/start-bot';
import { until } from '../support/wait';

/**
 * A Slack that stops answering some calls: each call gives up within its deadline, and a stuck method
 * or channel holds up only its own calls.
 */

jest.setTimeout(30_000);

let fake: FakeSlack;
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(() => fake.stop());

const mention = (url: string, channel: string, n: number) =>
  event(url, {
    type: 'app_mention',
    user: 'U1',
    text: '<@UBOT> cilium',
    ts: `1.${n}`,
    channel,
    event_ts: `1.${n}`,
  });

describe('interactive Slack calls', () => {
  it('keep answering other channels and the Home tab while one channel hangs, and give up on it in time', async () => {
    fake.stall('chat.postMessage', (body) => body.channel === 'CSTUCK');
    const bot = await startBot(fake);
    try {
      // More stuck replies than the Web API client would run at once (100).
      for (let n = 0; n < 120; n++) await mention(bot.url, 'CSTUCK', n);
      await fake.waitFor('chat.postMessage', 4);

      const started = Date.now();
      await event(bot.url, {
        type: 'app_home_opened',
        user: 'U1',
        channel: 'D1',
        tab: 'home',
        event_ts: '2.1',
      });
      await mention(bot.url, 'COTHER', 999);
      await fake.waitFor('views.publish', 1, 2000);
      await until(
        async () => fake.callsTo('chat.postMessage').some((call) => call.body.channel === 'COTHER'),
        2000,
      );
      expect(Date.now() - started).toBeLessThan(2000);
      // At most `perTarget` (4) calls to the stuck channel were ever in flight at once.
      expect(
        fake.callsTo('chat.postMessage').filter((call) => call.body.channel === 'CSTUCK').length,
      ).toBeLessThanOrEqual(4);

      // Each stuck reply gives up at its deadline (4 s in tests) and is counted as a failed call.
      await until(async () => {
        const metrics = await (await fetch(bot.url.replace('/slack/events', '/metrics'))).text();
        return /ebpf_bot_requests_total\{surface="mention",outcome="error"\} 120/.test(metrics);
      }, 15_000);
    } finally {
      await bot.stop();
    }
  });

  it('retry a 429 as Slack asks, without holding up another channel meanwhile', async () => {
    fake.fail('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '1' },
      when: (body) => body.channel === 'CLIMITED',
    });
    const bot = await startBot(
      fake,
      {},
      { callPolicy: { attemptMs: 2000, deadlineMs: 5000, retries: 2, perTarget: 4 } },
    );
    try {
      await mention(bot.url, 'CLIMITED', 1);
      await fake.waitFor('chat.postMessage', 1);
      await mention(bot.url, 'CFREE', 2);
      await until(
        async () => fake.callsTo('chat.postMessage').some((call) => call.body.channel === 'CFREE'),
        500,
      );
      await until(async () => fake.callsTo('chat.postMessage').length === 3, 3000);
      expect(
        fake.callsTo('chat.postMessage').map((call) => [call.body.channel, Boolean(call.refused)]),
      ).toEqual([
        ['CLIMITED', true],
        ['CFREE', false],
        ['CLIMITED', false],
      ]);
    } finally {
      await bot.stop();
    }
  });

  it('time out a response_url that never answers, without holding up slash commands', async () => {
    fake.stall('response');
    const bot = await startBot(fake);
    try {
      // A subscription's answer goes through response_url (the potd subcommand acks first).
      await slashCommand(bot.url, 'potd status', fake.responseUrl('stuck'));
      await fake.waitFor('response', 1);
      const started = Date.now();
      const answer = await slashCommand(bot.url, 'falco', fake.responseUrl('other'));
      expect(answer.text).toContain('Falco');
      expect(Date.now() - started).toBeLessThan(1000);
      await until(async () => {
        const metrics = await (await fetch(bot.url.replace('/slack/events', '/metrics'))).text();
        return /ebpf_bot_slack_api_errors_total\{method="response_url",code="network_error"\} [1-9]/.test(
          metrics,
        );
      }, 10_000);
    } finally {
      await bot.stop();
    }
  });
});
