import * as fs from 'node:fs';
import * as path from 'node:path';
import { deepFreeze } from '../deep-freeze';
import { readDocTermsFile } from '../docs/doc-terms-file';
import { GITHUB_FILE, type GithubFile, parseGithubFile } from '../github/facts';
import { PACKAGE_ROOT } from '../paths';
import { compactKey } from '../text/normalize';
import { readNotEbpf } from './not-ebpf';
import type { Catalog, CatalogEntry, CatalogIssue, NotEbpf } from './types';
import { describeSchemaError, validateEntry } from './validate';
import { type EntryFile, fieldName, parseEntryFile, positionOf } from './yaml-file';

/** The catalog shipped with the bot. */
export const BUNDLED_CATALOG_DIR = path.join(PACKAGE_ROOT, 'catalog');

/** Where a catalog folder keeps its entries. */
export function projectsDir(catalogDir: string): string {
  return path.join(catalogDir, 'projects');
}

export class CatalogLoadError extends Error {
  constructor(readonly issues: readonly CatalogIssue[]) {
    super(
      `the catalog has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${issues.map(formatIssue).join('\n')}`,
    );
    this.name = 'CatalogLoadError';
  }
}

/** `path:line:column: field: message`, the form editors and CI annotations understand. */
export function formatIssue(issue: CatalogIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.field}: ${issue.message}`;
}

/** A name in projects/ that is not read as an entry, and why: a warning, never a reason to refuse. */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface CatalogReport {
  readonly entries: readonly CatalogEntry[];
  readonly notEbpf: readonly NotEbpf[];
  readonly issues: readonly CatalogIssue[];
  readonly skipped: readonly SkippedFile[];
}

export interface ReadOptions {
  /**
   * More github.json files than the catalog folder's own (the in-process refresh writes one under
   * DATA_DIR); the one synced last is used.
   */
  readonly githubFiles?: readonly string[];
}

/**
 * Reads and checks every entry of a catalog folder, and the GitHub facts beside them; lists all
 * problems instead of stopping at the first.
 */
export function readCatalog(catalogDir: string, options: ReadOptions = {}): CatalogReport {
  const { entries, issues, skipped } = readEntries(catalogDir);
  const notEbpf = readNotEbpf(catalogDir, entries);
  const docs = readDocTermsFile(catalogDir);
  const github = readGithubFiles([path.join(catalogDir, GITHUB_FILE), ...(options.githubFiles ?? [])]);
  const docTerms = docs.file?.projects ?? {};
  const facts = github.file?.projects ?? {};
  // What the generated files say of an entry joins it in one copy.
  const withFiles = (entry: CatalogEntry): CatalogEntry => {
    const terms = Object.hasOwn(docTerms, entry.id) ? docTerms[entry.id]?.terms : undefined;
    const known = Object.hasOwn(facts, entry.id) ? facts[entry.id] : undefined;
    if (!terms && !known) return entry;
    return deepFreeze({
      ...entry,
      ...(terms && { doc_terms: terms }),
      ...(known && github.file && { github: { ...known, synced: github.file.synced } }),
    });
  };
  return {
    entries: entries.map(withFiles),
    notEbpf: notEbpf.records,
    issues: [...issues, ...notEbpf.issues, ...docs.issues, ...github.issues],
    skipped,
  };
}

/** The newest of the github.json files that exist; any broken one is a problem to report. */
function readGithubFiles(files: readonly string[]): { file?: GithubFile; issues: CatalogIssue[] } {
  const issues: CatalogIssue[] = [];
  let newest: GithubFile | undefined;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      issues.push({ file, line: 1, column: 1, field: '(file)', message: String(error) });
      continue;
    }
    const parsed = parseGithubFile(text);
    if (!parsed.ok) issues.push(...parsed.problems.map((problem) => ({ file, ...problem })));
    else if (!newest || parsed.file.synced >= newest.synced) newest = parsed.file;
  }
  return { ...(newest && { file: newest }), issues };
}

function readEntries(catalogDir: string): Omit<CatalogReport, 'notEbpf'> {
  const dir = projectsDir(catalogDir);
  let names: string[];
  try {
    // Hidden files are editors' swap and lock files, never entries.
    names = fs
      .readdirSync(dir)
      .filter((name) => !name.startsWith('.'))
      .sort();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'folder not found' : String(error);
    return {
      entries: [],
      issues: [{ file: dir, line: 1, column: 1, field: '(catalog)', message: reason }],
      skipped: [],
    };
  }

  const issues: CatalogIssue[] = [];
  const skipped: SkippedFile[] = [];
  const files: EntryFile[] = [];
  // Ids of every entry file, readable or not, so a broken file does not also break its neighbours' `related`.
  const fileIds = new Set<string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const reason = notAnEntryFile(file, name);
    if (reason) {
      skipped.push({ file, reason });
      continue;
    }
    fileIds.add(path.basename(name, '.yaml'));
    const parsed = parseEntryFile(file);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const schemaErrors = validateEntry(parsed.file.data);
    if (schemaErrors.length > 0) {
      issues.push(...schemaErrors.map((error) => describeSchemaError(parsed.file, error)));
      continue;
    }
    files.push(parsed.file);
  }

  issues.push(...crossFileIssues(files, fileIds));
  const entries = files
    .map((file) => toEntry(file.data as RawEntry))
    .sort((a, b) => a.id.localeCompare(b.id));
  if (entries.length === 0 && issues.length === 0) {
    issues.push({
      file: dir,
      line: 1,
      column: 1,
      field: '(catalog)',
      message: 'no entries: add <id>.yaml files',
    });
  }
  return { entries, issues, skipped };
}

/**
 * Why a name in projects/ is not read as an entry: not a regular file (a folder, a link to nothing) or
 * not named `.yaml`. Links to regular files are followed (a Kubernetes ConfigMap mounts entries so).
 */
function notAnEntryFile(file: string, name: string): string | undefined {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'a link to nothing' : `cannot be read (${code ?? String(error)})`;
  }
  if (stats.isDirectory()) return 'a folder';
  if (!stats.isFile()) return 'not a regular file';
  if (!name.endsWith('.yaml')) return 'not an entry: entries are <id>.yaml files';
  return undefined;
}

/** Loads a catalog for serving: typed, frozen entries, or a CatalogLoadError listing every problem. */
export function loadCatalog(catalogDir: string = BUNDLED_CATALOG_DIR, options: ReadOptions = {}): Catalog {
  const { entries, notEbpf, issues } = readCatalog(catalogDir, options);
  if (issues.length > 0) throw new CatalogLoadError(issues);
  return catalogOf(entries, notEbpf);
}

/** A catalog of checked entries, indexed by id. */
export function catalogOf(entries: readonly CatalogEntry[], notEbpf: readonly NotEbpf[] = []): Catalog {
  return Object.freeze({
    entries: Object.freeze([...entries]),
    notEbpf,
    byId: new Map(entries.map((entry) => [entry.id, entry])),
  });
}

type RawEntry = Omit<CatalogEntry, 'aliases' | 'related'> & { aliases?: string[]; related?: string[] };

const CJK_FOLD =
  /(?<=[\p{Script=Han}\u3000-\u303f\uff01-\uff1f])\s+(?=[\p{Script=Han}\u3000-\u303f\uff01-\uff1f])/gu;

/** YAML folds a line break into a space, which Chinese text does not have between characters. */
function unfoldChinese<T extends { en: string; zh: string } | undefined>(text: T): T {
  return (text ? { ...text, zh: text.zh.replace(CJK_FOLD, '') } : text) as T;
}

function toEntry(raw: RawEntry): CatalogEntry {
  return deepFreeze({
    ...raw,
    aliases: raw.aliases ?? [],
    related: raw.related ?? [],
    summary: unfoldChinese(raw.summary),
    description: unfoldChinese(raw.description),
    ...(raw.status_note && { status_note: unfoldChinese(raw.status_note) }),
    ...(raw.not_for && { not_for: unfoldChinese(raw.not_for) }),
    ...(raw.choose_when && { choose_when: unfoldChinese(raw.choose_when) }),
  });
}

/** Checks that need every file: ids, names and aliases unique, related ids known. */
function crossFileIssues(files: readonly EntryFile[], fileIds: ReadonlySet<string>): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const issueAt = (file: EntryFile, fieldPath: (string | number)[], message: string): CatalogIssue => ({
    file: file.path,
    ...positionOf(file, fieldPath),
    field: fieldName(fieldPath),
    message,
  });

  const ids = new Map<string, EntryFile>();
  for (const file of files) {
    const entry = file.data as RawEntry;
    const expected = path.basename(file.path, '.yaml');
    if (entry.id !== expected) {
      issues.push(issueAt(file, ['id'], `"${entry.id}" does not match the file name; use id: ${expected}`));
    }
    const other = ids.get(entry.id);
    if (other) issues.push(issueAt(file, ['id'], `"${entry.id}" is already the id of ${other.path}`));
    else ids.set(entry.id, file);
  }

  // One owner per name a user might type, compared the way the search compares them.
  const claims = new Map<string, { file: EntryFile; text: string }>();
  for (const file of files) {
    const entry = file.data as RawEntry;
    const own = new Set<string>();
    const claimed: [string | number, string][] = [
      ['id', entry.id],
      ['name', entry.name],
      ...(entry.aliases ?? []).map((alias, i): [number, string] => [i, alias]),
    ];
    for (const [where, text] of claimed) {
      const key = compactKey(text);
      if (own.has(key)) continue;
      own.add(key);
      const fieldPath = typeof where === 'number' ? ['aliases', where] : [where];
      const owner = claims.get(key);
      if (owner) {
        issues.push(
          issueAt(
            file,
            fieldPath,
            `"${text}" is already claimed by ${owner.file.path} ("${owner.text}"); a name or alias must identify one project`,
          ),
        );
      } else {
        claims.set(key, { file, text });
      }
    }
  }

  for (const file of files) {
    const entry = file.data as RawEntry;
    (entry.related ?? []).forEach((id, i) => {
      if (id === entry.id)
        issues.push(issueAt(file, ['related', i], 'a project cannot be related to itself'));
      else if (!ids.has(id) && !fileIds.has(id))
        issues.push(
          issueAt(file, ['related', i], `unknown project id "${id}"; use the id of another catalog entry`),
        );
    });
  }
  return issues;
}
