import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogIssue } from '../catalog/types';
import type { DocTerms } from './doc-terms';

/** Beside `projects/`: terms of each project's own documentation. Generated, never edited by hand. */
export const DOC_TERMS_FILE = 'doc-terms.json';

export interface DocTermsFile {
  /** The day the terms were built (YYYY-MM-DD). */
  readonly built: string;
  readonly projects: Readonly<Record<string, DocTerms>>;
}

/** The file's projects, or the problem with it; none when the folder has no such file. */
export function readDocTermsFile(catalogDir: string): { file?: DocTermsFile; issues: CatalogIssue[] } {
  const file = path.join(catalogDir, DOC_TERMS_FILE);
  const problem = (message: string) => ({
    issues: [{ file, line: 1, column: 1, field: '(file)', message }],
  });
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { issues: [] };
    return problem(`cannot be read: ${(error as Error).message}`);
  }
  const projects = (data as DocTermsFile | null)?.projects;
  if (!projects || typeof projects !== 'object') return problem('has no "projects" object');
  for (const [id, docs] of Object.entries(projects)) {
    const weights = Object.values(docs?.terms ?? {});
    if (typeof docs?.commit !== 'string' || weights.some((weight) => ![1, 2, 3].includes(weight)))
      return problem(`"${id}" needs a commit and terms weighted 1, 2 or 3`);
  }
  return { file: data as DocTermsFile, issues: [] };
}

export function writeDocTermsFile(catalogDir: string, contents: DocTermsFile): string {
  const file = path.join(catalogDir, DOC_TERMS_FILE);
  const sorted = Object.fromEntries(Object.entries(contents.projects).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(file, `${JSON.stringify({ ...contents, projects: sorted }, null, 1)}\n`);
  return file;
}
