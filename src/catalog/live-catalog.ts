import * as fs from 'node:fs';
import type { Logger } from '@slack/bolt';
import { GITHUB_FILE } from '../github/facts';
import { catalogOf, formatIssue, projectsDir, readCatalog } from './load';
import type { Catalog } from './types';

/** Waits for a burst of file events (an editor saving, a git checkout) to settle before reloading. */
const SETTLE_MS = 200;

export interface LiveCatalogOptions {
  readonly logger: Logger;
  /** Called with each newly loaded catalog, after it passed every check. */
  readonly onLoad: (catalog: Catalog) => void;
  readonly onInvalid?: () => void;
  /** github.json files beyond the catalog folder's own (see `readCatalog`). */
  readonly githubFiles?: readonly string[];
}

/**
 * Watches a catalog folder (its entries and its github.json) and hands over a new catalog only when
 * every file is valid; an invalid change is logged (file, line, reason) and the last good catalog
 * keeps serving.
 */
export class LiveCatalog {
  private readonly watchers: fs.FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dir: string,
    private readonly options: LiveCatalogOptions,
  ) {}

  /** Reads the folder now; returns whether the new catalog was taken. */
  reload(): boolean {
    const { entries, issues } = readCatalog(this.dir, {
      ...(this.options.githubFiles && { githubFiles: this.options.githubFiles }),
    });
    if (issues.length > 0) {
      for (const issue of issues) this.options.logger.error(`catalog change rejected: ${formatIssue(issue)}`);
      this.options.onInvalid?.();
      return false;
    }
    this.options.onLoad(catalogOf(entries));
    this.options.logger.info(`catalog reloaded: ${entries.length} entries`);
    return true;
  }

  watch(): void {
    const changed = () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), SETTLE_MS);
    };
    const watchers = [
      fs.watch(projectsDir(this.dir), changed),
      // The folder itself only for its github.json (`catalog sync` renames a new one into place).
      fs.watch(this.dir, (_event, name) => {
        if (name === GITHUB_FILE) changed();
      }),
    ];
    for (const watcher of watchers) {
      watcher.on('error', (error) => this.options.logger.warn('catalog watch stopped', error));
      this.watchers.push(watcher);
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const watcher of this.watchers.splice(0)) watcher.close();
  }
}
