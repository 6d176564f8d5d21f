import * as fs from 'node:fs';
import * as path from 'node:path';
import { deepFreeze } from '../deep-freeze';
import { compactKey } from '../text/normalize';
import { notEbpf as validate } from './schema-validators';
import type { CatalogEntry, CatalogIssue, NotEbpf } from './types';
import { describeSchemaError } from './validate';
import { fieldName, parseEntryFile, positionOf } from './yaml-file';

/** Beside `projects/`: well-known software that is not an eBPF project. Optional. */
export const NOT_EBPF_FILE = 'not-ebpf.yaml';
const MAX_BYTES = 256 * 1024;

/**
 * Reads `not-ebpf.yaml` of a catalog folder: every record checked against its schema, its offers against
 * the entries, and its names against theirs (a catalog project's name always means the project).
 */
export function readNotEbpf(
  catalogDir: string,
  entries: readonly CatalogEntry[],
): { records: readonly NotEbpf[]; issues: CatalogIssue[] } {
  const file = path.join(catalogDir, NOT_EBPF_FILE);
  if (!fs.existsSync(file)) return { records: [], issues: [] };
  const parsed = parseEntryFile(file, MAX_BYTES);
  if (!parsed.ok) return { records: [], issues: parsed.issues };
  if (!validate(parsed.file.data))
    return {
      records: [],
      issues: (validate.errors ?? []).map((error) => describeSchemaError(parsed.file, error)),
    };
  const records = parsed.file.data as NotEbpf[];
  const ids = new Set(entries.map((entry) => entry.id));
  const projectNames = new Map<string, string>();
  for (const entry of entries)
    for (const name of [entry.name, ...entry.aliases]) projectNames.set(compactKey(name), entry.id);
  const seen = new Set<string>();
  const issues: CatalogIssue[] = [];
  const issue = (at: (string | number)[], message: string) =>
    issues.push({ file, ...positionOf(parsed.file, at), field: fieldName(at), message });
  records.forEach((record, i) => {
    record.offer.forEach((id, j) => {
      if (!ids.has(id)) issue([i, 'offer', j], `"${id}" is not a catalog entry`);
    });
    record.names.forEach((name, j) => {
      const key = compactKey(name);
      const project = projectNames.get(key);
      if (project) issue([i, 'names', j], `"${name}" names the catalog project ${project}`);
      else if (seen.has(key)) issue([i, 'names', j], `"${name}" is listed twice`);
      seen.add(key);
    });
  });
  return { records: issues.length > 0 ? [] : deepFreeze(records), issues };
}
