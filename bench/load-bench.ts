/**
 * Load benchmark (`npm run bench:load`): the same stream of signed slash commands against this bot
 * and against a bare Bolt app that only acks, at a few concurrency levels, on 127.0.0.1 only.
 * Every run is bounded in time and count; servers run in child processes pinned to their own core.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { loadCatalog } from '../src/catalog/load';
import { NODE_MEMORY_FLAGS } from '../src/v8-memory';
import { postgresBin, startPostgres } from '../test/support/postgres';
import { sign } from '../test/support/slack-requests';
import { burstQueries, realisticQueries } from './queries';

const DURATION_MS = Number(process.env.LOAD_SECONDS ?? 8) * 1000;
const WARMUP_MS = 2000;
const MAX_REQUESTS_PER_RUN = 400_000;
const LEVELS = [10, 50];
const QUERIES = 10_000;
/** The repeated-question run: a burst after an announcement, everyone asking about the same few. */
const BURST_QUERIES = 200;
const BURST_CONNECTIONS = 50;

interface Server {
  child: ChildProcess;
  port: number;
  lines: readline.Interface;
}

interface RunResult {
  requests: number;
  errors: number;
  throughput: number;
  p50: number;
  p99: number;
  max: number;
}

const hasTaskset = spawnSync('taskset', ['-V']).status === 0;

async function startServer(
  kind: 'ours' | 'bare',
  { core = 1, databaseUrl }: { core?: number; databaseUrl?: string } = {},
): Promise<Server> {
  const script = path.join(__dirname, 'load-server.js');
  // the bot as `npm start` runs it; bare Bolt as any app would run
  const flags = kind === 'ours' ? NODE_MEMORY_FLAGS : [];
  const options = {
    stdio: ['ignore', 'pipe', 'inherit'] as ('ignore' | 'pipe' | 'inherit')[],
    env: { ...process.env, ...(databaseUrl && { DATABASE_URL: databaseUrl }) },
  };
  const child = hasTaskset
    ? spawn('taskset', ['-c', String(core), process.execPath, ...flags, script, kind], options)
    : spawn(process.execPath, [...flags, script, kind], options);
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, port, lines };
}

/** Peak resident memory of a process, from the kernel's high-water mark. */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

export function bodies(queries: readonly string[]): { body: string; signature: string; timestamp: string }[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return queries.map((text, i) => {
    const body = new URLSearchParams({
      token: 'legacy',
      team_id: 'T1',
      channel_id: 'C1',
      user_id: `U${i % 2000}`,
      command: '/ebpf',
      text,
      api_app_id: 'A1',
      response_url: 'http://127.0.0.1:9/unused',
      trigger_id: `${i}.1`,
    }).toString();
    return { body, signature: sign(body, Number(timestamp)), timestamp };
  });
}

/**
 * Where the next request comes from in a stream. Runs against one server share it, so a question comes
 * round again only after every other one: the bot never has it among its recent questions.
 */
export interface Cursor {
  next: number;
}

/**
 * `concurrency` keep-alive loops sending the stream in order until the time or count runs out; with
 * several ports (replicas behind a balancer), the loops take turns among them.
 */
export async function run(
  port: number | readonly number[],
  stream: ReturnType<typeof bodies>,
  concurrency: number,
  durationMs: number,
  cursor: Cursor = { next: 0 },
): Promise<RunResult> {
  const ports = typeof port === 'number' ? [port] : port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  const deadline = Date.now() + durationMs;
  const send = (item: (typeof stream)[number], target: number) =>
    new Promise<boolean>((resolve) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: target,
          path: '/slack/events',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(item.body),
            'x-slack-request-timestamp': item.timestamp,
            'x-slack-signature': item.signature,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode === 200));
        },
      );
      request.on('error', () => resolve(false));
      request.end(item.body);
    });
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      const target = ports[loop % ports.length] as number;
      while (Date.now() < deadline && sent++ < MAX_REQUESTS_PER_RUN) {
        const item = stream[cursor.next++ % stream.length] as (typeof stream)[number];
        const t0 = process.hrtime.bigint();
        const ok = await send(item, target);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    throughput: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? 0,
  };
}

/** How many questions the bot answered from recent same questions so far (undefined: the bare app). */
async function recentQuestionHits(port: number): Promise<number | undefined> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  if (!response.ok) return undefined;
  const text = await response.text();
  return Number(/ebpf_bot_recent_questions_total\{result="hit"\} (\d+)/.exec(text)?.[1] ?? 0);
}

interface Measured {
  results: Map<number, RunResult>;
  /** Questions answered from recent same questions during the distinct-query runs: should be none. */
  distinctHits: number | undefined;
  burst: RunResult;
  rss: number;
  authTests: number;
}

