import { createCipheriv, createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Installation } from '@slack/bolt';
import { Client } from 'pg';
import { PostgresStore } from '../../src/store/postgres-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store, WorkspaceSubscription } from '../../src/store/store';
import { SealError, TokenCipher } from '../../src/store/token-cipher';
import { feedbackRecord } from '../support/feedback-record';
import { freshDatabase, testPostgresUrl } from '../support/postgres';
import { tempDataDir } from '../support/start-bot';

/** One suite, both engines: what the bot relies on holds for SQLite and for PostgreSQL alike. */

const KEY_A = Buffer.alloc(32, 1);
const KEY_B = Buffer.alloc(32, 2);

interface Engine {
  readonly name: string;
  /** A new empty store, and a way to reopen the same one (another replica, or a restart). */
  create(cipher?: TokenCipher): Promise<{
    store: Store;
    reopen: (cipher?: TokenCipher) => Promise<Store>;
    raw: () => Promise<string[]>;
    /** Sets an installation row's stored value, as someone with the database file could. */
    writeRaw: (key: string, data: string) => Promise<void>;
  }>;
}

const sqlite: Engine = {
  name: 'SQLite',
  async create(cipher) {
    const dir = tempDataDir();
    let current = new SqliteStore(dir, cipher);
    return {
      store: current,
      reopen: async (next) => {
        await current.close();
        current = new SqliteStore(dir, next);
        return current;
      },
      // The store holds the file exclusively: read its rows through its own connection.
      raw: async () =>
        (
          (current as unknown as { db: DatabaseSync }).db.prepare('SELECT data FROM installations').all() as {
            data: string;
          }[]
        ).map((row) => row.data),
      writeRaw: async (key, data) => {
        (current as unknown as { db: DatabaseSync }).db
          .prepare('UPDATE installations SET data = ? WHERE key = ?')
          .run(data, key);
      },
    };
  },
};

async function query<Row>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

const postgres: Engine = {
  name: 'PostgreSQL',
  async create(cipher) {
    const url = await freshDatabase();
    const store = await PostgresStore.open(url, cipher);
    return {
      store,
      // A second pool on the same database: another replica.
      reopen: (next) => PostgresStore.open(url, next),
      raw: async () =>
        (await query<{ data: string }>(url, 'SELECT data FROM installations')).map((row) => row.data),
      writeRaw: async (key, data) => {
        await query(url, 'UPDATE installations SET data = $2 WHERE key = $1', [key, data]);
      },
    };
  },
};

const installation = (team: string, token: string): Installation =>
  ({
    team: { id: team, name: `Team ${team}` },
    enterprise: undefined,
    isEnterpriseInstall: false,
    bot: { token, scopes: ['chat:write'], id: 'B1', userId: 'UBOT' },
    user: { id: 'U1', token: undefined, scopes: undefined },
    appId: 'A1',
    authVersion: 'v2',
  }) as Installation;

const subscription = (installationKey: string, channelId: string): WorkspaceSubscription => ({
  installation: installationKey,
  channelId,
  time: '09:00',
  timezone: 'UTC',
  weekdaysOnly: true,
  createdAt: new Date('2026-11-01T00:00:00Z'),
});

const engines = testPostgresUrl() ? [sqlite, postgres] : [sqlite];

