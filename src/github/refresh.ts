import * as fs from 'node:fs';
import type { Logger } from '@slack/bolt';
import type { CatalogEntry } from '../catalog/types';
import { createGithubClient, type GithubClientOptions } from './client';
import { writeGithubFile } from './facts';
import { syncGithub } from './sync';

/** A new bot waits this long before its first refresh, so start-up is not slowed by GitHub. */
const FIRST_REFRESH_MS = 5_000;

export interface RefreshOptions {
  readonly intervalMs: number;
  /** Where the refresh writes: DATA_DIR/github.json, never the catalog folder. */
  readonly file: string;
  /** The entries of the moment; their GitHub facts carry the validators of the last answers. */
  readonly entries: () => readonly CatalogEntry[];
  readonly client: Omit<GithubClientOptions, 'log' | 'signal'>;
  readonly logger: Logger;
  /** After a new file is written (the bot reloads its catalog). */
  readonly onWritten: () => void;
  readonly onRun?: (outcome: 'ok' | 'failed') => void;
  readonly now?: () => Date;
}

/**
 * `GITHUB_REFRESH_HOURS`: syncs the catalog's GitHub facts in the bot's own process every few hours,
 * with the client and limits of `catalog sync`, into DATA_DIR. A failed run (rate limit, GitHub down)
 * writes nothing, is logged, and is tried again at the next interval.
 */
export class GithubRefresh {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly aborter = new AbortController();

  constructor(private readonly options: RefreshOptions) {}

  start(): void {
    let due = Date.now() + FIRST_REFRESH_MS;
    try {
      // A restart does not refresh again what a recent run already did.
      due = Math.max(due, fs.statSync(this.options.file).mtimeMs + this.options.intervalMs);
    } catch {
      // no earlier refresh
    }
    this.schedule(due - Date.now());
  }

  /** Runs one refresh now; resolves when it is written or has failed. */
  refresh(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops the timer and aborts a refresh under way; nothing is written after this resolves. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.aborter.abort();
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.aborter.signal.aborted) return;
    this.timer = setTimeout(
      () => {
        this.refresh().finally(() => this.schedule(this.options.intervalMs));
      },
      Math.max(0, delayMs),
    );
    this.timer.unref();
  }

  private async run(): Promise<void> {
    const { logger } = this.options;
    const client = createGithubClient({
      ...this.options.client,
      log: (line) => logger.warn(`GitHub refresh: ${line}`),
      signal: this.aborter.signal,
    });
    try {
      const result = await syncGithub(this.options.entries(), client, {
        today: (this.options.now?.() ?? new Date()).toISOString().slice(0, 10),
      });
      if (this.aborter.signal.aborted) return;
      writeGithubFile(this.options.file, result.file);
      logger.info(
        `GitHub refresh: ${Object.keys(result.file.projects).length} repositories, ${result.unchanged} of ${result.requests} answers unchanged`,
      );
      this.options.onRun?.('ok');
      this.options.onWritten();
    } catch (error) {
      if (this.aborter.signal.aborted) return;
      logger.warn(`GitHub refresh failed, the last figures stay: ${(error as Error).message}`);
      this.options.onRun?.('failed');
    }
  }
}
