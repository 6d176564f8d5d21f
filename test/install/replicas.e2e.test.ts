import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { loadCatalog } from '../../src/catalog/load';
import { mixedOrder } from '../../src/potd/rotation';
import { type BotProcess, botEnv, spawnBot, untilListening } from '../support/built-bot';
import { FakeSlack, type RecordedCall } from '../support/fake-slack';
import { installThroughOAuth } from '../support/oauth-install';
import { freshDatabase, testPostgresUrl } from '../support/postgres';
import { event, slashCommand } from '../support/slack-requests';

/**
 * Three replicas of the built bot on one PostgreSQL, two workspaces installed through OAuth, twenty
 * subscribed channels on a two-second schedule. One replica is killed with SIGKILL mid-run, another is
 * restarted, the fake Web API answers some posts with 429, and one workspace uninstalls. Every
 * (channel, slot) must be posted exactly once, none skipped, each with its workspace's token.
 */

jest.setTimeout(120_000);

const EVERY_2S = '*/2 * * * * *';
const WORKSPACES = ['TA', 'TB'] as const;
const channelsOf = (team: string) =>
  Array.from({ length: 10 }, (_, i) => `C${team}${String(i).padStart(2, '0')}`);

interface Post {
  readonly channel: string;
  readonly slot: string;
  readonly project: string;
  readonly token: string;
}

function postsOf(calls: readonly RecordedCall[]): Post[] {
  return calls.map((call) => {
    const { slot, project } = (call.body.metadata as { event_payload: { slot: string; project: string } })
      .event_payload;
    return { channel: String(call.body.channel), slot, project, token: call.token ?? '' };
  });
}

const run = testPostgresUrl() ? it : it.skip;

