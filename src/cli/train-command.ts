import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/load';
import type { CatalogEntry } from '../catalog/types';
import { PACKAGE_ROOT } from '../paths';
import { CapabilityIndex } from '../search/capability-index';
import { DocIndex } from '../search/doc-index';
import type { EvalCase, RealQuestion } from '../search/evaluate';
import { fitGlossary, type Glossary } from '../search/glossary';
import { parseQuery } from '../search/query';
import { candidateFeatures, RANKER_FEATURES } from '../search/ranker';
import {
  crossValidate,
  FIT_DEFAULTS,
  fitRanker,
  type RankingExample,
  topOneShare,
} from '../search/train-ranker';
import { DEFAULT_EVAL_SET, REAL_QUESTIONS } from './eval-command';
import type { CliIo, ExitCode } from './io';

export const WEIGHTS_FILE = path.join(PACKAGE_ROOT, 'src/search/ranker-weights.json');
const GLOSSARY_FILE = path.join(PACKAGE_ROOT, 'src/search/glossary.json');
export const TRAIN_USAGE =
  'ebpf-bot train [--check] [--ablation]         fit the glossary on the catalog and the ranker on the dev half of the real questions';

/** Capability candidates of each question that has a right one among them, but not only right ones. */
export function rankingExamples(
  questions: readonly { q: string; answers: readonly string[] }[],
  entries: readonly CatalogEntry[],
  glossary: Glossary,
): RankingExample[] {
  const capabilities = new CapabilityIndex(entries);
  const docIndex = new DocIndex(entries, glossary);
  return questions
    .filter((question) => question.answers.length > 0)
    .flatMap((question) => {
      const query = parseQuery(question.q);
      const hits = capabilities.search(query.terms, 10);
      const right = hits.map((hit) => question.answers.includes((entries[hit.entry] as CatalogEntry).id));
      if (!right.some(Boolean) || right.every(Boolean)) return [];
      return [{ candidates: candidateFeatures(query, hits, entries, docIndex), right }];
    });
}

/**
 * Written questions that train beside dev (never scored in cross-validation): fitted on dev alone, the
 * ranker learns dev's favourite projects and loses written cases of niche needs (ply on embedded boards,
 * bpftime in user space) that dev has few of.
 */
const WRITTEN_KINDS = ['capability', 'chinese'];

const LAMBDAS = [0, 0.0003, 0.001, 0.003, 0.01];

/**
 * Fits the ranker's weights: the L2 penalty chosen by 5-fold cross-validation on dev, then one fit on all
 * of dev and the written questions. `--check` fits without writing and fails when the reviewed file
 * differs (a test keeps them in step); `--ablation` refits without each feature in turn.
 */
export function trainCommand(argv: readonly string[], io: CliIo): ExitCode {
  const { values } = parseArgs({
    args: [...argv],
    options: { check: { type: 'boolean', default: false }, ablation: { type: 'boolean', default: false } },
  });
  const { questions } = JSON.parse(fs.readFileSync(REAL_QUESTIONS, 'utf8')) as { questions: RealQuestion[] };
  const { entries } = loadCatalog();
  const glossary = fitGlossary(entries);
  const examples = rankingExamples(
    questions.filter((question) => question.split === 'dev'),
    entries,
    glossary,
  );
  const writtenCases = JSON.parse(fs.readFileSync(DEFAULT_EVAL_SET, 'utf8')) as EvalCase[];
  const written = rankingExamples(
    writtenCases
      .filter((written) => WRITTEN_KINDS.includes(written.kind))
      .map((written) => ({ q: written.query, answers: written.accept })),
    entries,
    glossary,
  );
  const width = RANKER_FEATURES.length;
  const handSet = RANKER_FEATURES.map((feature) => (feature === 'bm25' || feature === 'passages' ? 1 : 0));
  io.stdout(
    `${examples.length} dev questions and ${written.length} written ones with a right candidate among ten\n`,
  );
  io.stdout(`hand-set order (bm25 + passages): top-1 ${pct(topOneShare(examples, handSet))}\n`);
  let best = { lambda: FIT_DEFAULTS.lambda, cv: -1 };
  for (const lambda of LAMBDAS) {
    const cv = crossValidate(examples, width, { ...FIT_DEFAULTS, lambda }, written);
    io.stdout(`lambda ${lambda}: cross-validated top-1 ${pct(cv)}\n`);
    if (cv > best.cv) best = { lambda, cv };
  }
  const weights = fitRanker([...examples, ...written], width, { ...FIT_DEFAULTS, lambda: best.lambda });
  if (values.ablation)
    for (const [i, feature] of RANKER_FEATURES.entries()) {
      const without = (list: readonly RankingExample[]) =>
        list.map((e) => ({ ...e, candidates: e.candidates.map((x) => x.map((v, k) => (k === i ? 0 : v))) }));
      const cv = crossValidate(
        without(examples),
        width,
        { ...FIT_DEFAULTS, lambda: best.lambda },
        without(written),
      );
      io.stdout(`without ${feature}: cross-validated top-1 ${pct(cv)} (${pct(cv - best.cv)})\n`);
    }
  const file = `${JSON.stringify(
    {
      features: RANKER_FEATURES,
      weights,
      fitted: {
        on: 'dev half of test/fixtures/real-questions.json and the capability and chinese kinds of search-eval.json, capability candidates',
        examples: examples.length,
        written: written.length,
        lambda: best.lambda,
        cross_validated_top1: Math.round(best.cv * 1000) / 1000,
      },
    },
    null,
    2,
  )}\n`;
  io.stdout(
    `chosen lambda ${best.lambda}; weights ${RANKER_FEATURES.map((f, i) => `${f} ${weights[i]}`).join(', ')}\n`,
  );
  const outputs: [string, string][] = [
    [GLOSSARY_FILE, `${JSON.stringify(glossary, null, 1)}\n`],
    [WEIGHTS_FILE, file],
  ];
  let stale = 0;
  for (const [target, content] of outputs) {
    const name = path.relative(PACKAGE_ROOT, target);
    if (!values.check) {
      fs.writeFileSync(target, content);
      io.stdout(`wrote ${name}\n`);
    } else if (fs.readFileSync(target, 'utf8') === content) io.stdout(`${name} is up to date\n`);
    else {
      io.stdout(`${name} differs: run npm run train\n`);
      stale++;
    }
  }
  return stale > 0 ? 1 : 0;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
