import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_CATALOG_DIR, formatIssue, readCatalog } from '../catalog/load';
import type { CatalogIssue } from '../catalog/types';
import { buildDocTerms } from '../docs/doc-terms';
import { writeDocTermsFile } from '../docs/doc-terms-file';
import { readDocsFolder } from '../docs/docs-folder';
import { type CliIo, type ExitCode, UsageError } from './io';
import { SYNC_USAGE, type SyncEnvironment, syncCommand } from './sync-command';

export const CATALOG_USAGE = `ebpf-bot catalog validate [DIR]   check every entry of a catalog folder (default: the bundled one)
ebpf-bot catalog list [--json]     print the entries (--json: one array of entry objects)
ebpf-bot catalog doc-terms DOCS    rebuild doc-terms.json from documentation gathered in DOCS/<id>/
${SYNC_USAGE}`;

/** Paths relative to the working directory when that is shorter, as editors expect. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

export async function catalogCommand(
  argv: readonly string[],
  io: CliIo,
  environment: SyncEnvironment,
): Promise<ExitCode> {
  const [action, ...rest] = argv;
  if (action === 'sync') return syncCommand(rest, io, environment);
  if (action === 'validate') {
    const { positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: {} });
    if (positionals.length > 1) throw new UsageError('catalog validate takes at most one folder');
    const dir = positionals[0] ?? BUNDLED_CATALOG_DIR;
    const { entries, issues, skipped } = readCatalog(dir);
    for (const { file, reason } of skipped) io.stderr(`warning: skipped ${displayPath(file)}: ${reason}\n`);
    if (issues.length > 0) {
      const shown = issues.map((issue): CatalogIssue => ({ ...issue, file: displayPath(issue.file) }));
      io.stdout(`${shown.map(formatIssue).join('\n')}\n`);
      io.stderr(`${issues.length} problem${issues.length === 1 ? '' : 's'} in ${displayPath(dir)}\n`);
      return 1;
    }
    io.stdout(`${entries.length} valid entries in ${displayPath(dir)}\n`);
    return 0;
  }
  if (action === 'doc-terms') {
    const { positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new UsageError('catalog doc-terms takes the folder of gathered docs');
    const docs = readDocsFolder(positionals[0] as string);
    const file = writeDocTermsFile(BUNDLED_CATALOG_DIR, {
      built: environment.now().toISOString().slice(0, 10),
      projects: buildDocTerms(docs),
    });
    io.stdout(`terms of ${docs.length} projects' documentation written to ${displayPath(file)}\n`);
    return 0;
  }
  if (action === 'list') {
    const { values } = parseArgs({ args: [...rest], options: { json: { type: 'boolean', default: false } } });
    const { entries, issues } = readCatalog(BUNDLED_CATALOG_DIR);
    if (issues.length > 0) {
      io.stderr(`${issues.map(formatIssue).join('\n')}\n`);
      return 1;
    }
    if (values.json) {
      io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    } else {
      const width = Math.max(...entries.map((entry) => entry.id.length));
      io.stdout(
        `${entries.map((entry) => `${entry.id.padEnd(width)}  ${entry.category.padEnd(14)}  ${entry.summary.en}`).join('\n')}\n`,
      );
    }
    return 0;
  }
  throw new UsageError(action ? `unknown catalog action "${action}"` : 'catalog needs an action');
}
