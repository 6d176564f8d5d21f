import * as fs from 'node:fs';
import { SqliteStore } from '../../src/store/sqlite-store';
import { tempDataDir } from '../support/start-bot';

describe('SqliteStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens a database written by the better-sqlite3 version (0.1) with everything in it', () => {
    // test/fixtures/store-v0.1 was written by ebpf-bot 0.1 (better-sqlite3 12 on Node 20).
    fs.copyFileSync(`${__dirname}/../fixtures/store-v0.1/ebpf-bot.sqlite`, `${dir}/ebpf-bot.sqlite`);
    const store = new SqliteStore(dir);
    expect(store.listSubscriptions()).toEqual([
      {
        channelId: 'C0LEGACY',
        time: '07:30',
        timezone: 'Asia/Shanghai',
        weekdaysOnly: false,
        createdAt: new Date('2026-01-05T08:00:00Z'),
      },
    ]);
    expect(store.history()).toEqual(['cilium', 'bpftrace']);
    expect(store.postState('C0LEGACY', '2026-01-05')).toBe('posted');
    expect(store.postState('C0LEGACY', '2026-01-06')).toBe('pending');
    store.assign('2026-01-07', 'pwru');
    store.close();
    expect(new SqliteStore(dir).history()).toEqual(['cilium', 'bpftrace', 'pwru']);
  });

  it('creates its data directory and keeps everything across a reopen', () => {
    const nested = `${dir}/a/b`;
    const store = new SqliteStore(nested);
    const createdAt = new Date('2026-11-25T09:00:00Z');
    store.saveSubscription({
      channelId: 'C1',
      time: '08:15',
      timezone: 'Asia/Tokyo',
      weekdaysOnly: false,
      createdAt,
    });
    store.assign('2026-11-25', 'cilium');
    store.markPending('C1', '2026-11-25');
    store.close();

    const reopened = new SqliteStore(nested);
    expect(reopened.listSubscriptions()).toEqual([
      { channelId: 'C1', time: '08:15', timezone: 'Asia/Tokyo', weekdaysOnly: false, createdAt },
    ]);
    expect(reopened.history()).toEqual(['cilium']);
    expect(reopened.postState('C1', '2026-11-25')).toBe('pending');
    reopened.markPosted('C1', '2026-11-25', '123.456');
    expect(reopened.postState('C1', '2026-11-25')).toBe('posted');
    reopened.close();
  });

  it('assigns a slot once: a second assignment returns the first project', () => {
    const store = new SqliteStore(dir);
    expect(store.assign('s1', 'cilium')).toBe('cilium');
    expect(store.assign('s1', 'falco')).toBe('cilium');
    expect(store.assign('s2', 'falco')).toBe('falco');
    expect(store.history()).toEqual(['cilium', 'falco']);
    store.close();
  });

  it('keeps the subscription date when a channel changes its time, and unsubscribes', () => {
    const store = new SqliteStore(dir);
    const first = new Date('2026-01-01T00:00:00Z');
    store.saveSubscription({
      channelId: 'C1',
      time: '09:00',
      timezone: 'UTC',
      weekdaysOnly: true,
      createdAt: first,
    });
    store.saveSubscription({
      channelId: 'C1',
      time: '10:00',
      timezone: 'UTC',
      weekdaysOnly: true,
      createdAt: new Date(),
    });
    expect(store.getSubscription('C1')).toMatchObject({ time: '10:00', createdAt: first });
    expect(store.removeSubscription('C1')).toBe(true);
    expect(store.removeSubscription('C1')).toBe(false);
    expect(store.listSubscriptions()).toEqual([]);
    store.close();
  });

  it('never marks a posted slot pending again', () => {
    const store = new SqliteStore(dir);
    store.markPosted('C1', 's', '1.1');
    store.markPending('C1', 's');
    expect(store.postState('C1', 's')).toBe('posted');
    store.close();
  });
});
