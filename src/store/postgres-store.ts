import { setTimeout as sleep } from 'node:timers/promises';
import type { Installation } from '@slack/bolt';
import { Pool, type PoolClient } from 'pg';
import type {
  Feedback,
  FeedbackRecord,
  InstallationKey,
  PostClaim,
  PostState,
  Store,
  WorkspaceSubscription,
} from './store';
import { TokenCipher } from './token-cipher';

/** Versioned migrations, applied in order at start under an advisory lock (replicas may start together). */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE installations (
     key text PRIMARY KEY, data text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
   CREATE TABLE subscriptions (
     installation text NOT NULL, channel_id text NOT NULL, time text NOT NULL, timezone text NOT NULL,
     weekdays_only boolean NOT NULL, created_at timestamptz NOT NULL, PRIMARY KEY (installation, channel_id));
   CREATE TABLE assignments (seq bigserial PRIMARY KEY, slot text NOT NULL UNIQUE, project_id text NOT NULL);
   CREATE TABLE posts (
     channel_id text NOT NULL, slot text NOT NULL, installation text NOT NULL,
     state text NOT NULL CHECK (state IN ('claimed', 'sending', 'posted')),
     owner text, lease_until timestamptz NOT NULL DEFAULT '-infinity', sending_since timestamptz, ts text,
     updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (channel_id, slot));
   CREATE INDEX posts_installation ON posts (installation) WHERE state <> 'posted';
   CREATE TABLE pauses (installation text PRIMARY KEY, until_at timestamptz NOT NULL);`,
  'CREATE TABLE oauth_states_used (id text PRIMARY KEY, expires_at timestamptz NOT NULL);',
  `CREATE TABLE feedback (
     installation text NOT NULL, click text NOT NULL, at timestamptz NOT NULL,
     outcome text NOT NULL CHECK (outcome IN ('helpful', 'not_helpful')),
     kind text NOT NULL, language text NOT NULL, ids text[] NOT NULL, terms text[] NOT NULL,
     PRIMARY KEY (installation, click));
   CREATE INDEX feedback_at ON feedback (at);`,
];

/** Arbitrary constants naming this app's advisory locks. */
const MIGRATION_LOCK = 0x0eb9f001;
const ROTATION_LOCK = 0x0eb9f002;

interface SubscriptionRow {
  installation: string;
  channel_id: string;
  time: string;
  timezone: string;
  weekdays_only: boolean;
  created_at: Date;
}

const toSubscription = (row: SubscriptionRow): WorkspaceSubscription => ({
  installation: row.installation,
  channelId: row.channel_id,
  time: row.time,
  timezone: row.timezone,
  weekdaysOnly: row.weekdays_only,
  createdAt: row.created_at,
});

/**
 * The shared store for replicas: PostgreSQL through `pg`, plain SQL. Leases are taken and checked with
 * the database's clock (`now()`), so replicas whose clocks differ still agree on who holds a post.
 */
export class PostgresStore implements Store {
  private ended = false;

  private constructor(
    private readonly pool: Pool,
    private readonly cipher: TokenCipher,
  ) {}

  /** Connects, applies the migrations this database lacks, and re-seals installations under the current key. */
  static async open(
    url: string,
    cipher: TokenCipher = new TokenCipher(),
    onError: (error: Error) => void = () => {},
  ): Promise<PostgresStore> {
    // Every query, and every wait for a connection, ends within 10 s: a database that stops answering
    // fails the work instead of holding it.
    const pool = new Pool({
      connectionString: url,
      max: 5,
      connectionTimeoutMillis: 10_000,
      query_timeout: 10_000,
      statement_timeout: 10_000,
    });
    // An idle connection that drops (a database restart) must not crash the process.
    pool.on('error', onError);
    const store = new PostgresStore(pool, cipher);
    try {
      await store.migrate();
      await store.reseal();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      for (let next = rows[0]?.version ?? 0; next < MIGRATIONS.length; next++) {
        await client.query(MIGRATIONS[next] as string);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [next + 1]);
      }
    });
  }

  private async reseal(): Promise<void> {
    const { rows } = await this.pool.query<{ key: string; data: string }>(
      'SELECT key, data FROM installations',
    );
    for (const { key, data, was } of this.cipher.resealed(rows))
      await this.pool.query('UPDATE installations SET data = $2 WHERE key = $1 AND data = $3', [
        key,
        data,
        was,
      ]);
  }

  async saveInstallation(key: InstallationKey, installation: Installation): Promise<void> {
    await this.pool.query(
      `INSERT INTO installations (key, data) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [key, this.cipher.seal(JSON.stringify(installation), key)],
    );
  }

  async getInstallation(key: InstallationKey): Promise<Installation | undefined> {
    const { rows } = await this.pool.query<{ data: string }>(
      'SELECT data FROM installations WHERE key = $1',
      [key],
    );
    return rows[0] && (JSON.parse(this.cipher.open(rows[0].data, key)) as Installation);
  }

  async deleteInstallation(key: InstallationKey): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM installations WHERE key = $1', [key]);
      await client.query('DELETE FROM subscriptions WHERE installation = $1', [key]);
      await client.query('DELETE FROM pauses WHERE installation = $1', [key]);
      await client.query("DELETE FROM posts WHERE installation = $1 AND state <> 'posted'", [key]);
      await client.query('DELETE FROM feedback WHERE installation = $1', [key]);
    });
  }

  async saveSubscription(subscription: WorkspaceSubscription): Promise<void> {
    await this.pool.query(
      `INSERT INTO subscriptions (installation, channel_id, time, timezone, weekdays_only, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (installation, channel_id) DO UPDATE SET time = EXCLUDED.time,
         timezone = EXCLUDED.timezone, weekdays_only = EXCLUDED.weekdays_only`,
      [
        subscription.installation,
        subscription.channelId,
        subscription.time,
        subscription.timezone,
        subscription.weekdaysOnly,
        subscription.createdAt,
      ],
    );
  }

  async removeSubscription(installation: InstallationKey, channelId: string): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM subscriptions WHERE installation = $1 AND channel_id = $2',
      [installation, channelId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async getSubscription(
    installation: InstallationKey,
    channelId: string,
  ): Promise<WorkspaceSubscription | undefined> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE installation = $1 AND channel_id = $2',
      [installation, channelId],
    );
    return rows[0] && toSubscription(rows[0]);
  }

  async listSubscriptions(): Promise<WorkspaceSubscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      'SELECT * FROM subscriptions ORDER BY installation, channel_id',
    );
    return rows.map(toSubscription);
  }

  async assignment(slot: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ project_id: string }>(
      'SELECT project_id FROM assignments WHERE slot = $1',
      [slot],
    );
    return rows[0]?.project_id;
  }

  async assign(
    slot: string,
    next: (history: readonly string[]) => string | undefined,
  ): Promise<string | undefined> {
    const assigned = await this.assignment(slot);
    if (assigned) return assigned;
    return this.transaction(async (client) => {
      // Every replica computes the next turn from the same history: one at a time.
      await client.query('SELECT pg_advisory_xact_lock($1)', [ROTATION_LOCK]);
      const { rows } = await client.query<{ slot: string; project_id: string }>(
        'SELECT slot, project_id FROM assignments ORDER BY seq',
      );
      const existing = rows.find((row) => row.slot === slot);
      if (existing) return existing.project_id;
      const project = next(rows.map((row) => row.project_id));
      if (project)
        await client.query('INSERT INTO assignments (slot, project_id) VALUES ($1, $2)', [slot, project]);
      return project;
    });
  }

  async history(): Promise<string[]> {
    const { rows } = await this.pool.query<{ project_id: string }>(
      'SELECT project_id FROM assignments ORDER BY seq',
    );
    return rows.map((row) => row.project_id);
  }

  async postState(channelId: string, slot: string): Promise<PostState | undefined> {
    const { rows } = await this.pool.query<{ state: PostState }>(
      'SELECT state FROM posts WHERE channel_id = $1 AND slot = $2',
      [channelId, slot],
    );
    return rows[0]?.state;
  }

  async postedSlots(channelId: string, slots: readonly string[]): Promise<Set<string>> {
    if (slots.length === 0) return new Set();
    const { rows } = await this.pool.query<{ slot: string }>(
      "SELECT slot FROM posts WHERE channel_id = $1 AND state = 'posted' AND slot = ANY($2)",
      [channelId, [...slots]],
    );
    return new Set(rows.map((row) => row.slot));
  }

  async claimPost(
    channelId: string,
    slot: string,
    installation: InstallationKey,
    owner: string,
    leaseMs: number,
  ): Promise<PostClaim | undefined> {
    const { rows } = await this.pool.query<{ state: PostState; sending_since: Date | null }>(
      `INSERT INTO posts (channel_id, slot, installation, state, owner, lease_until)
       VALUES ($1, $2, $3, 'claimed', $4, now() + $5 * interval '1 millisecond')
       ON CONFLICT (channel_id, slot) DO UPDATE SET owner = EXCLUDED.owner,
         lease_until = EXCLUDED.lease_until, updated_at = now()
       WHERE posts.state <> 'posted' AND (posts.lease_until < now() OR posts.owner = EXCLUDED.owner)
       RETURNING state, sending_since`,
      [channelId, slot, installation, owner, leaseMs],
    );
    const row = rows[0];
    if (!row) return undefined;
    return row.state === 'sending' && row.sending_since ? { sendingSince: row.sending_since } : {};
  }

  async startSending(channelId: string, slot: string, owner: string, leaseMs: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE posts SET state = 'sending', sending_since = now(),
         lease_until = now() + $4 * interval '1 millisecond', updated_at = now()
       WHERE channel_id = $1 AND slot = $2 AND owner = $3 AND state <> 'posted' AND lease_until > now()`,
      [channelId, slot, owner, leaseMs],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async notSent(channelId: string, slot: string, owner: string): Promise<void> {
    await this.pool.query(
      `UPDATE posts SET state = 'claimed', sending_since = NULL
       WHERE channel_id = $1 AND slot = $2 AND owner = $3 AND state = 'sending'`,
      [channelId, slot, owner],
    );
  }

  async markPosted(channelId: string, slot: string, ts: string): Promise<void> {
    await this.pool.query(
      `UPDATE posts SET state = 'posted', ts = $3, owner = NULL, lease_until = '-infinity', updated_at = now()
       WHERE channel_id = $1 AND slot = $2`,
      [channelId, slot, ts],
    );
  }

  async release(channelId: string, slot: string, owner: string): Promise<void> {
    await this.pool.query(
      `UPDATE posts SET lease_until = '-infinity' WHERE channel_id = $1 AND slot = $2 AND owner = $3 AND state <> 'posted'`,
      [channelId, slot, owner],
    );
  }

  async pause(installation: InstallationKey, seconds: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO pauses (installation, until_at) VALUES ($1, now() + $2 * interval '1 second')
       ON CONFLICT (installation) DO UPDATE SET until_at = GREATEST(pauses.until_at, EXCLUDED.until_at)`,
      [installation, seconds],
    );
  }

  async pauses(): Promise<Map<InstallationKey, Date>> {
    const { rows } = await this.pool.query<{ installation: string; until_at: Date }>(
      'SELECT installation, until_at FROM pauses WHERE until_at > now()',
    );
    return new Map(rows.map((row) => [row.installation, row.until_at]));
  }

  async useOAuthState(id: string, expiresAt: Date): Promise<boolean> {
    await this.pool.query('DELETE FROM oauth_states_used WHERE expires_at < now()');
    const { rowCount } = await this.pool.query(
      'INSERT INTO oauth_states_used (id, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [id, expiresAt],
    );
    return rowCount === 1;
  }

  async saveFeedback(record: FeedbackRecord): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO feedback (installation, click, at, outcome, kind, language, ids, terms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [
        record.installation,
        record.click,
        record.at,
        record.outcome,
        record.kind,
        record.language,
        [...record.ids],
        [...record.terms],
      ],
    );
    return rowCount === 1;
  }

  async listFeedback(options: { readonly since?: Date } = {}): Promise<Feedback[]> {
    const { rows } = await this.pool.query<Feedback & { ids: string[]; terms: string[] }>(
      `SELECT installation, at, outcome, kind, language, ids, terms FROM feedback
       WHERE $1::timestamptz IS NULL OR at >= $1 ORDER BY at, installation, click`,
      [options.since ?? null],
    );
    return rows;
  }

  async ping(timeoutMs: number): Promise<void> {
    const timer = new AbortController();
    await Promise.race([
      this.pool.query('SELECT 1'),
      sleep(timeoutMs, undefined, { signal: timer.signal }).then(() => {
        throw new Error(`PostgreSQL did not answer within ${timeoutMs} ms`);
      }),
    ]).finally(() => timer.abort());
  }

  isOpen(): boolean {
    return !this.ended;
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.pool.end();
  }
}
