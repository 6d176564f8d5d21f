import * as fs from 'node:fs';
import * as path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Installation } from '@slack/bolt';
import {
  DEFAULT_INSTALLATION,
  type Feedback,
  type FeedbackRecord,
  type InstallationKey,
  type PostClaim,
  type PostState,
  type Store,
  type WorkspaceSubscription,
} from './store';
import { TokenCipher } from './token-cipher';

export const SQLITE_FILE = 'ebpf-bot.sqlite';

/**
 * The schema, one step per version (`PRAGMA user_version`). Version 1 is the schema of ebpf-bot 0.1
 * (one workspace); version 2 adds installations, leases and pauses, and keeps every row of version 1;
 * version 4 adds feedback (ids and terms as JSON arrays).
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS subscriptions (
     channel_id TEXT PRIMARY KEY, time TEXT NOT NULL, timezone TEXT NOT NULL,
     weekdays_only INTEGER NOT NULL, created_at TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS assignments (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, slot TEXT NOT NULL UNIQUE, project_id TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS posts (
     channel_id TEXT NOT NULL, slot TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('pending', 'posted')), ts TEXT, updated_at TEXT NOT NULL,
     PRIMARY KEY (channel_id, slot));`,
  `CREATE TABLE installations (key TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at TEXT NOT NULL);
   CREATE TABLE pauses (installation TEXT PRIMARY KEY, until_ms INTEGER NOT NULL);
   CREATE TABLE subscriptions_v2 (
     installation TEXT NOT NULL, channel_id TEXT NOT NULL, time TEXT NOT NULL, timezone TEXT NOT NULL,
     weekdays_only INTEGER NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (installation, channel_id));
   INSERT INTO subscriptions_v2 SELECT '${DEFAULT_INSTALLATION}', channel_id, time, timezone, weekdays_only, created_at
     FROM subscriptions;
   DROP TABLE subscriptions;
   ALTER TABLE subscriptions_v2 RENAME TO subscriptions;
   CREATE TABLE posts_v2 (
     channel_id TEXT NOT NULL, slot TEXT NOT NULL, installation TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('claimed', 'sending', 'posted')),
     owner TEXT, lease_until INTEGER NOT NULL DEFAULT 0, sending_since TEXT, ts TEXT,
     updated_at TEXT NOT NULL, PRIMARY KEY (channel_id, slot));
   INSERT INTO posts_v2 (channel_id, slot, installation, state, sending_since, ts, updated_at)
     SELECT channel_id, slot, '${DEFAULT_INSTALLATION}',
       CASE state WHEN 'pending' THEN 'sending' ELSE 'posted' END,
       CASE state WHEN 'pending' THEN updated_at END, ts, updated_at
     FROM posts;
   DROP TABLE posts;
   ALTER TABLE posts_v2 RENAME TO posts;`,
  'CREATE TABLE oauth_states_used (id TEXT PRIMARY KEY, expires_ms INTEGER NOT NULL);',
  `CREATE TABLE feedback (
     installation TEXT NOT NULL, click TEXT NOT NULL, at TEXT NOT NULL,
     outcome TEXT NOT NULL CHECK (outcome IN ('helpful', 'not_helpful')),
     kind TEXT NOT NULL, language TEXT NOT NULL, ids TEXT NOT NULL, terms TEXT NOT NULL,
     PRIMARY KEY (installation, click));
   CREATE INDEX feedback_at ON feedback (at);`,
];

interface SubscriptionRow {
  installation: string;
  channel_id: string;
  time: string;
  timezone: string;
  weekdays_only: number;
  created_at: string;
}

interface FeedbackRow {
  installation: string;
  at: string;
  outcome: Feedback['outcome'];
  kind: Feedback['kind'];
  language: Feedback['language'];
  ids: string;
  terms: string;
}

const toSubscription = (row: SubscriptionRow): WorkspaceSubscription => ({
  installation: row.installation,
  channelId: row.channel_id,
  time: row.time,
  timezone: row.timezone,
  weekdaysOnly: row.weekdays_only === 1,
  createdAt: new Date(row.created_at),
});

/** DATA_DIR holds installations: only the bot's user may enter it, however it was created before. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** The message when another process holds the file: SQLite is one process, PostgreSQL is for replicas. */
export class StoreLockedError extends Error {
  constructor(file: string) {
    super(
      `${file} is in use by another ebpf-bot process. SQLite serves one process; to run several, set DATABASE_URL to a PostgreSQL database.`,
    );
    this.name = 'StoreLockedError';
  }
}

/**
 * The embedded store: SQLite in `DATA_DIR/ebpf-bot.sqlite`, created on first start, held exclusively
 * by one process. Every write is its own transaction with `synchronous=FULL`, so a `kill -9` loses
 * nothing that was acknowledged. Leases use this process's clock: it is the only one.
 */
export class SqliteStore implements Store {
  private readonly db: DatabaseSync;

