import * as fs from 'node:fs';
import * as path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Subscription } from '../potd/schedule';
import type { PostState, PotdStore } from './potd-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subscriptions (
  channel_id TEXT PRIMARY KEY,
  time TEXT NOT NULL,
  timezone TEXT NOT NULL,
  weekdays_only INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS assignments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  slot TEXT NOT NULL UNIQUE,
  project_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS posts (
  channel_id TEXT NOT NULL,
  slot TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'posted')),
  ts TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (channel_id, slot)
);`;

interface SubscriptionRow {
  channel_id: string;
  time: string;
  timezone: string;
  weekdays_only: number;
  created_at: string;
}

const toSubscription = (row: SubscriptionRow): Subscription => ({
  channelId: row.channel_id,
  time: row.time,
  timezone: row.timezone,
  weekdaysOnly: row.weekdays_only === 1,
  createdAt: new Date(row.created_at),
});

/**
 * The embedded store: SQLite in `DATA_DIR/ebpf-bot.sqlite`, created on first start. Every write is
 * its own transaction with `synchronous=FULL`, so a `kill -9` loses nothing that was acknowledged.
 */
export class SqliteStore implements PotdStore {
  private readonly db: DatabaseSync;
  private readonly statements;

  /** `dataDir` of `:memory:` keeps everything in memory (local mode). */
  constructor(dataDir: string) {
    if (dataDir !== ':memory:') fs.mkdirSync(dataDir, { recursive: true });
    this.db = new DatabaseSync(dataDir === ':memory:' ? ':memory:' : path.join(dataDir, 'ebpf-bot.sqlite'), {
      timeout: 5000,
    });
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
    this.db.exec(SCHEMA);
    this.statements = {
      saveSubscription: this.db.prepare(
        `INSERT INTO subscriptions (channel_id, time, timezone, weekdays_only, created_at)
         VALUES (@channelId, @time, @timezone, @weekdaysOnly, @createdAt)
         ON CONFLICT (channel_id) DO UPDATE SET time = excluded.time, timezone = excluded.timezone,
           weekdays_only = excluded.weekdays_only`,
      ),
      removeSubscription: this.db.prepare('DELETE FROM subscriptions WHERE channel_id = ?'),
      getSubscription: this.db.prepare('SELECT * FROM subscriptions WHERE channel_id = ?'),
      listSubscriptions: this.db.prepare('SELECT * FROM subscriptions ORDER BY channel_id'),
      assignment: this.db.prepare('SELECT project_id FROM assignments WHERE slot = ?'),
      assign: this.db.prepare(
        'INSERT INTO assignments (slot, project_id) VALUES (?, ?) ON CONFLICT (slot) DO NOTHING',
      ),
      history: this.db.prepare('SELECT project_id FROM assignments ORDER BY seq'),
      postState: this.db.prepare('SELECT state FROM posts WHERE channel_id = ? AND slot = ?'),
      markPending: this.db.prepare(
        `INSERT INTO posts (channel_id, slot, state, updated_at) VALUES (?, ?, 'pending', ?)
         ON CONFLICT (channel_id, slot) DO NOTHING`,
      ),
      markPosted: this.db.prepare(
        `INSERT INTO posts (channel_id, slot, state, ts, updated_at) VALUES (?, ?, 'posted', ?, ?)
         ON CONFLICT (channel_id, slot) DO UPDATE SET state = 'posted', ts = excluded.ts, updated_at = excluded.updated_at`,
      ),
    };
  }

  saveSubscription(subscription: Subscription): void {
    this.statements.saveSubscription.run({
      channelId: subscription.channelId,
      time: subscription.time,
      timezone: subscription.timezone,
      weekdaysOnly: subscription.weekdaysOnly ? 1 : 0,
      createdAt: subscription.createdAt.toISOString(),
    });
  }

  removeSubscription(channelId: string): boolean {
    return this.statements.removeSubscription.run(channelId).changes > 0;
  }

  getSubscription(channelId: string): Subscription | undefined {
    const row = this.statements.getSubscription.get(channelId) as SubscriptionRow | undefined;
    return row && toSubscription(row);
  }

  listSubscriptions(): Subscription[] {
    return (this.statements.listSubscriptions.all() as unknown as SubscriptionRow[]).map(toSubscription);
  }

  assignment(slot: string): string | undefined {
    return (this.statements.assignment.get(slot) as { project_id: string } | undefined)?.project_id;
  }

  assign(slot: string, projectId: string): string {
    this.statements.assign.run(slot, projectId);
    return this.assignment(slot) as string;
  }

  history(): string[] {
    return (this.statements.history.all() as { project_id: string }[]).map((row) => row.project_id);
  }

  postState(channelId: string, slot: string): PostState | undefined {
    return (this.statements.postState.get(channelId, slot) as { state: PostState } | undefined)?.state;
  }

  markPending(channelId: string, slot: string): void {
    this.statements.markPending.run(channelId, slot, new Date().toISOString());
  }

  markPosted(channelId: string, slot: string, ts: string): void {
    this.statements.markPosted.run(channelId, slot, ts, new Date().toISOString());
  }

  isOpen(): boolean {
    return this.db.isOpen;
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
