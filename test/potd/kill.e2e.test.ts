import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog/load';
import { PACKAGE_ROOT } from '../../src/paths';
import { mixedOrder } from '../../src/potd/rotation';
import { FakeSlack } from '../support/fake-slack';
import { SIGNING_SECRET } from '../support/slack-requests';
import { BOT_TOKEN, tempDataDir } from '../support/start-bot';

jest.setTimeout(60_000);

/** The built bot as operators run it (`npm test` builds first), so it can really be killed. */
function startProcess(
  fake: FakeSlack,
  dataDir: string,
): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'dist/src/index.js')], {
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      POTD_CHANNELS: 'C0KILL1,C0KILL2',
      POTD_SCHEDULE: '*/2 * * * * *',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('listening on')) resolve({ child, exited });
    });
    exited.then((code) => reject(new Error(`bot exited with ${code}: ${log}`)));
  });
}

it('loses nothing and posts nothing twice when killed with SIGKILL mid-run', async () => {
  const fake = await new FakeSlack().start();
  const dataDir = tempDataDir();
  try {
    for (let run = 0; run < 3; run++) {
      const { child, exited } = await startProcess(fake, dataDir);
      const before = fake.callsTo('chat.postMessage').length;
      await fake.waitFor('chat.postMessage', before + 2, 15_000);
      // Kill at an arbitrary moment between scheduled posts, possibly in the middle of one.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 1500)));
      child.kill(run < 2 ? 'SIGKILL' : 'SIGTERM');
      const code = await exited;
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
