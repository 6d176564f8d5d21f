import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths';
import { SqliteStore } from '../../src/store/sqlite-store';
import { tempDataDir } from '../support/start-bot';

describe('SqliteStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens a database written by ebpf-bot 0.1 (better-sqlite3) and keeps everything in it', async () => {
    // test/fixtures/store-v0.1 was written by ebpf-bot 0.1 (better-sqlite3 12 on Node 20).
    fs.copyFileSync(`${__dirname}/../fixtures/store-v0.1/ebpf-bot.sqlite`, `${dir}/ebpf-bot.sqlite`);
    const store = new SqliteStore(dir);
    expect(await store.listSubscriptions()).toEqual([
      {
        installation: 'default',
        channelId: 'C0LEGACY',
        time: '07:30',
        timezone: 'Asia/Shanghai',
        weekdaysOnly: false,
        createdAt: new Date('2026-01-05T08:00:00Z'),
      },
    ]);
    expect(await store.history()).toEqual(['cilium', 'bpftrace']);
    expect(await store.postState('C0LEGACY', '2026-01-05')).toBe('posted');
    // 0.1's "pending" post may have gone out before a crash: it must be looked for before sending again
    expect(await store.postState('C0LEGACY', '2026-01-06')).toBe('sending');
    expect(
      (await store.claimPost('C0LEGACY', '2026-01-06', 'default', 'me', 1000))?.sendingSince,
    ).toBeInstanceOf(Date);
    await store.assign('2026-01-07', () => 'pwru');
    // and takes what later versions keep
    const record = {
      installation: 'default',
      click: 'k1',
      at: new Date('2026-01-07T09:00:00Z'),
      outcome: 'helpful',
      kind: 'card',
      language: 'en',
      ids: ['cilium'],
      terms: ['cilium'],
    } as const;
    expect(await store.saveFeedback(record)).toBe(true);
    await store.close();
    const reopened = new SqliteStore(dir);
    expect(await reopened.history()).toEqual(['cilium', 'bpftrace', 'pwru']);
    const { click: _key, ...kept } = record;
    expect(await reopened.listFeedback()).toEqual([kept]);
    await reopened.close();
  });

  it('creates its data directory and keeps everything across a reopen', async () => {
    const nested = `${dir}/a/b`;
    const store = new SqliteStore(nested);
    const subscription = {
      installation: 'default',
      channelId: 'C1',
      time: '08:15',
      timezone: 'Asia/Tokyo',
      weekdaysOnly: false,
      createdAt: new Date('2026-11-25T09:00:00Z'),
    };
    await store.saveSubscription(subscription);
    await store.assign('2026-11-25', () => 'cilium');
    await store.claimPost('C1', '2026-11-25', 'default', 'me', 60_000);
    await store.markPosted('C1', '2026-11-25', '123.456');
    await store.close();
    const reopened = new SqliteStore(nested);
    expect(await reopened.listSubscriptions()).toEqual([subscription]);
    expect(await reopened.history()).toEqual(['cilium']);
    expect(await reopened.postState('C1', '2026-11-25')).toBe('posted');
    await reopened.close();
  });

  it('refuses a second process at once, saying that replicas need PostgreSQL', async () => {
    const store = new SqliteStore(dir);
    const module = JSON.stringify(path.join(PACKAGE_ROOT, 'dist/src/store/sqlite-store.js'));
    const script = `const { SqliteStore } = require(${module});
      try { new SqliteStore(${JSON.stringify(dir)}).close(); }
      catch (error) { console.error(error.message); process.exit(3); }`;
    const started = Date.now();
    const second = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 });
    expect(second.status).toBe(3);
    expect(second.stderr).toContain('is in use by another ebpf-bot process');
    expect(second.stderr).toContain('set DATABASE_URL to a PostgreSQL database');
    expect(Date.now() - started).toBeLessThan(5_000);
    await store.close();
    const after = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 });
    expect(after.status).toBe(0);
  });
});
