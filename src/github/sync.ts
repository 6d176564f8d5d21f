import type { CatalogEntry } from '../catalog/types';
import type { GithubClient } from './client';
import { type GithubFacts, type GithubFile, githubRepository } from './facts';

export interface SyncOptions {
  /** The day of this sync, YYYY-MM-DD. */
  readonly today: string;
  readonly progress?: (done: number, total: number, repository: string) => void;
}

export interface SyncResult {
  readonly file: GithubFile;
  /** Requests GitHub answered 304: nothing changed, no rate limit spent. */
  readonly unchanged: number;
  readonly requests: number;
}

/** The cataloged repositories that live on GitHub, as `[entry, owner/repo]`, in id order. */
export function githubRepositories(entries: readonly CatalogEntry[]): [CatalogEntry, string][] {
  return entries
    .map((entry): [CatalogEntry, string | undefined] => [entry, githubRepository(entry.repository)])
    .filter((pair): pair is [CatalogEntry, string] => pair[1] !== undefined)
    .sort(([a], [b]) => a.id.localeCompare(b.id));
}

/**
 * Asks GitHub for every cataloged repository and its latest release, one after another, sending the
 * validators of the facts the entries carry from the last sync, so unchanged repositories are free
 * (304). Throws on anything but a full answer (rate limit spent, a server error that retries did not
 * cure), so a caller writes either a whole new file or nothing.
 */
export async function syncGithub(
  entries: readonly CatalogEntry[],
  client: GithubClient,
  options: SyncOptions,
): Promise<SyncResult> {
  const repositories = githubRepositories(entries);
  const projects: Record<string, GithubFacts> = {};
  let unchanged = 0;
  let requests = 0;
  for (const [i, [{ id, github: before }, repository]] of repositories.entries()) {
    options.progress?.(i, repositories.length, repository);
    const old = before?.repository === repository && !before.missing ? before : undefined;

    requests++;
    const answer = await client.repository(repository, old?.etag?.repository);
    if (answer.status === 'not-found') {
      projects[id] = { repository, missing: true };
      continue;
    }
    let facts: GithubFacts;
    if (answer.status === 'not-modified' && old) {
      unchanged++;
      const { release: _release, etag, synced: _synced, ...kept } = old;
      facts = { ...kept, ...(etag?.repository && { etag: { repository: etag.repository } }) };
    } else if (answer.status === 'ok') {
      const { data } = answer;
      const license = data.license?.spdx_id;
      facts = {
        repository,
        full_name: data.full_name,
        stars: data.stargazers_count,
        pushed_at: data.pushed_at,
        archived: data.archived,
        ...(license && license !== 'NOASSERTION' && { license }),
        avatar_url: data.owner.avatar_url,
        ...(answer.etag && { etag: { repository: answer.etag } }),
      };
    } else {
      throw new Error(`GitHub answered 304 for ${repository} without an earlier answer to reuse`);
    }

    requests++;
    // A renamed or moved repository answers at its new name; ask there for its releases.
    const release = await client.latestRelease(facts.full_name ?? repository, old?.etag?.release);
    let releaseFacts: GithubFacts['release'];
    let releaseEtag: string | undefined;
    if (release.status === 'not-modified') {
      unchanged++;
      releaseFacts = old?.release;
      releaseEtag = old?.etag?.release;
    } else if (release.status === 'ok' && release.data.published_at) {
      releaseFacts = { tag: release.data.tag_name, published_at: release.data.published_at };
      releaseEtag = release.etag;
    }
    projects[id] = {
      ...facts,
      ...(releaseFacts && { release: releaseFacts }),
      ...((facts.etag || releaseEtag) && {
        etag: { ...facts.etag, ...(releaseEtag && { release: releaseEtag }) },
      }),
    };
  }
  options.progress?.(repositories.length, repositories.length, '');
  return { file: { synced: options.today, projects }, unchanged, requests };
}