describe.each(engines)('the $name store', (engine) => {
  const opened: Store[] = [];
  const open = async (cipher?: TokenCipher) => {
    const made = await engine.create(cipher);
    opened.push(made.store);
    return made;
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('keeps installations, sealed at rest under a key, and re-seals them when the key rotates', async () => {
    const { store, reopen, raw } = await open(new TokenCipher(KEY_A));
    await store.saveInstallation('T:T1', installation('T1', 'xoxb-secret-1'));
    expect((await store.getInstallation('T:T1'))?.bot?.token).toBe('xoxb-secret-1');
    expect(await store.getInstallation('T:T2')).toBeUndefined();
    const [sealed] = await raw();
    expect(sealed).toMatch(/^enc:v2:[0-9a-f]{8}:/);
    expect(sealed).not.toContain('xoxb');

    const rotated = await reopen(new TokenCipher(KEY_B, [KEY_A]));
    opened.push(rotated);
    expect((await rotated.getInstallation('T:T1'))?.bot?.token).toBe('xoxb-secret-1');
    const [resealed] = await raw();
    expect(resealed).not.toBe(sealed);
    const withoutOld = await reopen(new TokenCipher(KEY_B));
    opened.push(withoutOld);
    expect((await withoutOld.getInstallation('T:T1'))?.bot?.token).toBe('xoxb-secret-1');
  });

  it('binds each sealed row to its installation: a row copied over another does not open', async () => {
    const { store, writeRaw, raw } = await open(new TokenCipher(KEY_A));
    await store.saveInstallation('T:T1', installation('T1', 'xoxb-secret-1'));
    await store.saveInstallation('T:T2', installation('T2', 'xoxb-secret-2'));
    const [one] = await raw();
    await writeRaw('T:T2', one as string);
    await expect(store.getInstallation('T:T2')).rejects.toThrow(SealError);
    await expect(store.getInstallation('T:T2')).rejects.toThrow(/T:T2 does not open/);
    expect((await store.getInstallation('T:T1'))?.bot?.token).toBe('xoxb-secret-1');
  });

  it('re-seals rows of an earlier version (unbound) and plain rows, bound to their installation', async () => {
    const { store, reopen, writeRaw, raw } = await open();
    await store.saveInstallation('T:T1', installation('T1', 'xoxb-plain-1'));
    expect(await raw()).toEqual([expect.stringContaining('xoxb-plain-1')]);
    // What ebpf-bot sealed before rows were bound: AES-256-GCM without associated data, named enc:v1.
    const iv = Buffer.alloc(12, 9);
    const cipher = createCipheriv('aes-256-gcm', KEY_A, iv);
    const body = Buffer.concat([
      cipher.update(JSON.stringify(installation('T1', 'xoxb-v1')), 'utf8'),
      cipher.final(),
    ]);
    const id = createHash('sha256').update(KEY_A).digest('hex').slice(0, 8);
    await writeRaw(
      'T:T1',
      `enc:v1:${id}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`,
    );
    const upgraded = await reopen(new TokenCipher(KEY_A));
    opened.push(upgraded);
    expect(await raw()).toEqual([expect.stringMatching(/^enc:v2:/)]);
    expect((await upgraded.getInstallation('T:T1'))?.bot?.token).toBe('xoxb-v1');
  });

  it('refuses to open when a sealed row needs a key it was not given, naming the key', async () => {
    const { store, reopen } = await open(new TokenCipher(KEY_A));
    await store.saveInstallation('T:T1', installation('T1', 'xoxb-secret-1'));
    await expect(reopen()).rejects.toThrow(SealError);
    await expect(reopen(new TokenCipher(KEY_B))).rejects.toThrow(
      /sealed with key [0-9a-f]{8}, which is neither TOKEN_ENCRYPTION_KEY nor one of TOKEN_ENCRYPTION_PREVIOUS_KEYS/,
    );
  });

  it('accepts each OAuth state once, on every replica, and forgets the mark when it expires', async () => {
    const { store, reopen } = await open();
    const later = new Date(Date.now() + 60_000);
    expect(await store.useOAuthState('state-1', later)).toBe(true);
    expect(await store.useOAuthState('state-1', later)).toBe(false);
    expect(await store.useOAuthState('state-2', new Date(Date.now() - 1000))).toBe(true);
    if (engine.name === 'PostgreSQL') {
      const other = await reopen();
      opened.push(other);
      expect(await other.useOAuthState('state-1', later)).toBe(false);
    }
    // An expired mark is swept by the next use, so the table does not grow for ever.
    expect(await store.useOAuthState('state-2', later)).toBe(true);
  });

  it('removes an installation with its subscriptions, pauses and unfinished posts, and nothing else', async () => {
    const { store } = await open();
    for (const team of ['T1', 'T2']) {
      await store.saveInstallation(`T:${team}`, installation(team, `xoxb-${team}`));
      await store.saveSubscription(subscription(`T:${team}`, `C-${team}`));
      await store.claimPost(`C-${team}`, 's1', `T:${team}`, 'me', 60_000);
      await store.markPosted(`C-${team}`, 's1', '1.1');
      await store.claimPost(`C-${team}`, 's2', `T:${team}`, 'me', 60_000);
      await store.pause(`T:${team}`, 60);
    }
    await store.deleteInstallation('T:T1');
    expect(await store.getInstallation('T:T1')).toBeUndefined();
    expect((await store.listSubscriptions()).map((sub) => sub.installation)).toEqual(['T:T2']);
    expect([...(await store.pauses()).keys()]).toEqual(['T:T2']);
    expect(await store.postState('C-T1', 's2')).toBeUndefined();
    expect(await store.postState('C-T1', 's1')).toBe('posted');
    expect(await store.postState('C-T2', 's2')).toBe('claimed');
  });

  it('keeps each feedback click once, lists it oldest first from a day on, and deletes it with its installation', async () => {
    const { store, reopen } = await open();
    expect(
      await store.saveFeedback(feedbackRecord('k1', '2026-01-01T10:00:00Z', { installation: 'T:T1' })),
    ).toBe(true);
    // the same click delivered again, even judged otherwise, stays as first stored
    expect(
      await store.saveFeedback(
        feedbackRecord('k1', '2026-01-01T10:00:05Z', {
          installation: 'T:T1',
          outcome: 'not_helpful',
        }),
      ),
    ).toBe(false);
    if (engine === postgres) {
      const other = await reopen();
      opened.push(other);
      expect(
        await other.saveFeedback(feedbackRecord('k1', '2026-01-01T10:00:06Z', { installation: 'T:T1' })),
      ).toBe(false);
    }
    // the same key in another installation is another click
    expect(
      await store.saveFeedback(feedbackRecord('k1', '2026-01-02T00:00:00Z', { installation: 'T:T2' })),
    ).toBe(true);
    const compared = feedbackRecord('k2', '2026-01-03T08:30:00.123Z', {
      installation: 'T:T1',
      outcome: 'not_helpful',
      kind: 'comparison',
      language: 'zh',
      ids: ['cilium', 'calico'],
      terms: [],
    });
    expect(await store.saveFeedback(compared)).toBe(true);

    const { click: _click, ...kept } = compared;
    const all = await store.listFeedback();
    expect(all.map((row) => [row.installation, row.outcome, row.at.toISOString()])).toEqual([
      ['T:T1', 'helpful', '2026-01-01T10:00:00.000Z'],
      ['T:T2', 'helpful', '2026-01-02T00:00:00.000Z'],
      ['T:T1', 'not_helpful', '2026-01-03T08:30:00.123Z'],
    ]);
    expect(all[0]).toEqual({
      installation: 'T:T1',
      at: new Date('2026-01-01T10:00:00Z'),
      outcome: 'helpful',
      kind: 'card',
      language: 'en',
      ids: ['cilium'],
      terms: ['packet', '网络'],
    });
    expect(all[2]).toEqual(kept);
    expect(await store.listFeedback({ since: new Date('2026-01-02T00:00:00Z') })).toHaveLength(2);
    expect(await store.listFeedback({ since: new Date('2026-01-04T00:00:00Z') })).toEqual([]);

    await store.deleteInstallation('T:T1');
    expect((await store.listFeedback()).map((row) => row.installation)).toEqual(['T:T2']);
  });

  it('keeps one subscription per installation and channel, its start date across changes', async () => {
    const { store } = await open();
    await store.saveSubscription(subscription('T:T1', 'C1'));
    await store.saveSubscription(subscription('T:T2', 'C1')); // a Slack Connect channel, two installs
    await store.saveSubscription({ ...subscription('T:T1', 'C1'), time: '10:00', createdAt: new Date() });
    expect(await store.getSubscription('T:T1', 'C1')).toMatchObject({
      time: '10:00',
      createdAt: new Date('2026-11-01T00:00:00Z'),
    });
    expect(await store.listSubscriptions()).toHaveLength(2);
    expect(await store.removeSubscription('T:T1', 'C1')).toBe(true);
    expect(await store.removeSubscription('T:T1', 'C1')).toBe(false);
    expect((await store.listSubscriptions()).map((sub) => sub.installation)).toEqual(['T:T2']);
  });

  it('assigns each slot once, and two stores assigning at once never take the same turn', async () => {
    const { store, reopen } = await open();
    const order = ['a', 'b', 'c', 'd', 'e', 'f'];
    const next = (history: readonly string[]) => order[history.length];
    expect(await store.assign('s1', next)).toBe('a');
    expect(await store.assign('s1', () => 'z')).toBe('a');
    if (engine === postgres) {
      const other = await reopen();
      opened.push(other);
      const assigned = await Promise.all(
        ['s2', 's3', 's4', 's5'].map((slot, i) => (i % 2 ? other : store).assign(slot, next)),
      );
      expect(new Set(assigned).size).toBe(4);
    }
    expect((await store.history())[0]).toBe('a');
  });

  it('lets one owner at a time claim a post, hands a lapsed claim over, and never claims a posted one', async () => {
    const { store } = await open();
    expect(await store.claimPost('C1', 's1', 'T:T1', 'replica-a', 200)).toEqual({});
    expect(await store.claimPost('C1', 's1', 'T:T1', 'replica-b', 200)).toBeUndefined();
    expect(await store.startSending('C1', 's1', 'replica-b', 200)).toBe(false);
    expect(await store.startSending('C1', 's1', 'replica-a', 200)).toBe(true);
    expect(await store.postState('C1', 's1')).toBe('sending');

    await sleep(300); // replica-a died after sending, before recording it
    const taken = await store.claimPost('C1', 's1', 'T:T1', 'replica-b', 5_000);
    expect(taken?.sendingSince).toBeInstanceOf(Date);
    expect(await store.startSending('C1', 's1', 'replica-a', 200)).toBe(false); // fenced out
    await store.markPosted('C1', 's1', '1.2');
    expect(await store.claimPost('C1', 's1', 'T:T1', 'replica-c', 5_000)).toBeUndefined();
    expect(await store.postedSlots('C1', ['s1', 's2'])).toEqual(new Set(['s1']));
  });

  it('forgets a send that Slack refused, and lets a released claim go to another at once', async () => {
    const { store } = await open();
    await store.claimPost('C1', 's1', 'T:T1', 'replica-a', 60_000);
    await store.startSending('C1', 's1', 'replica-a', 60_000);
    await store.notSent('C1', 's1', 'replica-a');
    expect(await store.postState('C1', 's1')).toBe('claimed');
    await store.release('C1', 's1', 'replica-a');
    expect(await store.claimPost('C1', 's1', 'T:T1', 'replica-b', 60_000)).toEqual({});
  });

  it('pauses an installation for as long as it was told, for every reader', async () => {
    const { store } = await open();
    await store.pause('T:T1', 1);
    await store.pause('T:T1', 0.2); // a shorter pause never cuts a longer one short
    expect([...(await store.pauses()).keys()]).toEqual(['T:T1']);
    await sleep(1100);
    expect((await store.pauses()).size).toBe(0);
  });
});
