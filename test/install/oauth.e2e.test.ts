import { SqliteStore } from '../../src/store/sqlite-store';
import { TokenCipher } from '../../src/store/token-cipher';
import { FakeSlack, type FakeWorkspace } from '../support/fake-slack';
import { installThroughOAuth, OAUTH_TOKEN_KEY, oauthConfig } from '../support/oauth-install';
import { event, slashCommand } from '../support/slack-requests';
import { startBot } from '../support/start-bot';
import { until } from '../support/wait';

/**
 * "Add to Slack" end to end: Bolt's OAuth flow on the real bot over HTTP, oauth.v2.access against the
 * fake Web API, installations kept (sealed) in the store, every request authorized by its workspace's
 * installation, and uninstalls that remove everything a workspace had.
 */

jest.setTimeout(20_000);

const KEY = OAUTH_TOKEN_KEY;
const OAUTH = oauthConfig();

let fake: FakeSlack;
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(() => fake.stop());

const install = (base: string, code: string, workspace: FakeWorkspace) =>
  installThroughOAuth(fake, base, code, workspace);

describe('installing through OAuth', () => {
  it('shows an Add to Slack page, completes the install and says what to try first', async () => {
    const bot = await startBot(fake, OAUTH);
    const base = bot.url.replace('/slack/events', '');
    try {
      const done = await install(base, 'code-1', { teamId: 'T1', name: 'Kernel <Hackers>' });
      expect(done.page).toContain('Add to Slack');
      expect(done.authorize.searchParams.get('client_id')).toBe('111.222');
      expect(done.authorize.searchParams.get('scope')).toContain('chat:write');
      expect(done.status).toBe(200);
      expect(done.html).toContain('installed in Kernel &#60;Hackers&#62;');
      expect(done.html).toContain('/ebpf cilium');
      expect(fake.callsTo('oauth.v2.access')).toHaveLength(1);

      // a forged or replayed redirect installs nothing
      const forged = await fetch(`${base}/slack/oauth_redirect?code=code-2&state=forged`);
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain('was not installed');
      fake.issueCode('code-3', { teamId: 'T3', name: 'Replayed' });
      const replayed = await fetch(
        `${base}/slack/oauth_redirect?code=code-3&state=${encodeURIComponent(done.state)}`,
        { headers: { cookie: done.cookie } },
      );
      expect(replayed.status).toBe(400);
      expect(fake.callsTo('oauth.v2.access')).toHaveLength(1);

      // the codes and states never reach a log line, at any level (the bot logs at debug here)
      const log = bot.logLines.join('\n');
      for (const secret of ['code-1', 'code-3', done.state]) expect(log).not.toContain(secret);
    } finally {
      await bot.stop();
    }
  });

  it('answers each workspace with its own installation, and forgets one that uninstalls', async () => {
    const bot = await startBot(fake, OAUTH);
    const base = bot.url.replace('/slack/events', '');
    try {
      await install(base, 'code-a', { teamId: 'TA', name: 'Alpha' });
      await install(base, 'code-b', { teamId: 'TB', name: 'Beta' });
      await install(base, 'code-org', { teamId: 'TGRID', name: 'Grid', enterpriseId: 'E1', orgWide: true });

      const answer = await slashCommand(bot.url, 'cilium', fake.responseUrl(), { teamId: 'TA' });
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.json())).toContain('Cilium');
      for (const [teamId, channelId] of [
        ['TA', 'CA1'],
        ['TB', 'CB1'],
      ] as const)
        await slashCommand(bot.url, 'potd subscribe', fake.responseUrl(channelId), { teamId, channelId });
      await fake.waitFor('response', 2);
      // each workspace's channel was checked with that workspace's token
      const checks = fake.callsTo('conversations.info').map((call) => [call.body.channel, call.token]);
      expect(checks).toEqual([
        ['CA1', expect.stringMatching(/^xoxb-fake-TA-/)],
        ['CB1', expect.stringMatching(/^xoxb-fake-TB-/)],
      ]);

      // a mention in the org-wide install is answered with the organisation's token
      await event(
        bot.url,
        {
          type: 'app_mention',
          user: 'U1',
          text: '<@UBOT> what is falco?',
          ts: '1.1',
          channel: 'CG1',
          event_ts: '1.1',
        },
        { teamId: 'TGRID', enterpriseId: 'E1', orgWide: true },
      );
      const [reply] = await fake.waitFor('chat.postMessage');
      expect(reply?.token).toMatch(/^xoxb-fake-TGRID-/);

      await event(bot.url, { type: 'app_uninstalled', event_ts: '2.2' }, { teamId: 'TB' });
      await until(async () => bot.logLines.some((line) => line.includes('app_uninstalled: removed T:TB')));
      const refused = await slashCommand(bot.url, 'cilium', fake.responseUrl(), { teamId: 'TB' });
      expect(refused.status).not.toBe(200);

      await event(
        bot.url,
        { type: 'tokens_revoked', tokens: { oauth: [], bot: ['UBOTTA'] }, event_ts: '3.3' },
        { teamId: 'TA' },
      );
      await until(async () => bot.logLines.some((line) => line.includes('tokens_revoked: removed T:TA')));
      await bot.stop();

      const store = new SqliteStore(bot.dataDir, new TokenCipher(KEY));
      expect(await store.getInstallation('T:TA')).toBeUndefined();
      expect(await store.getInstallation('T:TB')).toBeUndefined();
      expect((await store.getInstallation('E:E1'))?.bot?.token).toMatch(/^xoxb-fake-TGRID-/);
      expect(await store.listSubscriptions()).toEqual([]);
      await store.close();
      // no token ever reached a log line
      expect(bot.logLines.join('\n')).not.toMatch(/xoxb-fake/);
    } finally {
      await bot.stop();
    }
  });
});
