import type { CatalogEntry } from '../catalog/types';
import { type GithubFile, idleAYear, renamedTo } from './facts';

/** A catalog statement GitHub now contradicts: the entry needs a look (and a new `checked` date). */
export interface Drift {
  readonly id: string;
  readonly kind: 'missing' | 'moved' | 'archived' | 'license' | 'stale' | 'active-again';
  readonly message: string;
}

/** The licence ids an SPDX expression names ("Apache-2.0 AND (GPL-2.0-only OR BSD-2-Clause)"). */
export function spdxIds(expression: string | undefined): string[] {
  return (expression ?? '').split(/[\s()]+/).filter((word) => word && !/^(AND|OR|WITH)$/.test(word));
}

/** What differs between the catalog and the last sync, entry by entry, in id order. */
export function driftOf(entries: readonly CatalogEntry[], file: GithubFile, now: Date): Drift[] {
  const drift: Drift[] = [];
  for (const entry of [...entries].sort((a, b) => a.id.localeCompare(b.id))) {
    const facts = file.projects[entry.id];
    if (!facts) continue;
    const add = (kind: Drift['kind'], message: string) => drift.push({ id: entry.id, kind, message });
    if (facts.missing) {
      add(
        'missing',
        `github.com/${facts.repository} answers 404: deleted, private, or moved without a redirect`,
      );
      continue;
    }
    const renamed = renamedTo(facts);
    if (renamed) add('moved', `github.com/${facts.repository} is now github.com/${renamed}`);
    if (facts.archived && entry.status !== 'archived')
      add('archived', `archived on GitHub (read-only); the catalog says ${entry.status}`);
    if (facts.license && !spdxIds(entry.license).includes(facts.license))
      add('license', `GitHub detects ${facts.license}; the catalog says ${entry.license ?? 'nothing'}`);
    if (facts.pushed_at && !facts.archived) {
      const idle = idleAYear(facts.pushed_at, now);
      const day = facts.pushed_at.slice(0, 10);
      if (idle && entry.status === 'active') add('stale', `no push since ${day}; the catalog says active`);
      if (!idle && entry.status === 'inactive')
        add('active-again', `pushed on ${day}; the catalog says inactive`);
    }
  }
  return drift;
}
