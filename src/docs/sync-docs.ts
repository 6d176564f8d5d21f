import type { CatalogEntry } from '../catalog/types';
import type { GithubClient } from '../github/client';
import { githubRepositories } from '../github/sync';
import type { DocTerms, ProjectDocs } from './doc-terms';

/** Files read per project at most: a docs folder of hundreds of pages is sampled by what was read before. */
const MAX_PATHS = 40;

/**
 * Each GitHub project's documentation as it is now, read through GitHub's API: the files and listed
 * folders its terms were built from last time (the README for a project seen the first time), at the
 * newest commit of the default branch. A file or folder that is gone is skipped; a project with none left
 * is left out (its earlier terms stand).
 */
export async function fetchProjectDocs(
  entries: readonly CatalogEntry[],
  client: GithubClient,
  previous: Readonly<Record<string, DocTerms>>,
  progress?: (done: number, total: number, repository: string) => void,
): Promise<ProjectDocs[]> {
  const repositories = githubRepositories(entries);
  const out: ProjectDocs[] = [];
  for (const [i, [entry, repository]] of repositories.entries()) {
    progress?.(i, repositories.length, repository);
    const before = Object.hasOwn(previous, entry.id) ? previous[entry.id] : undefined;
    const head = await client.headCommit(repository);
    if (head.status !== 'ok') continue;
    const paths: string[] = [];
    const texts: string[] = [];
    for (const path of (before?.paths ?? ['README.md']).slice(0, MAX_PATHS)) {
      const file = await client.contents(repository, path);
      if (file.status !== 'ok' || Array.isArray(file.data)) continue;
      const { content, encoding } = file.data as { content: string; encoding: string };
      paths.push(path);
      texts.push(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8').toString('utf8'));
    }
    const listed: string[] = [];
    const names: string[] = [];
    for (const folder of before?.listed ?? []) {
      const listing = await client.contents(repository, folder.replace(/\/$/, ''));
      if (listing.status !== 'ok' || !Array.isArray(listing.data)) continue;
      listed.push(folder);
      names.push(...(listing.data as { name: string }[]).map((item) => item.name));
    }
    if (paths.length === 0 && names.length === 0) continue;
    out.push({
      id: entry.id,
      repository: entry.repository,
      commit: head.data.sha,
      paths,
      listed,
      texts,
      names,
    });
  }
  progress?.(repositories.length, repositories.length, '');
  return out;
}
