import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort } from './wait';

/** Where Debian's postgresql package puts the server binaries (the newest version), or undefined. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/** The server refuses to run as root: as root, run it as the postgres (or nobody) user. */
function asServerUser(): { user?: string; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  for (const user of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (id.status === 0) return { user, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('running as root without a postgres or nobody user to run PostgreSQL as');
}

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  readonly url: string;
  /** The server goes away (as in a crash), keeping its data; `up()` brings it back on the same port. */
  down(): void;
  up(): void;
  stop(): void;
}

/**
 * A throwaway PostgreSQL cluster: initdb into a temporary folder, a random port on 127.0.0.1, no fsync
 * (the data dies with the test run anyway) unless `durable` (a crash must keep what was committed),
 * trust authentication for the local superuser.
 */
export async function startPostgres(bin: string, options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const owner = asServerUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebpf-bot-pg-'));
  const data = path.join(dir, 'data');
  fs.mkdirSync(data);
  if (owner.uid !== undefined && owner.gid !== undefined) {
    fs.chownSync(dir, owner.uid, owner.gid);
    fs.chownSync(data, owner.uid, owner.gid);
  }
  const run = (command: string, args: string[]) =>
    execFileSync(path.join(bin, command), args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(owner.uid !== undefined && { uid: owner.uid, gid: owner.gid }),
    });
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const port = await freePort();
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${
        options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'
      }`,
      'start',
    ]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    down: () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    up: start,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The cluster of this test run (test/support/global-setup.ts); undefined where none could start. */
export function testPostgresUrl(): string | undefined {
  return process.env.EBPF_BOT_TEST_POSTGRES || undefined;
}

let counter = 0;

/** A new, empty database in the test cluster, for one test suite or case. */
export async function freshDatabase(): Promise<string> {
  const url = testPostgresUrl();
  if (!url) throw new Error('no test PostgreSQL (test/support/global-setup.ts)');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return url.replace(/\/postgres$/, `/${name}`);
}
