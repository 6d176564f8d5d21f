import * as readline from 'node:readline';
import { parseArgs } from 'node:util';
import { BUNDLED_CATALOG_DIR, loadCatalog } from '../catalog/load';
import { createSearch, type Search, type SearchResponse } from '../search/search';
import { type CliIo, type ExitCode, UsageError } from './io';

export const SEARCH_USAGE = `ebpf-bot search [--json] [--limit N] QUERY...   find projects (--json: one JSON object)
ebpf-bot search --json --batch                   one query per stdin line, one JSON object per line`;

export function searchJson(response: SearchResponse, query: string) {
  return {
    query,
    results: response.results.map(({ entry, score, confidence }) => ({
      id: entry.id,
      name: entry.name,
      repo: entry.repository,
      score,
      confidence,
    })),
    suggestions: response.suggestions.map((entry) => ({
      id: entry.id,
      name: entry.name,
      repo: entry.repository,
    })),
  };
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 5;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 25)
    throw new UsageError('--limit takes a whole number from 1 to 25');
  return limit;
}

export async function searchCommand(
  argv: readonly string[],
  io: CliIo,
  catalogDir = BUNDLED_CATALOG_DIR,
): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      batch: { type: 'boolean', default: false },
      limit: { type: 'string' },
    },
  });
  const limit = parseLimit(values.limit);
  if (values.batch && (!values.json || positionals.length > 0))
    throw new UsageError('--batch goes with --json and reads queries from stdin');
  if (!values.batch && positionals.length === 0) throw new UsageError('search needs a query');
  const catalog = loadCatalog(catalogDir);
  const search = createSearch(catalog.entries, catalog.notEbpf);

  if (values.batch) {
    await answerLines(search, limit, io);
    return 0;
  }
  const query = positionals.join(' ');
  const response = search.search(query, { limit });
  if (values.json) {
    io.stdout(`${JSON.stringify(searchJson(response, query))}\n`);
    return 0;
  }
  io.stdout(formatResponse(response));
  return 0;
}

/** Every input line, even an empty one, gets exactly one output line, in order. */
async function answerLines(search: Search, limit: number, io: CliIo): Promise<void> {
  const lines = readline.createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let buffer = '';
  for await (const line of lines) {
    buffer += `${JSON.stringify(searchJson(search.search(line, { limit }), line))}\n`;
    if (buffer.length > 64 * 1024) {
      io.stdout(buffer);
      buffer = '';
    }
  }
  io.stdout(buffer);
}

function formatResponse(response: SearchResponse): string {
  if (response.results.length === 0) {
    const hint = response.suggestions.length
      ? ` Did you mean: ${response.suggestions.map((entry) => entry.name).join(', ')}?`
      : '';
    return `No matching project.${hint}\n`;
  }
  const width = Math.max(...response.results.map(({ entry }) => entry.name.length));
  return `${response.results
    .map(
      ({ entry, score, confidence }) =>
        `${entry.name.padEnd(width)}  ${confidence.padEnd(6)}  ${score.toFixed(3)}  ${entry.summary.en}`,
    )
    .join('\n')}\n`;
}
