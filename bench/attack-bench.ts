/**
 * The memory attack of a stranger (`npm run bench:attack`): 120 connections each send all but the last
 * byte of a 4 MB body to /slack/events, first unsigned (what the issue found), then with made-up Slack
 * headers and a chunked body (the most a stranger gets past the header check). Reports the server's
 * RSS before and at its peak, and how long the server held each connection (capped). 127.0.0.1 only;
 * bounded in count and time. `ATTACK_SERVER=path/to/load-server.js` measures another build.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const CONNECTIONS = 120;
const BODY = 4 * 1024 * 1024;
/** A connection still open after this is reported as held for longer. */
const CAP_MS = 60_000;

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const script = process.env.ATTACK_SERVER ?? path.join(__dirname, 'load-server.js');
  const child = spawn(process.execPath, ['--max-semi-space-size=2', script, 'ours'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, port };
}

/** Opens one attacking connection; resolves with how long the server kept it open (ms, capped). */
function attack(port: number, head: string, body: (socket: net.Socket) => void): Promise<number> {
  return new Promise((resolve) => {
    const began = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(head);
      body(socket);
    });
    const cap = setTimeout(() => {
      socket.destroy();
      resolve(CAP_MS);
    }, CAP_MS);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(cap);
      resolve(Date.now() - began);
    });
    socket.resume();
  });
}

async function run(label: string, head: (n: number) => string, body: (socket: net.Socket) => void) {
  const { child, port } = await startServer();
  await sleep(1000);
  const pid = child.pid as number;
  const before = rssBytes(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid));
  }, 50);
  const held = await Promise.all(Array.from({ length: CONNECTIONS }, (_, n) => attack(port, head(n), body)));
  clearInterval(sampler);
  const alive = child.exitCode === null;
  child.kill('SIGTERM');
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const within20 = held.filter((ms) => ms <= 20_000).length;
  console.log(
    `| ${label} | ${mb(before)} | ${mb(peak)} | +${mb(peak - before)} | ${within20}/${CONNECTIONS} | ${
      Math.max(...held) >= CAP_MS ? `>${CAP_MS / 1000} s` : `${(Math.max(...held) / 1000).toFixed(1)} s`
    } | ${alive ? 'yes' : 'no'} |`,
  );
}

async function main(): Promise<void> {
  const almostAll = (socket: net.Socket) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < BODY - 1 && !socket.destroyed) {
        const size = Math.min(chunk.length, BODY - 1 - sent);
        sent += size;
        if (!socket.write(chunk.subarray(0, size))) return void socket.once('drain', pump);
      }
    };
    pump();
  };
  const chunked = (socket: net.Socket) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < BODY - 1 && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`))
          return void socket.once('drain', pump);
      }
    };
    pump();
  };
  console.log(
    '| attack | RSS before | RSS peak | change | ended within 20 s | longest held | still serving |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  await run(
    'unsigned, 4 MB announced, all but the last byte sent',
    () =>
      `POST /slack/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${BODY}\r\n\r\n`,
    almostAll,
  );
  await run(
    'made-up signature, fresh timestamp, chunked 4 MB',
    (n) =>
      `POST /slack/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-slack-request-timestamp: ${Math.floor(Date.now() / 1000)}\r\nx-slack-signature: v0=${n.toString(16).padStart(64, '0')}\r\ntransfer-encoding: chunked\r\n\r\n`,
    chunked,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