run(
  'posts every (channel, slot) once across replicas, through a SIGKILL, a restart, 429s and an uninstall',
  async () => {
    const fake = await new FakeSlack().start();
    const database = await freshDatabase();
    const env = botEnv(fake, {
      SLACK_BOT_TOKEN: undefined,
      SLACK_CLIENT_ID: '111.222',
      SLACK_CLIENT_SECRET: 'client-secret-for-tests',
      SLACK_STATE_SECRET: 'state-secret-for-tests',
      DATABASE_URL: database,
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      POTD_SCHEDULE: EVERY_2S,
      POTD_LEASE_SECONDS: '3',
      LOG_LEVEL: 'info',
    });
    const replicas: BotProcess[] = [];
    const start = async () => {
      const replica = spawnBot(env);
      await untilListening(replica);
      replicas.push(replica);
      return replica;
    };
    const urlOf = (replica: BotProcess) =>
      `http://127.0.0.1:${/listening on [^:]+:(\d+)/.exec(replica.stderr())?.[1]}/slack/events`;

    try {
      const [one, two, three] = [await start(), await start(), await start()] as [
        BotProcess,
        BotProcess,
        BotProcess,
      ];

      // Two workspaces install through the first replica, as people clicking "Add to Slack".
      const base = urlOf(one).replace('/slack/events', '');
      for (const team of WORKSPACES) {
        const installed = await installThroughOAuth(fake, base, `code-${team}`, {
          teamId: team,
          name: `Team ${team}`,
        });
        expect(installed.status).toBe(200);
      }
      const tokenOf = new Map(
        fake.callsTo('auth.test').map((call) => [String(call.token).split('-')[2], String(call.token)]),
      );
      expect(tokenOf.get('TA')).toBeTruthy();

      // Twenty channels subscribe, through every replica.
      const all = WORKSPACES.flatMap((team) => channelsOf(team).map((channel) => ({ team, channel })));
      for (const [i, { team, channel }] of all.entries())
        await slashCommand(
          urlOf([one, two, three][i % 3] as BotProcess),
          'potd subscribe',
          fake.responseUrl(channel),
          {
            teamId: team,
            channelId: channel,
          },
        );
      await fake.waitFor('response', all.length, 10_000);
      expect(fake.callsTo('response').every((call) => JSON.stringify(call.body).includes('Subscribed'))).toBe(
        true,
      );

      // Some posts are refused with 429 (Retry-After 1 s): that workspace waits, the other goes on.
      const limited = {
        status: 429,
        headers: { 'Retry-After': '1' },
        body: { ok: false, error: 'ratelimited' },
      };
      fake.fail('chat.postMessage', limited, limited, {
        ...limited,
        when: (body) => body.channel === 'CTB03',
      });

      await fake.waitFor('chat.postMessage', 40, 20_000);
      await sleep(Math.floor(Math.random() * 1500));
      two.child.kill('SIGKILL'); // mid-run, possibly between a post and its record
      await two.exited;
      await sleep(5000);
      three.child.kill('SIGTERM');
      expect(await three.exited).toBe(0);
      await start(); // the restarted replica
      await sleep(5000);

      // One workspace uninstalls; its posts stop and its rows go.
      await event(urlOf(one), { type: 'app_uninstalled', event_ts: '9.9' }, { teamId: 'TB' });
      const uninstalledAt = Date.now();
      await sleep(5000);
      for (const replica of replicas) if (replica.child.exitCode === null) replica.child.kill('SIGTERM');
      await Promise.all(replicas.map((replica) => replica.exited));
      const stoppedAt = Date.now();

      const calls = fake.callsTo('chat.postMessage').filter((call) => call.body.metadata);
      expect(calls.filter((call) => call.refused).length).toBe(3);
      const posts = postsOf(calls.filter((call) => !call.refused));

      // Exactly once.
      const keys = posts.map((post) => `${post.channel} ${post.slot}`);
      expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);

      // With that workspace's token, always.
      for (const post of posts) expect(post.token).toBe(tokenOf.get(post.channel.slice(1, 3)));

      // Nothing skipped: every two-second slot from a channel's first post to the last before the end.
      for (const { team, channel } of all) {
        const slots = posts
          .filter((post) => post.channel === channel)
          .map((post) => post.slot)
          .sort();
        expect([channel, slots.length > 5]).toEqual([channel, true]);
        const first = Date.parse(slots[0] as string);
        const last = Date.parse(slots.at(-1) as string);
        expect([channel, slots.length]).toEqual([channel, (last - first) / 2000 + 1]);
        // ...and posting went on to the end (for the uninstalled workspace, to the uninstall)
        const end = team === 'TB' ? uninstalledAt : stoppedAt;
        expect([channel, end - last < 9000]).toEqual([channel, true]);
        if (team === 'TB') expect([channel, last < uninstalledAt + 3000]).toEqual([channel, true]);
      }

      // One shared rotation: a slot's project is the same in every channel, and the turns go in order.
      const projectOf = new Map<string, string>();
      for (const post of posts) {
        expect([post.slot, projectOf.get(post.slot) ?? post.project]).toEqual([post.slot, post.project]);
        projectOf.set(post.slot, post.project);
      }
      const order = mixedOrder(loadCatalog().entries);
      const slots = [...projectOf.keys()].sort();
      expect(slots.map((slot) => projectOf.get(slot))).toEqual(order.slice(0, slots.length));

      // The uninstalled workspace left nothing behind but its posted history.
      const db = new Client({ connectionString: database });
      await db.connect();
      try {
        const left = async (sql: string) => (await db.query(sql)).rows;
        expect(await left("SELECT key FROM installations WHERE key = 'T:TB'")).toEqual([]);
        expect(await left("SELECT channel_id FROM subscriptions WHERE installation = 'T:TB'")).toEqual([]);
        expect(
          await left("SELECT channel_id FROM posts WHERE installation = 'T:TB' AND state <> 'posted'"),
        ).toEqual([]);
        expect((await left("SELECT key FROM installations WHERE key = 'T:TA'")).length).toBe(1);
      } finally {
        await db.end();
      }
    } finally {
      for (const replica of replicas) if (replica.child.exitCode === null) replica.child.kill('SIGKILL');
      await fake.stop();
    }
  },
);
