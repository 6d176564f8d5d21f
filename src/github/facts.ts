import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What GitHub says of one cataloged repository, as `ebpf-bot catalog sync` last saw it. Field names
 * follow GitHub's REST API.
 */
export interface GithubFacts {
  /** `owner/repo` as the catalog names it. */
  readonly repository: string;
  /** GitHub answered 404: the repository was deleted or made private. Nothing else is known. */
  readonly missing?: true;
  /** `owner/repo` as GitHub names it now; differs from `repository` after a rename or transfer. */
  readonly full_name?: string;
  readonly stars?: number;
  readonly pushed_at?: string;
  readonly archived?: boolean;
  /** SPDX id of the licence GitHub detected; absent when it names none (or only NOASSERTION). */
  readonly license?: string;
  readonly avatar_url?: string;
  readonly release?: { readonly tag: string; readonly published_at: string };
  /** Validators for conditional requests: a 304 answer costs no rate limit. */
  readonly etag?: { readonly repository?: string; readonly release?: string };
}

/** `DIR/github.json`: generated, never edited by hand. */
export interface GithubFile {
  /** The day of the sync (YYYY-MM-DD): "as of" on cards. A day, so a re-run the same day is no diff. */
  readonly synced: string;
  readonly projects: Readonly<Record<string, GithubFacts>>;
}

export const GITHUB_FILE = 'github.json';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A year without a push: the catalog's line between active and inactive. */
const INACTIVE_DAYS = 365;

/** Whether a repository last pushed at `pushedAt` had gone a year without a push by `at`. */
export function idleAYear(pushedAt: string, at: Date): boolean {
  return (at.getTime() - Date.parse(pushedAt)) / DAY_MS >= INACTIVE_DAYS;
}

/** The repository's new `owner/repo` after a rename or transfer; undefined when it kept its name. */
export function renamedTo(facts: GithubFacts): string | undefined {
  return facts.full_name && facts.full_name.toLowerCase() !== facts.repository.toLowerCase()
    ? facts.full_name
    : undefined;
}

/** Where the in-process refresh keeps its figures: beside the bot's state, never in the catalog. */
export function githubDataFile(dataDir: string): string {
  return path.join(dataDir, GITHUB_FILE);
}

/** `owner/repo` of a github.com repository URL; undefined for other hosts. */
export function githubRepository(url: string): string | undefined {
  const match = /^https:\/\/github\.com\/([^/\s]+)\/([^/\s#?]+?)(?:\.git)?\/?$/i.exec(url);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** Keys sorted at every level: the same facts always give the same bytes. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
    );
  return value;
}

export function serializeGithubFile(file: GithubFile): string {
  return `${JSON.stringify(sortedKeys(file), null, 2)}\n`;
}

/**
 * Writes the file whole or not at all: to a temporary file beside it, then renamed over it, so a
 * reader (or the hot reload) never sees half a file and a failed write leaves the old one.
 */
export function writeGithubFile(target: string, file: GithubFile): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, serializeGithubFile(file));
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

export interface GithubFileProblem {
  readonly line: number;
  readonly column: number;
  readonly field: string;
  readonly message: string;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HTTPS = /^https:\/\/\S+$/;

/** The problems of one project's facts, by field; empty when they are fine. */
function factProblems(id: string, value: unknown): { field: string; message: string }[] {
  const at = (field: string, message: string) => ({ field: `projects.${id}${field}`, message });
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [at('', 'must be an object')];
  const facts = value as Record<string, unknown>;
  const problems: { field: string; message: string }[] = [];
  if (!isString(facts.repository) || !/^[^/\s]+\/[^/\s]+$/.test(facts.repository))
    problems.push(at('.repository', 'must be owner/repo'));
  if (facts.missing !== undefined && facts.missing !== true) problems.push(at('.missing', 'must be true'));
  for (const key of ['full_name', 'pushed_at', 'license'] as const)
    if (facts[key] !== undefined && !isString(facts[key])) problems.push(at(`.${key}`, 'must be a string'));
  if (facts.pushed_at !== undefined && Number.isNaN(Date.parse(String(facts.pushed_at))))
    problems.push(at('.pushed_at', 'must be a date and time'));
  if (facts.stars !== undefined && !(Number.isInteger(facts.stars) && (facts.stars as number) >= 0))
    problems.push(at('.stars', 'must be a whole number'));
  if (facts.archived !== undefined && typeof facts.archived !== 'boolean')
    problems.push(at('.archived', 'must be true or false'));
  if (facts.avatar_url !== undefined && !(isString(facts.avatar_url) && HTTPS.test(facts.avatar_url)))
    problems.push(at('.avatar_url', 'must be an https URL'));
  const release = facts.release as Record<string, unknown> | undefined;
  if (
    release !== undefined &&
    !(
      isString(release?.tag) &&
      isString(release?.published_at) &&
      !Number.isNaN(Date.parse(release.published_at))
    )
  )
    problems.push(at('.release', 'must have a tag and a published_at date'));
  return problems;
}

/** Where a problem is: the line and column of the field's key within the project's object. */
function positionOf(text: string, field: string): { line: number; column: number } {
  const [, id = '', key] = field.split('.');
  const project = Math.max(0, text.indexOf(`"${id}":`));
  const inner = key ? text.indexOf(`"${key}":`, project) : -1;
  return lineAndColumn(text, inner >= 0 ? inner : project);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

export type ParsedGithubFile =
  | { readonly ok: true; readonly file: GithubFile }
  | { readonly ok: false; readonly problems: readonly GithubFileProblem[] };

/** Reads and checks the text of a github.json; problems carry line and column. */
export function parseGithubFile(text: string): ParsedGithubFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const offset = /position (\d+)/.exec(String(error))?.[1];
    return {
      ok: false,
      problems: [
        {
          ...lineAndColumn(text, offset ? Number(offset) : 0),
          field: '(file)',
          message: `not JSON: ${(error as Error).message}`,
        },
      ],
    };
  }
  const top = data as { synced?: unknown; projects?: unknown } | null;
  const problems: GithubFileProblem[] = [];
  if (!top || typeof top !== 'object' || Array.isArray(top))
    return { ok: false, problems: [{ line: 1, column: 1, field: '(file)', message: 'must be an object' }] };
  if (!isString(top.synced) || !DATE.test(top.synced))
    problems.push({ line: 1, column: 1, field: 'synced', message: 'must be a date, YYYY-MM-DD' });
  if (!top.projects || typeof top.projects !== 'object' || Array.isArray(top.projects)) {
    problems.push({ line: 1, column: 1, field: 'projects', message: 'must be an object of projects by id' });
  } else {
    for (const [id, facts] of Object.entries(top.projects))
      for (const problem of factProblems(id, facts))
        problems.push({ ...positionOf(text, problem.field), ...problem });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file: data as GithubFile };
}
