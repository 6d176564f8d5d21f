import { statfs } from 'node:fs/promises';
import type { Store } from '../store/store';

export interface ReadinessSources {
  readonly catalogLoaded: () => boolean;
  readonly slackAuthenticated: () => boolean;
  readonly stopping: () => boolean;
  readonly store: Store;
  /** Where the SQLite store writes; undefined with PostgreSQL (its disk is the database's). */
  readonly dataDir?: string;
  /** Below this many free bytes in `dataDir`, writes may fail: not ready. */
  readonly minFreeBytes: number;
}

export type ReadinessChecks = Readonly<Record<string, boolean>>;

/** The store's answer is awaited this long at most. */
const STORE_TIMEOUT_MS = 2_000;
/** A result is reused this long, so a flood of probes costs the database one query a second. */
const REUSE_MS = 1_000;

async function enoughDisk(dir: string, minFreeBytes: number): Promise<boolean> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize >= minFreeBytes;
}

/**
 * Whether this replica can serve: catalog loaded, Slack token verified, not stopping, the store
 * answering (bounded) and, for SQLite, room on its disk. One check runs at a time; its result is shared.
 */
export function readinessCheck(sources: ReadinessSources): () => Promise<ReadinessChecks> {
  let last: { at: number; checks: Promise<ReadinessChecks> } | undefined;

  const check = async (): Promise<ReadinessChecks> => {
    const [store, disk] = await Promise.all([
      sources.store.isOpen()
        ? sources.store.ping(STORE_TIMEOUT_MS).then(
            () => true,
            () => false,
          )
        : false,
      sources.dataDir === undefined
        ? true
        : enoughDisk(sources.dataDir, sources.minFreeBytes).catch(() => false),
    ]);
    return {
      catalog: sources.catalogLoaded(),
      slack: sources.slackAuthenticated(),
      accepting: !sources.stopping(),
      store,
      disk,
    };
  };

  return () => {
    const now = Date.now();
    if (!last || now - last.at >= REUSE_MS) last = { at: now, checks: check() };
    return last.checks;
  };
}
