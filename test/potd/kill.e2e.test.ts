import { loadCatalog } from '../../src/catalog/load';
import { mixedOrder } from '../../src/potd/rotation';
import { botEnv, spawnBot, untilListening } from '../support/built-bot';
import { FakeSlack } from '../support/fake-slack';
import { tempDataDir } from '../support/start-bot';

jest.setTimeout(60_000);

it('loses nothing and posts nothing twice when killed with SIGKILL mid-run', async () => {
  const fake = await new FakeSlack().start();
  const dataDir = tempDataDir();
  try {
    for (let run = 0; run < 3; run++) {
      const bot = spawnBot(
        botEnv(fake, { DATA_DIR: dataDir, POTD_CHANNELS: 'C0KILL1,C0KILL2', POTD_SCHEDULE: '*/2 * * * * *' }),
      );
      await untilListening(bot);
      const before = fake.callsTo('chat.postMessage').length;
      await fake.waitFor('chat.postMessage', before + 2, 15_000);
      // Kill at an arbitrary moment between scheduled posts, possibly in the middle of one.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 1500)));
      bot.child.kill(run < 2 ? 'SIGKILL' : 'SIGTERM');
      const code = await bot.exited;
      if (run === 2) expect(code).toBe(0); // SIGTERM: a clean shutdown
    }
  } finally {
    await fake.stop();
  }

  const posts = fake.callsTo('chat.postMessage').map((call) => {
    const payload = (call.body.metadata as { event_payload: { slot: string; project: string } })
      .event_payload;
    return { channel: String(call.body.channel), ...payload };
  });
  const keys = posts.map((post) => `${post.channel} ${post.slot}`);
  expect(new Set(keys).size).toBe(keys.length);

  // The rotation went on in order across the kills: each slot's project is the next one.
  const projectOf = new Map(posts.map((post) => [post.slot, post.project]));
  const slots = [...projectOf.keys()].sort();
  // No occurrence was skipped: a run missed while the bot was down went out when it came back.
  expect(slots.length).toBe((Date.parse(slots.at(-1) as string) - Date.parse(slots[0] as string)) / 2000 + 1);
  const order = mixedOrder(loadCatalog().entries);
  expect(slots.map((slot) => projectOf.get(slot))).toEqual(order.slice(0, slots.length));
  for (const post of posts) expect(post.project).toBe(projectOf.get(post.slot));
});
