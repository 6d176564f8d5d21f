import type { LogLevel } from '@slack/bolt';
import { createBot, createLocalContext } from './bot';
import { CatalogLoadError, loadCatalog } from './catalog/load';
import type { Catalog } from './catalog/types';
import { processIo } from './cli/io';
import { runLocalMode } from './cli/local-mode';
import { type Config, ConfigError, readConfig, secretsOf } from './config';
import { githubDataFile } from './github/facts';
import { createJsonLogger } from './logger';
import { StoreLockedError } from './store/sqlite-store';
import { SealError } from './store/token-cipher';
import { preloadChineseScript } from './text/chinese-script';
import { limitV8Memory } from './v8-memory';

/** One line on why start-up failed: a configuration or network problem needs no stack trace. */
function startupProblem(error: unknown): string {
  const { code, data, message } = error as { code?: string; data?: { error?: string }; message?: string };
  if (code === 'slack_webapi_platform_error')
    return `Slack refused SLACK_BOT_TOKEN (${data?.error}); check the token`;
  if (code === 'slack_webapi_request_error')
    return `cannot reach Slack's Web API (${message}); check the network or SLACK_API_URL`;
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
    return `the port is in use (${message}); set PORT`;
  if (error instanceof StoreLockedError) return error.message;
  if (error instanceof SealError)
    return `${error.message}; start with the key that sealed it (TOKEN_ENCRYPTION_KEY, or TOKEN_ENCRYPTION_PREVIOUS_KEYS during a rotation)`;
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', '28P01', '3D000'].includes(String(code)))
    return `cannot open the database (${message}); check DATABASE_URL`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** How long a shutdown may wait for work under way (Docker's default stop timeout is 10 s). */
const SHUTDOWN_MS = 8_000;

/** Reads the configuration and the catalog, then runs the Slack app or local mode; returns the exit code. */
export async function run(): Promise<number> {
  let config: Config;
  let catalog: Catalog;
  try {
    config = readConfig();
    catalog = loadCatalog(config.catalogDir, { githubFiles: [githubDataFile(config.dataDir)] });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CatalogLoadError) {
      process.stderr.write(`ebpf-bot: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  if (config.mode === 'local') {
    const ctx = createLocalContext(
      catalog,
      config.potdTimezone,
      createJsonLogger(config.logLevel as LogLevel),
    );
    await runLocalMode(ctx, processIo, Boolean(process.stdout.isTTY));
    ctx.close();
    return 0;
  }

  limitV8Memory();
  // Reading and writing traditional Chinese needs OpenCC's tables: loaded now, not at someone's question.
  preloadChineseScript();
  // Files the bot creates (the SQLite store, github.json) are its user's alone.
  process.umask(0o077);
  const logger = createJsonLogger(config.logLevel as LogLevel, secretsOf(config));
  let bot: Awaited<ReturnType<typeof createBot>> | undefined;
  // A rejection nothing handled (inside a library, say) is one request's failure, not the process's.
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled promise rejection; still serving', reason);
    bot?.metrics.unhandledRejection();
  });
  try {
    bot = await createBot(config, catalog, { logger });
  } catch (error) {
    logger.error(`could not start: ${startupProblem(error)}`);
    return 1;
  }
  try {
    const { port } = await bot.start();
    logger.info(
      config.mode === 'socket' ? 'connected to Slack in Socket Mode' : `listening on ${config.host}:${port}`,
    );
  } catch (error) {
    logger.error(`could not start: ${startupProblem(error)}`);
    await bot.stop().catch(() => undefined);
    return 1;
  }

  await new Promise<void>((resolve) => {
    const stop = () => {
      logger.info('shutting down');
      const deadline = setTimeout(() => {
        logger.warn(`work still under way after ${SHUTDOWN_MS} ms; exiting anyway`);
        resolve();
      }, SHUTDOWN_MS);
      bot
        .stop()
        .catch((error: unknown) => logger.error('error while stopping', error))
        .finally(() => {
          clearTimeout(deadline);
          resolve();
        });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  logger.info('stopped');
  // Anything a timed-out shutdown left open must not keep the process alive.
  setImmediate(() => process.exit(0)).unref();
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
