import * as fs from 'node:fs';
import { type Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { CatalogIssue } from './types';

/** An entry is a few hundred bytes; anything near this is a mistake or an attack. */
export const MAX_ENTRY_BYTES = 64 * 1024;
/** Entries have no use for anchors; a few are tolerated, an alias explosion is not. */
const MAX_ALIAS_COUNT = 20;

/** A parsed catalog file that keeps its source positions for error messages. */
export interface EntryFile {
  readonly path: string;
  readonly data: unknown;
  readonly doc: Document;
  readonly lines: LineCounter;
}

export type ParseResult = { ok: true; file: EntryFile } | { ok: false; issues: CatalogIssue[] };

export function parseEntryFile(filePath: string, maxBytes = MAX_ENTRY_BYTES): ParseResult {
  const fail = (message: string, line = 1, column = 1): ParseResult => ({
    ok: false,
    issues: [{ file: filePath, line, column, field: '(yaml)', message }],
  });

  let text: string;
  try {
    const size = fs.statSync(filePath).size;
    if (size > maxBytes) {
      return fail(`file is ${size} bytes; it may be at most ${maxBytes} bytes`);
    }
    text = fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    // Removed or made unreadable between listing the folder and reading it.
    return fail(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const lines = new LineCounter();
  try {
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const [first] = doc.errors;
    if (first) {
      const { line, col } = lines.linePos(first.pos[0]);
      return fail(`invalid YAML: ${first.message.split('\n')[0]}`, line, col);
    }
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { ok: true, file: { path: filePath, data, doc, lines } };
  } catch (error) {
    // toJS throws on alias explosions; the parser can exhaust the stack on absurd nesting.
    const reason = error instanceof RangeError ? 'nesting is too deep' : (error as Error).message;
    return fail(`cannot be read: ${reason}`);
  }
}

/** Line and column of the value at `fieldPath`, or of its closest existing parent. */
export function positionOf(
  file: EntryFile,
  fieldPath: readonly (string | number)[],
): { line: number; column: number } {
  for (let depth = fieldPath.length; depth >= 0; depth--) {
    const node = depth === 0 ? file.doc.contents : file.doc.getIn(fieldPath.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const { line, col } = file.lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

/** Position of a key (rather than its value) in the mapping at `mapPath`. */
export function keyPositionOf(
  file: EntryFile,
  mapPath: readonly (string | number)[],
  key: string,
): { line: number; column: number } {
  const map = mapPath.length === 0 ? file.doc.contents : file.doc.getIn(mapPath, true);
  if (isMap(map)) {
    const pair = map.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) {
      const { line, col } = file.lines.linePos(pair.key.range[0]);
      return { line, column: col };
    }
  }
  return positionOf(file, mapPath);
}

/** `keywords.en[3]` for ['keywords', 'en', 3]. */
export function fieldName(fieldPath: readonly (string | number)[]): string {
  if (fieldPath.length === 0) return '(entry)';
  return fieldPath.reduce<string>((name, part) => {
    if (typeof part === 'number') return `${name}[${part}]`;
    return name ? `${name}.${part}` : part;
  }, '');
}
