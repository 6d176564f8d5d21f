import * as fs from 'node:fs';
import type { Logger } from '@slack/bolt';
import { GITHUB_FILE } from '../github/facts';
import { catalogOf, formatIssue, projectsDir, readCatalog } from './load';
import type { Catalog, CatalogEntry } from './types';

/** Waits for a burst of file events (an editor saving, a git checkout) to settle before reloading. */
const SETTLE_MS = 200;
/**
 * How often the folders' identities are compared with the watched ones. A watch follows a folder, not
 * its name: a folder replaced (a ConfigMap update, `mv new projects`), or removed and put back, is
 * watched again from here.
 */
const RECHECK_MS = 2_000;

export interface LiveCatalogOptions {
  readonly logger: Logger;
  /** Called with each newly loaded catalog, after it passed every check. */
  readonly onLoad: (catalog: Catalog) => void;
  readonly onInvalid?: () => void;
  /** github.json files beyond the catalog folder's own (see `readCatalog`). */
  readonly githubFiles?: readonly string[];
}

/** Which folder a name is now (device and inode), or undefined when there is none. */
function identity(dir: string): string | undefined {
  try {
    const stats = fs.statSync(dir);
    return stats.isDirectory() ? `${stats.dev}:${stats.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** "87 entries (added x; removed y; changed z)": what a reload brought. */
export function describeReload(before: readonly CatalogEntry[], after: readonly CatalogEntry[]): string {
  const old = new Map(before.map((entry) => [entry.id, entry]));
  const added = after.filter((entry) => !old.has(entry.id)).map((entry) => entry.id);
  const kept = new Set(after.map((entry) => entry.id));
  const removed = before.filter((entry) => !kept.has(entry.id)).map((entry) => entry.id);
  const changed = after
    .filter((entry) => old.has(entry.id) && JSON.stringify(old.get(entry.id)) !== JSON.stringify(entry))
    .map((entry) => entry.id);
  const parts = [
    added.length > 0 && `added ${added.join(', ')}`,
    removed.length > 0 && `removed ${removed.join(', ')}`,
    changed.length > 0 && `changed ${changed.join(', ')}`,
  ].filter(Boolean);
  return `${after.length} entries (${parts.length > 0 ? parts.join('; ') : 'no change'})`;
}

/**
 * Watches a catalog folder (its entries and its github.json) and hands over a new catalog only when
 * every entry file is valid; an invalid change is logged (file, line, reason) and the last good catalog
 * keeps serving. Names that are not entry files (folders, links to nothing) are skipped with a warning.
 */
export class LiveCatalog {
  private watchers: fs.FSWatcher[] = [];
  private watched: { catalog?: string | undefined; projects?: string | undefined } = {};
  private timer: NodeJS.Timeout | undefined;
  private recheck: NodeJS.Timeout | undefined;
  private current: readonly CatalogEntry[] = [];

  constructor(
    private readonly dir: string,
    private readonly options: LiveCatalogOptions,
    initial: readonly CatalogEntry[] = [],
  ) {
    this.current = initial;
  }

  /** Reads the folder now; returns whether the new catalog was taken. Never throws. */
  reload(): boolean {
    const { logger } = this.options;
    try {
      const { entries, notEbpf, issues, skipped } = readCatalog(this.dir, {
        ...(this.options.githubFiles && { githubFiles: this.options.githubFiles }),
      });
      for (const { file, reason } of skipped) logger.warn(`catalog: skipped ${file}: ${reason}`);
      if (issues.length > 0) {
        for (const issue of issues) logger.error(`catalog change rejected: ${formatIssue(issue)}`);
        this.options.onInvalid?.();
        return false;
      }
      this.options.onLoad(catalogOf(entries, notEbpf));
      logger.info(`catalog reloaded from ${this.dir}: ${describeReload(this.current, entries)}`);
      this.current = entries;
      return true;
    } catch (error) {
      logger.error('catalog change rejected: the folder could not be read', error);
      this.options.onInvalid?.();
      return false;
    }
  }

  watch(): void {
    this.arm();
    this.recheck = setInterval(() => {
      const now = { catalog: identity(this.dir), projects: identity(projectsDir(this.dir)) };
      if (now.catalog === this.watched.catalog && now.projects === this.watched.projects) return;
      this.options.logger.info(`catalog: ${projectsDir(this.dir)} was replaced; watching it again`);
      this.arm();
      this.changed();
    }, RECHECK_MS);
    this.recheck.unref();
  }

  private readonly changed = () => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), SETTLE_MS);
  };

  /** (Re)starts the watches on whatever folders the names are now; a missing one is watched once it is back. */
  private arm(): void {
    this.unwatch();
    this.watched = { catalog: identity(this.dir), projects: identity(projectsDir(this.dir)) };
    const watch = (dir: string, onEvent: (name: string | null) => void) => {
      try {
        const watcher = fs.watch(dir, (_event, name) => onEvent(name));
        // The folder went away under the watch: the next recheck watches it again when it is back.
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        // Not there now: the recheck arms it when it appears.
      }
    };
    watch(projectsDir(this.dir), this.changed);
    // The folder itself for its github.json (`catalog sync` renames a new one into place) and projects/.
    watch(this.dir, (name) => {
      if (name === GITHUB_FILE || name === 'projects') this.changed();
    });
  }

  private unwatch(): void {
    for (const watcher of this.watchers.splice(0)) watcher.close();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.recheck) clearInterval(this.recheck);
    this.unwatch();
  }
}
