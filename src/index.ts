import type { LogLevel } from '@slack/bolt';
import type { AnswerContext } from './answer/answer';
import { createSlackApp } from './app';
import { CatalogLoadError, loadCatalog } from './catalog/load';
import type { CatalogEntry } from './catalog/types';
import { processIo } from './cli/io';
import { runLocalMode } from './cli/local-mode';
import { ConfigError, readConfig } from './config';
import { createJsonLogger } from './logger';
import { mixedOrder } from './potd/rotation';
import { createSearch } from './search/search';

const DAY_MS = 86_400_000;

/** Today's (UTC) place in the rotation, with no subscriptions to remember. */
function rotationOfTheDay(entries: readonly CatalogEntry[], byId: ReadonlyMap<string, CatalogEntry>) {
  const order = mixedOrder(entries);
  return () => byId.get(order[Math.floor(Date.now() / DAY_MS) % order.length] ?? '');
}

/** Reads the configuration, loads the catalog, then runs the Slack app or local mode. */
export async function run(): Promise<number> {
  let config: ReturnType<typeof readConfig>;
  let ctx: AnswerContext;
  try {
    config = readConfig();
    const catalog = loadCatalog(config.catalogDir);
    ctx = {
      catalog,
      search: createSearch(catalog.entries),
      projectOfTheDay: rotationOfTheDay(catalog.entries, catalog.byId),
      random: Math.random,
    };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CatalogLoadError) {
      process.stderr.write(`ebpf-bot: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  if (config.mode === 'local') {
    await runLocalMode(ctx, processIo, Boolean(process.stdout.isTTY));
    return 0;
  }

  const logger = createJsonLogger(config.logLevel as LogLevel, [
    config.botToken,
    config.appToken ?? '',
    config.signingSecret ?? '',
  ]);
  const slack = createSlackApp(config, { context: () => ctx }, { logger });
  try {
    const { port } = await slack.start();
    logger.info(
      config.mode === 'socket' ? 'connected to Slack in Socket Mode' : `listening on ${config.host}:${port}`,
    );
  } catch (error) {
    logger.error('could not start: check SLACK_BOT_TOKEN and the network', error);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      logger.info('shutting down');
      slack.stop().finally(resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}

if (require.main === module) {
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`ebpf-bot: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
