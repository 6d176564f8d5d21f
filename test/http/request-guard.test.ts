import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import { guardSlackRequests, routableBody } from '../../src/http/request-guard';
import { SIGNING_SECRET, sign } from '../support/slack-requests';

/**
 * The guard in front of Bolt's receiver, on a real HTTP server: what a stranger can make the server
 * read and hold, before anything knows the request is Slack's.
 */

interface Seen {
  readonly body: string;
}

async function guarded(limits: { bodyBytes?: number; unverifiedBytes?: number } = {}) {
  const seen: Seen[] = [];
  const refused: string[] = [];
  const listener = guardSlackRequests(
    (req, res) => {
      seen.push({ body: (req as http.IncomingMessage & { rawBody?: Buffer }).rawBody?.toString() ?? '' });
      res.writeHead(200);
      res.end('handled');
    },
    {
      signingSecret: SIGNING_SECRET,
      eventPaths: ['/slack/events'],
      onRefused: (status, reason) => refused.push(`${status} ${reason}`),
      ...limits,
    },
  );
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/slack/events`,
    seen,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const now = () => Math.floor(Date.now() / 1000);

/** Writes raw request bytes and resolves with the status line, or 'closed' when the server hangs up. */
function rawRequest(port: number, head: string, body = ''): Promise<{ status: string; socket: net.Socket }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(head + body));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (text.includes('\r\n')) resolve({ status: text.split('\r\n')[0] ?? '', socket });
    });
    socket.on('close', () => resolve({ status: text.split('\r\n')[0] || 'closed', socket }));
    socket.on('error', () => undefined);
  });
}

describe('the Slack request guard', () => {
  it('answers 401 at the headers when there is no signature or the timestamp is stale, reading no body', async () => {
    const server = await guarded();
    try {
      // A 4 MB body is announced and never sent: the answer comes anyway, at once.
      const unsigned = await rawRequest(
        server.port,
        'POST /slack/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 4194304\r\n\r\n',
        '{"a":',
      );
      expect(unsigned.status).toBe('HTTP/1.1 401 Unauthorized');
      unsigned.socket.destroy();

      const stale = now() - 6 * 60;
      const old = await rawRequest(
        server.port,
        `POST /slack/events HTTP/1.1\r\nhost: x\r\nx-slack-request-timestamp: ${stale}\r\nx-slack-signature: ${sign('{}', stale)}\r\ncontent-length: 4194304\r\n\r\n`,
      );
      expect(old.status).toBe('HTTP/1.1 401 Unauthorized');
      old.socket.destroy();
      expect(server.refused).toEqual(['401 no Slack signature', '401 stale Slack timestamp']);
      expect(server.seen).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('refuses a body over the limit, announced or streamed, and closes the connection', async () => {
    const server = await guarded({ bodyBytes: 1000 });
    try {
      const ts = now();
      const announced = await rawRequest(
        server.port,
        `POST /slack/events HTTP/1.1\r\nhost: x\r\nx-slack-request-timestamp: ${ts}\r\nx-slack-signature: ${sign('x', ts)}\r\ncontent-length: 1001\r\n\r\n`,
      );
      expect(announced.status).toBe('HTTP/1.1 413 Payload Too Large');
      const chunk = 'a'.repeat(600);
      const streamed = await rawRequest(
        server.port,
        `POST /slack/events HTTP/1.1\r\nhost: x\r\nx-slack-request-timestamp: ${ts}\r\nx-slack-signature: ${sign('x', ts)}\r\ntransfer-encoding: chunked\r\n\r\n`,
        `258\r\n${chunk}\r\n258\r\n${chunk}\r\n`,
      );
      expect(streamed.status).toMatch(/^HTTP\/1.1 413|^closed$/);
      expect(server.seen).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('holds at most the unverified-bytes budget over every connection: more get 503 at once', async () => {
    const server = await guarded({ bodyBytes: 1000, unverifiedBytes: 2000 });
    try {
      const ts = now();
      const head = `POST /slack/events HTTP/1.1\r\nhost: x\r\nx-slack-request-timestamp: ${ts}\r\nx-slack-signature: ${sign('x', ts)}\r\ncontent-length: 1000\r\n\r\n`;
      // Two slow bodies fill the budget; the server waits for the rest of them.
      const holders = [net.connect(server.port, '127.0.0.1'), net.connect(server.port, '127.0.0.1')];
      for (const socket of holders) socket.write(`${head}{"partial":`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const third = await rawRequest(server.port, head);
      expect(third.status).toBe('HTTP/1.1 503 Service Unavailable');
      for (const socket of holders) socket.destroy();
      // Once they are gone, the budget is free again: a signed request is handled.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const body = JSON.stringify({ type: 'event_callback', event: { type: 'app_mention' } });
      const response = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(body, ts),
        },
        body,
      });
      expect(response.status).toBe(200);
      expect(server.seen).toEqual([{ body }]);
    } finally {
      await server.close();
    }
  });

  it('hands on only bodies signed by Slack, in shapes Bolt can route', async () => {
    const server = await guarded();
    const post = (body: string, type: string, signature = sign(body, now())) =>
      fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': type,
          'x-slack-request-timestamp': String(now()),
          'x-slack-signature': signature,
        },
        body,
      }).then((response) => response.status);
    try {
      expect(
        await post('{"type":"event_callback"}', 'application/json', sign('{"type":"other"}', now())),
      ).toBe(401);
      expect(await post('null', 'application/json')).toBe(400);
      expect(await post('command=%2Febpf&text=x', 'application/x-www-form-urlencoded')).toBe(200);
      expect(await post('{"type":"event_callback"}', 'application/json')).toBe(200);
      expect(server.seen.map((seen) => seen.body)).toEqual([
        'command=%2Febpf&text=x',
        '{"type":"event_callback"}',
      ]);
    } finally {
      await server.close();
    }
  });

  it('lets bodiless requests to other paths through and refuses bodies sent there', async () => {
    const server = await guarded();
    try {
      const base = server.url.replace('/slack/events', '');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/healthz`, { method: 'POST', body: 'x'.repeat(100) })).status).toBe(404);
      expect((await fetch(server.url)).status).toBe(405);
    } finally {
      await server.close();
    }
  });
});

describe('routable bodies', () => {
  it.each([
    ['null', 'application/json', false],
    ['[]', 'application/json', false],
    ['1', 'application/json', false],
    ['"text"', 'application/json', false],
    ['{', 'application/json', false],
    ['', 'application/json', false],
    ['{}', 'application/json', true],
    ['payload=null', 'application/x-www-form-urlencoded', false],
    ['payload=%5B%5D', 'application/x-www-form-urlencoded', false],
    ['payload=%7B', 'application/x-www-form-urlencoded', false],
    ['payload=a&payload=b', 'application/x-www-form-urlencoded', false],
    ['payload=%7B%7D', 'application/x-www-form-urlencoded', true],
    ['command=%2Febpf', 'application/x-www-form-urlencoded', true],
  ])('%s (%s): %s', (body, type, expected) => {
    expect(routableBody(Buffer.from(body), type)).toBe(expected);
  });
});