  /** `dataDir` of `:memory:` keeps everything in memory (local mode). */
  constructor(
    dataDir: string,
    private readonly cipher: TokenCipher = new TokenCipher(),
  ) {
    const file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, SQLITE_FILE);
    if (dataDir !== ':memory:') makePrivateDir(dataDir);
    this.db = new DatabaseSync(file, { timeout: 0 });
    try {
      // Held until close; a second process fails here at once instead of corrupting the rotation.
      this.db.exec('PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
      this.db.exec('BEGIN EXCLUSIVE; COMMIT;');
    } catch (error) {
      this.db.close();
      if ((error as { errcode?: number }).errcode === 5) throw new StoreLockedError(file);
      throw error;
    }
    if (dataDir !== ':memory:')
      for (const own of [file, `${file}-wal`, `${file}-shm`])
        if (fs.existsSync(own)) fs.chmodSync(own, 0o600);
    try {
      this.migrate();
      this.reseal();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  private migrate(): void {
    const version = (this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    for (let next = version; next < MIGRATIONS.length; next++)
      this.transaction(() => {
        this.db.exec(MIGRATIONS[next] as string);
        this.db.exec(`PRAGMA user_version = ${next + 1}`);
      });
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Seals installations stored in the clear or under an earlier key with the current key. */
  private reseal(): void {
    const rows = this.db.prepare('SELECT key, data FROM installations').all() as {
      key: string;
      data: string;
    }[];
    const update = this.db.prepare('UPDATE installations SET data = ? WHERE key = ?');
    for (const { key, data } of this.cipher.resealed(rows)) update.run(data, key);
  }

  async saveInstallation(key: InstallationKey, installation: Installation): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO installations (key, data, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
      )
      .run(key, this.cipher.seal(JSON.stringify(installation), key), new Date().toISOString());
  }

  async getInstallation(key: InstallationKey): Promise<Installation | undefined> {
    const row = this.db.prepare('SELECT data FROM installations WHERE key = ?').get(key) as
      | { data: string }
      | undefined;
    return row && (JSON.parse(this.cipher.open(row.data, key)) as Installation);
  }

  async deleteInstallation(key: InstallationKey): Promise<void> {
    this.transaction(() => {
      this.db.prepare('DELETE FROM installations WHERE key = ?').run(key);
      this.db.prepare('DELETE FROM subscriptions WHERE installation = ?').run(key);
      this.db.prepare('DELETE FROM pauses WHERE installation = ?').run(key);
      this.db.prepare("DELETE FROM posts WHERE installation = ? AND state <> 'posted'").run(key);
      this.db.prepare('DELETE FROM feedback WHERE installation = ?').run(key);
    });
  }

  async saveSubscription(subscription: WorkspaceSubscription): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO subscriptions (installation, channel_id, time, timezone, weekdays_only, created_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (installation, channel_id) DO UPDATE SET time = excluded.time,
           timezone = excluded.timezone, weekdays_only = excluded.weekdays_only`,
      )
      .run(
        subscription.installation,
        subscription.channelId,
        subscription.time,
        subscription.timezone,
        subscription.weekdaysOnly ? 1 : 0,
        subscription.createdAt.toISOString(),
      );
  }

  async removeSubscription(installation: InstallationKey, channelId: string): Promise<boolean> {
    return (
      this.db
        .prepare('DELETE FROM subscriptions WHERE installation = ? AND channel_id = ?')
        .run(installation, channelId).changes > 0
    );
  }

  async getSubscription(
    installation: InstallationKey,
    channelId: string,
  ): Promise<WorkspaceSubscription | undefined> {
    const row = this.db
      .prepare('SELECT * FROM subscriptions WHERE installation = ? AND channel_id = ?')
      .get(installation, channelId) as SubscriptionRow | undefined;
    return row && toSubscription(row);
  }

  async listSubscriptions(): Promise<WorkspaceSubscription[]> {
    const rows = this.db
      .prepare('SELECT * FROM subscriptions ORDER BY installation, channel_id')
      .all() as unknown as SubscriptionRow[];
    return rows.map(toSubscription);
  }

  async assignment(slot: string): Promise<string | undefined> {
    return (
      this.db.prepare('SELECT project_id FROM assignments WHERE slot = ?').get(slot) as
        | { project_id: string }
        | undefined
    )?.project_id;
  }

  async assign(
    slot: string,
    next: (history: readonly string[]) => string | undefined,
  ): Promise<string | undefined> {
    // One process, and this runs without awaiting: nothing else can assign in between.
    const assigned = await this.assignment(slot);
    if (assigned) return assigned;
    const project = next(await this.history());
    if (!project) return undefined;
    this.db.prepare('INSERT INTO assignments (slot, project_id) VALUES (?, ?)').run(slot, project);
    return project;
  }

  async history(): Promise<string[]> {
    return (
      this.db.prepare('SELECT project_id FROM assignments ORDER BY seq').all() as { project_id: string }[]
    ).map((row) => row.project_id);
  }

  async postState(channelId: string, slot: string): Promise<PostState | undefined> {
    return (
      this.db.prepare('SELECT state FROM posts WHERE channel_id = ? AND slot = ?').get(channelId, slot) as
        | { state: PostState }
        | undefined
    )?.state;
  }

  async postedSlots(channelId: string, slots: readonly string[]): Promise<Set<string>> {
    if (slots.length === 0) return new Set();
    const rows = this.db
      .prepare(
        `SELECT slot FROM posts WHERE channel_id = ? AND state = 'posted' AND slot IN (${slots.map(() => '?').join(', ')})`,
      )
      .all(channelId, ...slots) as { slot: string }[];
    return new Set(rows.map((row) => row.slot));
  }

  async claimPost(
    channelId: string,
    slot: string,
    installation: InstallationKey,
    owner: string,
    leaseMs: number,
  ): Promise<PostClaim | undefined> {
    const now = Date.now();
    const row = this.db
      .prepare(
        `INSERT INTO posts (channel_id, slot, installation, state, owner, lease_until, updated_at)
         VALUES (?, ?, ?, 'claimed', ?, ?, ?)
         ON CONFLICT (channel_id, slot) DO UPDATE SET owner = excluded.owner,
           lease_until = excluded.lease_until, updated_at = excluded.updated_at
         WHERE posts.state <> 'posted' AND (posts.lease_until < ? OR posts.owner = excluded.owner)
         RETURNING state, sending_since`,
      )
      .get(channelId, slot, installation, owner, now + leaseMs, new Date(now).toISOString(), now) as
      | { state: PostState; sending_since: string | null }
      | undefined;
    if (!row) return undefined;
    return row.state === 'sending' && row.sending_since ? { sendingSince: new Date(row.sending_since) } : {};
  }

  async startSending(channelId: string, slot: string, owner: string, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    const result = this.db
      .prepare(
        `UPDATE posts SET state = 'sending', sending_since = ?1, lease_until = ?2, updated_at = ?1
         WHERE channel_id = ?3 AND slot = ?4 AND owner = ?5 AND state <> 'posted' AND lease_until > ?6`,
      )
      .run(new Date(now).toISOString(), now + leaseMs, channelId, slot, owner, now);
    return result.changes > 0;
  }

  async notSent(channelId: string, slot: string, owner: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE posts SET state = 'claimed', sending_since = NULL
         WHERE channel_id = ? AND slot = ? AND owner = ? AND state = 'sending'`,
      )
      .run(channelId, slot, owner);
  }

  async markPosted(channelId: string, slot: string, ts: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE posts SET state = 'posted', ts = ?, owner = NULL, lease_until = 0, updated_at = ?
         WHERE channel_id = ? AND slot = ?`,
      )
      .run(ts, new Date().toISOString(), channelId, slot);
  }

  async release(channelId: string, slot: string, owner: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE posts SET lease_until = 0 WHERE channel_id = ? AND slot = ? AND owner = ? AND state <> 'posted'`,
      )
      .run(channelId, slot, owner);
  }

  async pause(installation: InstallationKey, seconds: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO pauses (installation, until_ms) VALUES (?, ?)
         ON CONFLICT (installation) DO UPDATE SET until_ms = MAX(until_ms, excluded.until_ms)`,
      )
      .run(installation, Date.now() + seconds * 1000);
  }

  async pauses(): Promise<Map<InstallationKey, Date>> {
    const rows = this.db
      .prepare('SELECT installation, until_ms FROM pauses WHERE until_ms > ?')
      .all(Date.now()) as {
      installation: string;
      until_ms: number;
    }[];
    return new Map(rows.map((row) => [row.installation, new Date(row.until_ms)]));
  }

  async useOAuthState(id: string, expiresAt: Date): Promise<boolean> {
    this.db.prepare('DELETE FROM oauth_states_used WHERE expires_ms < ?').run(Date.now());
    const { changes } = this.db
      .prepare('INSERT INTO oauth_states_used (id, expires_ms) VALUES (?, ?) ON CONFLICT DO NOTHING')
      .run(id, expiresAt.getTime());
    return changes === 1;
  }

  async saveFeedback(record: FeedbackRecord): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        `INSERT INTO feedback (installation, click, at, outcome, kind, language, ids, terms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        record.installation,
        record.click,
        record.at.toISOString(),
        record.outcome,
        record.kind,
        record.language,
        JSON.stringify(record.ids),
        JSON.stringify(record.terms),
      );
    return changes === 1;
  }

  async listFeedback(options: { readonly since?: Date } = {}): Promise<Feedback[]> {
    const { since } = options;
    const rows = this.db
      .prepare(
        `SELECT installation, at, outcome, kind, language, ids, terms FROM feedback
         ${since ? 'WHERE at >= ?' : ''} ORDER BY at, installation, click`,
      )
      .all(...(since ? [since.toISOString()] : [])) as unknown as FeedbackRow[];
    return rows.map((row) => ({
      installation: row.installation,
      at: new Date(row.at),
      outcome: row.outcome,
      kind: row.kind,
      language: row.language,
      ids: JSON.parse(row.ids) as string[],
      terms: JSON.parse(row.terms) as string[],
    }));
  }

  isOpen(): boolean {
    return this.db.isOpen;
  }

  /** A query on the local file returns at once or throws: nothing to time out. */
  async ping(_timeoutMs: number): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
