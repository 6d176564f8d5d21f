import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/load';
import { PACKAGE_ROOT } from '../paths';
import {
  type EvalCase,
  evaluate,
  formatReport,
  type RealQuestion,
  realQuestionCases,
} from '../search/evaluate';
import { createSearch } from '../search/search';
import type { CliIo, ExitCode } from './io';

export const DEFAULT_EVAL_SET = path.join(PACKAGE_ROOT, 'test/fixtures/search-eval.json');
export const REAL_QUESTIONS = path.join(PACKAGE_ROOT, 'test/fixtures/real-questions.json');
export const EVAL_USAGE =
  'ebpf-bot eval [--failures] [--split dev|test]     search quality per kind: the written set and real questions';

export function evalCommand(argv: readonly string[], io: CliIo): ExitCode {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { failures: { type: 'boolean', default: false }, split: { type: 'string' } },
  });
  const search = createSearch(loadCatalog().entries);
  const written = evaluate(
    search,
    JSON.parse(fs.readFileSync(positionals[0] ?? DEFAULT_EVAL_SET, 'utf8')) as EvalCase[],
  );
  const { questions } = JSON.parse(fs.readFileSync(REAL_QUESTIONS, 'utf8')) as { questions: RealQuestion[] };
  const real = evaluate(
    search,
    realQuestionCases(questions.filter((question) => !values.split || question.split === values.split)),
  );
  io.stdout(
    `Written evaluation set (${path.basename(positionals[0] ?? DEFAULT_EVAL_SET)})\n${formatReport(written)}\n\n`,
  );
  io.stdout(`Questions real people asked (tune on dev, report test)\n${formatReport(real)}\n`);
  if (values.failures) {
    for (const report of [...written, ...real]) {
      for (const f of report.failures)
        io.stdout(
          `${report.kind}: ${JSON.stringify(f.query)} want ${f.accept.join('|') || '(nothing)'} got ${f.got.join(' ') || '-'}\n`,
        );
    }
  }
  return 0;
}
