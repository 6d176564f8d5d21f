import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/load';
import { PACKAGE_ROOT } from '../paths';
import {
  type EvalCase,
  evaluate,
  evaluateIntents,
  formatIntentReport,
  formatReport,
  type IntentCase,
  type KindReport,
  type RealQuestion,
  realQuestionCases,
} from '../search/evaluate';
import { createPlainBaseline } from '../search/plain-baseline';
import { createSearch } from '../search/search';
import type { CliIo, ExitCode } from './io';

export const DEFAULT_EVAL_SET = path.join(PACKAGE_ROOT, 'test/fixtures/search-eval.json');
export const REAL_QUESTIONS = path.join(PACKAGE_ROOT, 'test/fixtures/real-questions.json');
export const INTENT_CASES = path.join(PACKAGE_ROOT, 'test/fixtures/intent-eval.json');
export const EVAL_USAGE =
  'ebpf-bot eval [--failures] [--split dev|test]     search quality per kind: the written set and real questions, beside a plain search library';

export async function evalCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { failures: { type: 'boolean', default: false }, split: { type: 'string' } },
  });
  const { entries, notEbpf } = loadCatalog();
  const search = createSearch(entries, notEbpf);
  const baseline = await createPlainBaseline(entries).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  });
  const writtenCases = JSON.parse(fs.readFileSync(positionals[0] ?? DEFAULT_EVAL_SET, 'utf8')) as EvalCase[];
  const { questions } = JSON.parse(fs.readFileSync(REAL_QUESTIONS, 'utf8')) as { questions: RealQuestion[] };
  const realCases = realQuestionCases(
    questions.filter((question) => !values.split || question.split === values.split),
  );
  const measure = (cases: readonly EvalCase[]): [KindReport[], KindReport[] | undefined] => [
    evaluate(search, cases),
    baseline && evaluate(baseline, cases),
  ];
  const written = measure(writtenCases);
  const real = measure(realCases);
  io.stdout(
    `Written evaluation set (${path.basename(positionals[0] ?? DEFAULT_EVAL_SET)})\n${formatReport(...written)}\n\n`,
  );
  io.stdout(`Questions real people asked (tune on dev, report test)\n${formatReport(...real)}\n`);
  const { cases } = JSON.parse(fs.readFileSync(INTENT_CASES, 'utf8')) as { cases: IntentCase[] };
  const intents = evaluateIntents(search, cases);
  io.stdout(
    `\nComparisons, names of other software, typos (intent-eval.json)\n${formatIntentReport(intents)}\n`,
  );
  io.stdout(
    baseline
      ? 'plain-1, plain-3: MiniSearch 7 over the same fields (boosts, ICU words, fuzzy, prefix)\n'
      : 'The plain-library baseline needs the development dependencies (npm ci).\n',
  );
  if (values.failures) {
    for (const report of [...written[0], ...real[0]]) {
      for (const f of report.failures)
        io.stdout(
          `${report.kind}: ${JSON.stringify(f.query)} want ${f.accept.join('|') || '(nothing)'} got ${f.got.join(' ') || '-'}\n`,
        );
    }
    for (const report of intents)
      for (const f of report.failures)
        io.stdout(`${report.kind}: ${JSON.stringify(f.query)} want ${f.want.join('|')} got ${f.got}\n`);
  }
  return 0;
}
