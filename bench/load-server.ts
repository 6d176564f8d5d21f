/**
 * One server for the load benchmark, in a process of its own: `ours` is the whole bot in HTTP mode
 * against a local fake Web API; `bare` is a Bolt app whose /ebpf only acks a constant message, the
 * floor for any Bolt slash command. Prints `{"port": N}` once listening; stops on SIGTERM.
 */
import { App, LogLevel } from '@slack/bolt';
import { createBot } from '../src/bot';
import { loadCatalog } from '../src/catalog/load';
import { createJsonLogger } from '../src/logger';
import { preloadChineseScript } from '../src/text/chinese-script';
import { limitV8Memory } from '../src/v8-memory';
import { FakeSlack } from '../test/support/fake-slack';
import { SIGNING_SECRET } from '../test/support/slack-requests';
import { BOT_TOKEN, testConfig } from '../test/support/start-bot';

async function main(kind: string): Promise<void> {
  const fake = await new FakeSlack().start();
  let stop: () => Promise<unknown>;
  let port: number | undefined;
  if (kind === 'ours') {
    limitV8Memory(); // as src/index.ts does, with the Chinese converters loaded at start
    preloadChineseScript();
    const config = {
      ...testConfig(fake),
      logLevel: 'error' as const,
      ...(process.env.DATABASE_URL && { databaseUrl: process.env.DATABASE_URL }),
    };
    const bot = await createBot(config, loadCatalog(), {
      logger: createJsonLogger(LogLevel.ERROR),
      watchCatalog: false,
    });
    ({ port } = await bot.start());
    stop = () => bot.stop();
  } else {
    const app = new App({
      token: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      logLevel: LogLevel.ERROR,
      deferInitialization: true,
      clientOptions: { slackApiUrl: fake.apiUrl },
    });
    app.command('/ebpf', async ({ ack }) => {
      await ack('ok');
    });
    await app.init();
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as import('node:http').Server;
    port = (server.address() as import('node:net').AddressInfo).port;
    stop = () => app.stop();
  }
  process.stdout.write(`${JSON.stringify({ port, authTests: fake.total('auth.test') })}\n`);
  process.once('SIGTERM', () => {
    process.stdout.write(`${JSON.stringify({ authTests: fake.total('auth.test') })}\n`);
    Promise.allSettled([stop(), fake.stop()]).then(() => process.exit(0));
  });
}

main(process.argv[2] ?? 'ours').catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
