import { PostgresStore } from '../../src/store/postgres-store';
import { FakeSlack } from '../support/fake-slack';
import { postgresBin, startPostgres, type TestPostgres } from '../support/postgres';
import { slashCommand } from '../support/slack-requests';
import { startBot } from '../support/start-bot';
import { until } from '../support/wait';

/**
 * A PostgreSQL of this suite's own, stopped and started again under the running bot: readiness says
 * so, and a project-of-the-day post that went out just before the database failed is recorded once it
 * is back, never sent twice, never called failed.
 */

jest.setTimeout(60_000);

const bin = postgresBin();
const suite = bin ? describe : describe.skip;

let pg: TestPostgres;
let fake: FakeSlack;
beforeAll(async () => {
  // Durable: a crash keeps every committed row, as a production database does.
  if (bin) pg = await startPostgres(bin, { durable: true });
});
afterAll(() => pg?.stop());
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(() => fake.stop());

const readiness = async (url: string) => {
  const response = await fetch(url.replace('/slack/events', '/readyz'));
  return { status: response.status, checks: (await response.json()) as Record<string, boolean> };
};

suite('a store outage', () => {
  it('makes the replica not ready while PostgreSQL is down, and ready again once it is back', async () => {
    const bot = await startBot(fake, { databaseUrl: pg.url });
    try {
      expect(await readiness(bot.url)).toEqual({
        status: 200,
        checks: { catalog: true, slack: true, accepting: true, store: true, disk: true },
      });
      pg.down();
      await until(async () => (await readiness(bot.url)).status === 503, 10_000);
      expect((await readiness(bot.url)).checks).toMatchObject({ store: false, catalog: true });
      pg.up();
      await until(async () => (await readiness(bot.url)).status === 200, 15_000);
    } finally {
      await bot.stop();
    }
  });

  it('records a post that went out just before the database failed, once it is back, and posts it once', async () => {
    const bot = await startBot(fake, {
      databaseUrl: pg.url,
      potdSchedule: '*/2 * * * * *',
      potdLeaseSeconds: 3,
    });
    let first: string | undefined;
    fake.onCall('chat.postMessage', (body) => {
      if (first) return;
      first = (body.metadata as { event_payload: { slot: string } }).event_payload.slot;
      pg.down();
    });
    try {
      await slashCommand(bot.url, 'potd subscribe', fake.responseUrl('C1'), { channelId: 'C1' });
      await until(async () => first !== undefined, 10_000);
      await until(async () => bot.logLines.some((line) => line.includes('could not record it')), 10_000);
      pg.up();

      const store = await PostgresStore.open(pg.url);
      try {
        await until(async () => (await store.postState('C1', first as string)) === 'posted', 30_000);
      } finally {
        await store.close();
      }
      const slots = fake
        .callsTo('chat.postMessage')
        .filter((call) => !call.refused)
        .map((call) => (call.body.metadata as { event_payload: { slot: string } }).event_payload.slot);
      expect(slots.filter((slot) => slot === first)).toHaveLength(1);
      expect(bot.logLines.some((line) => line.includes(`could not post to C1 for slot ${first}`))).toBe(
        false,
      );
      expect(bot.logLines.some((line) => line.includes(`C1 already has slot ${first}`))).toBe(true);
    } finally {
      await bot.stop();
    }
  });
});

describe('the disk', () => {
  it('makes a SQLite replica not ready when its data folder has less room than MIN_FREE_DISK_MB', async () => {
    const bot = await startBot(fake, { minFreeDiskBytes: Number.MAX_SAFE_INTEGER });
    try {
      const ready = await readiness(bot.url);
      expect(ready).toEqual({
        status: 503,
        checks: { catalog: true, slack: true, accepting: true, store: true, disk: false },
      });
    } finally {
      await bot.stop();
    }
  });
});
