import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/load';
import { PACKAGE_ROOT } from '../paths';
import { type EvalCase, evaluate, formatReport } from '../search/evaluate';
import { createSearch } from '../search/search';
import type { CliIo, ExitCode } from './io';

export const DEFAULT_EVAL_SET = path.join(PACKAGE_ROOT, 'test/fixtures/search-eval.json');
export const EVAL_USAGE =
  'ebpf-bot eval [--failures] [FILE]                search quality per kind of query (default: the bundled set)';

export function evalCommand(argv: readonly string[], io: CliIo): ExitCode {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { failures: { type: 'boolean', default: false } },
  });
  const file = positionals[0] ?? DEFAULT_EVAL_SET;
  const cases = JSON.parse(fs.readFileSync(file, 'utf8')) as EvalCase[];
  const reports = evaluate(createSearch(loadCatalog().entries), cases);
  io.stdout(`${formatReport(reports)}\n`);
  if (values.failures) {
    for (const report of reports) {
      for (const f of report.failures)
        io.stdout(
          `${report.kind}: ${JSON.stringify(f.query)} want ${f.accept.join('|') || '(nothing)'} got ${f.got.join(' ') || '-'}\n`,
        );
    }
  }
  return 0;
}
