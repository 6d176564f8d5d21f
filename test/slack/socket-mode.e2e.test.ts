import type * as net from 'node:net';
import { LogLevel } from '@slack/bolt';
import { type WebSocket, WebSocketServer } from 'ws';
import { createBot } from '../../src/bot';
import { loadCatalog } from '../../src/catalog/load';
import type { SlackConfig } from '../../src/config';
import { createJsonLogger } from '../../src/logger';
import { FakeSlack } from '../support/fake-slack';
import { testConfig } from '../support/start-bot';
import { freePort } from '../support/wait';

jest.setTimeout(20_000);

it('answers /ebpf over Socket Mode and serves health on METRICS_PORT', async () => {
  const fake = await new FakeSlack().start();
  const sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => sockets.once('listening', resolve));
  const wsUrl = `ws://127.0.0.1:${(sockets.address() as net.AddressInfo).port}/`;
  fake.answer('apps.connections.open', () => ({ ok: true, url: wsUrl }));
  const connected = new Promise<WebSocket>((resolve) =>
    sockets.on('connection', (socket) => {
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
      resolve(socket);
    }),
  );

  const metricsPort = await freePort();
  const config = {
    ...testConfig(fake),
    mode: 'socket',
    appToken: 'xapp-1-test',
    signingSecret: undefined,
    metricsPort,
  } as SlackConfig;
  const logLines: string[] = [];
  const bot = await createBot(config, loadCatalog(), {
    logger: createJsonLogger(LogLevel.INFO, [], (line) => logLines.push(line)),
    callPolicy: { attemptMs: 2_000, deadlineMs: 4_000, retries: 0, perTarget: 4 },
    watchCatalog: false,
  });
  try {
    await bot.start();
    const socket = await connected;
    const answer = new Promise<Record<string, unknown>>((resolve) =>
      socket.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.envelope_id === 'env-1') resolve(message);
      }),
    );
    socket.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/ebpf',
          text: 'tetragon',
          user_id: 'U1',
          channel_id: 'C1',
          team_id: 'T1',
          api_app_id: 'A1',
          response_url: fake.responseUrl(),
          trigger_id: '1.2',
        },
      }),
    );
    const { payload } = (await answer) as {
      payload: { response_type: string; blocks: { type: string; text?: { text: string } }[] };
    };
    expect(payload.response_type).toBe('ephemeral');
    expect(payload.blocks.find((block) => block.type === 'header')?.text?.text).toBe('Tetragon');
    expect(fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-1-test');

    const health = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/ebpf_bot_requests_total\{surface="command",outcome="ok"\} 1/);
  } finally {
    // Slack's side of the close handshake: the peer answers the bot's close frame, so the client's
    // handshake timer ends with the connection instead of outliving the test.
    const closed = [...sockets.clients].map(
      (client) => new Promise((resolve) => client.once('close', resolve)),
    );
    await bot.stop();
    await Promise.all(closed);
    await new Promise((resolve) => sockets.close(resolve));
    await fake.stop();
  }
});
