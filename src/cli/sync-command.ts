import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_CATALOG_DIR, formatIssue, readCatalog } from '../catalog/load';
import { buildDocTerms } from '../docs/doc-terms';
import { readDocTermsFile, writeDocTermsFile } from '../docs/doc-terms-file';
import { fetchProjectDocs } from '../docs/sync-docs';
import { createGithubClient, type GithubClientOptions, RateLimitedError } from '../github/client';
import { driftOf } from '../github/drift';
import { GITHUB_FILE, writeGithubFile } from '../github/facts';
import { githubRepositories, syncGithub } from '../github/sync';
import type { CliIo, ExitCode } from './io';

export const SYNC_USAGE = `ebpf-bot catalog sync [DIR] [--check] [--docs]
                                   fetch stars, releases and activity from GitHub into DIR/github.json
                                   and report drift (--check: exit 1 when there is any); --docs also
                                   rebuilds DIR/doc-terms.json from each project's documentation;
                                   GITHUB_TOKEN, GITHUB_API_URL`;

export interface SyncEnvironment {
  readonly env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal, for the progress line. */
  readonly tty: boolean;
  readonly now: () => Date;
  /** Client settings beyond the environment's (tests shorten GitHub's seconds). */
  readonly client?: Pick<GithubClientOptions, 'secondMs' | 'maxWaitSeconds'>;
}

/**
 * `catalog sync`: exit 0 when the file was written (and, with --check, nothing drifted), 1 on drift
 * with --check or a broken catalog, 2 when GitHub could not be asked everything (nothing written).
 */
export async function syncCommand(
  argv: readonly string[],
  io: CliIo,
  environment: SyncEnvironment,
): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { check: { type: 'boolean', default: false }, docs: { type: 'boolean', default: false } },
  });
  const dir = positionals[0] ?? BUNDLED_CATALOG_DIR;
  const { entries, issues } = readCatalog(dir);
  if (issues.length > 0) {
    io.stderr(`${issues.map(formatIssue).join('\n')}\n`);
    return 1;
  }
  const target = path.join(dir, GITHUB_FILE);
  const token = environment.env.GITHUB_TOKEN || undefined;
  const client = createGithubClient({
    ...environment.client,
    ...(environment.env.GITHUB_API_URL && { baseUrl: environment.env.GITHUB_API_URL }),
    ...(token && { token }),
    log: (line) => io.stderr(`${line}\n`),
  });
  const total = githubRepositories(entries).length;
  try {
    const limit = await client.rateLimit();
    io.stderr(
      `GitHub API: ${limit.remaining} of ${limit.limit} requests left this hour${token ? '' : ' (no GITHUB_TOKEN)'}; ${total} repositories take up to ${2 * total}, unchanged ones none\n`,
    );
    const progress = environment.tty
      ? (done: number, count: number, repository: string) =>
          io.stderr(`\r\x1b[K[${done}/${count}] ${repository}${done === count ? '\n' : ''}`)
      : undefined;
    const result = await syncGithub(entries, client, {
      today: environment.now().toISOString().slice(0, 10),
      ...(progress && { progress }),
    });
    writeGithubFile(target, result.file);
    io.stdout(
      `${Object.keys(result.file.projects).length} repositories synced into ${target} (${result.unchanged} of ${result.requests} answers unchanged)\n`,
    );
    if (values.docs) {
      const previous = readDocTermsFile(dir).file?.projects ?? {};
      const docs = await fetchProjectDocs(entries, client, previous, progress);
      const file = writeDocTermsFile(dir, {
        built: environment.now().toISOString().slice(0, 10),
        // A project GitHub could not show keeps the terms it had.
        projects: { ...previous, ...buildDocTerms(docs) },
      });
      io.stdout(`terms of ${docs.length} projects' documentation written to ${file}\n`);
    }
    const drift = driftOf(entries, result.file, environment.now());
    if (drift.length === 0) io.stdout('No drift: the catalog agrees with GitHub.\n');
    else
      io.stdout(
        `Drift (${drift.length}): check these entries and their "checked" date\n${drift.map((item) => `  ${item.id}: ${item.kind}: ${item.message}`).join('\n')}\n`,
      );
    return values.check && drift.length > 0 ? 1 : 0;
  } catch (error) {
    if (environment.tty) io.stderr('\n');
    const reason =
      error instanceof RateLimitedError
        ? error.message
        : `${(error as Error).message}${(error as { status?: number }).status ? ` (HTTP ${(error as { status?: number }).status})` : ''}`;
    io.stderr(`ebpf-bot: sync stopped, ${target} left as it was: ${reason}\n`);
    return 2;
  }
}