async function measure(kind: 'ours' | 'bare', queries: readonly string[], burst: readonly string[]) {
  const server = await startServer(kind);
  try {
    const stream = bodies(queries);
    const cursor = { next: 0 };
    await run(server.port, stream, 10, WARMUP_MS, cursor);
    const before = await recentQuestionHits(server.port);
    const results = new Map<number, RunResult>();
    for (const level of LEVELS)
      results.set(level, await run(server.port, stream, level, DURATION_MS, cursor));
    const after = await recentQuestionHits(server.port);
    const burstResult = await run(server.port, bodies(burst), BURST_CONNECTIONS, DURATION_MS);
    const rss = peakRssMb(server.child.pid as number);
    const stopped = new Promise<number>((resolve) =>
      server.lines.once('line', (line) => resolve((JSON.parse(line) as { authTests: number }).authTests)),
    );
    server.child.kill('SIGTERM');
    const distinctHits = before === undefined || after === undefined ? undefined : after - before;
    return { results, distinctHits, burst: burstResult, rss, authTests: await stopped } satisfies Measured;
  } finally {
    server.child.kill('SIGKILL');
  }
}

/**
 * One replica against two on a shared PostgreSQL (a throwaway cluster of Debian's postgresql, as the
 * tests start): the first pinned to core 1, the second to core 0, which the load shares, on a
 * machine of two cores. Reported, not a target.
 */
async function measureReplicas(
  queries: readonly string[],
): Promise<{ one: RunResult; two: RunResult } | undefined> {
  const bin = postgresBin();
  if (!bin) return undefined;
  const cluster = await startPostgres(bin);
  const servers: Server[] = [];
  try {
    const databaseUrl = cluster.url;
    const stream = bodies(queries);
    const cursor = { next: 0 };
    servers.push(await startServer('ours', { core: 1, databaseUrl }));
    const [first] = servers as [Server];
    await run(first.port, stream, 10, WARMUP_MS, cursor);
    const one = await run(first.port, stream, BURST_CONNECTIONS, DURATION_MS, cursor);
    servers.push(await startServer('ours', { core: 0, databaseUrl }));
    const ports = servers.map((server) => server.port);
    await run(ports, stream, 10, WARMUP_MS, cursor);
    const two = await run(ports, stream, BURST_CONNECTIONS, DURATION_MS, cursor);
    return { one, two };
  } finally {
    for (const server of servers) server.child.kill('SIGKILL');
    cluster.stop();
  }
}

async function main(): Promise<void> {
  if (hasTaskset) spawnSync('taskset', ['-p', '-c', '0', String(process.pid)]);
  const queries = realisticQueries(loadCatalog().entries, QUERIES);
  console.log(
    `${queries.length} distinct queries, ${DURATION_MS / 1000} s per run${hasTaskset ? ', server on core 1, load on core 0' : ''}\n`,
  );
  const burst = burstQueries(loadCatalog().entries, BURST_QUERIES);
  const bare = await measure('bare', queries, burst);
  const ours = await measure('ours', queries, burst);

  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const row = (label: string, name: string, r: RunResult, rss: number) =>
    `| ${label} | ${name} | ${r.throughput.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.errors} | ${rss.toFixed(0)} MB |`;
  const ratio = (label: string, o: RunResult, b: RunResult) =>
    `| ${label} | ratio | ${(o.throughput / b.throughput).toFixed(2)}x | ${(o.p50 / b.p50).toFixed(2)}x | ${(o.p99 / b.p99).toFixed(2)}x | | | |`;
  console.log('| connections | app | req/s | p50 | p99 | max | errors | peak RSS |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const level of LEVELS) {
    const b = bare.results.get(level) as RunResult;
    const o = ours.results.get(level) as RunResult;
    console.log(row(String(level), 'bare Bolt (ack only)', b, bare.rss));
    console.log(row(String(level), 'ebpf-bot', o, ours.rss));
    console.log(ratio(String(level), o, b));
  }
  console.log(
    `\nebpf-bot answered ${ours.distinctHits} of those questions from recent same questions (should be 0)`,
  );
  console.log(`\nRepeated questions (${burst.length} distinct, cycled), ${BURST_CONNECTIONS} connections:\n`);
  console.log('| run | app | req/s | p50 | p99 | max | errors | peak RSS |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(row('repeated', 'bare Bolt (ack only)', bare.burst, bare.rss));
  console.log(row('repeated', 'ebpf-bot', ours.burst, ours.rss));
  console.log(ratio('repeated', ours.burst, bare.burst));
  console.log(
    `\nauth.test calls: bare ${bare.authTests}, ebpf-bot ${ours.authTests} (each should be 1, at start)`,
  );
  console.log('targets: throughput >= 0.90x, p99 <= 1.2x, zero errors, RSS < 150 MB');

  const replicas = await measureReplicas(queries);
  if (!replicas) {
    console.log('\nReplicas on PostgreSQL: skipped, no PostgreSQL here (apt-get install postgresql)');
    return;
  }
  console.log(`\nReplicas on one PostgreSQL, ${BURST_CONNECTIONS} connections, distinct questions:\n`);
  console.log('| replicas | req/s | p50 | p99 | max | errors |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [count, r] of [
    [1, replicas.one],
    [2, replicas.two],
  ] as const)
    console.log(
      `| ${count} | ${r.throughput.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.errors} |`,
    );
  console.log(`| ratio | ${(replicas.two.throughput / replicas.one.throughput).toFixed(2)}x | | | | |`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
