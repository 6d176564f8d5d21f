import type { Search, SearchResponse } from './search';

/** What evaluation needs of a search: ours, or the plain-library baseline. */
export interface Ranker {
  search(query: string, options: { limit: number }): Pick<SearchResponse, 'results' | 'onTopic'>;
}

export interface EvalCase {
  readonly kind: string;
  readonly query: string;
  /** Ids that are a right first answer; empty for a query that must find nothing. */
  readonly accept: readonly string[];
}

export interface KindReport {
  readonly kind: string;
  readonly count: number;
  readonly top1: number;
  readonly top3: number;
  readonly mrr: number;
  /** Share of queries with no `exact` or `strong` result: the goal of the "nothing" kind. */
  readonly noConfident: number;
  /** Of the queries answered with confidence (`exact` or `strong`), the share answered right. */
  readonly confidentRight: number;
  /** Share of queries answered "I only know eBPF projects": no confident result and off topic. */
  readonly gated: number;
  readonly failures: readonly { query: string; accept: readonly string[]; got: readonly string[] }[];
}

/** Measures search quality per kind of query. */
export function evaluate(search: Ranker, cases: readonly EvalCase[]): KindReport[] {
  const kinds = [...new Set(cases.map((c) => c.kind))];
  return kinds.map((kind) => {
    const ofKind = cases.filter((c) => c.kind === kind);
    let top1 = 0;
    let top3 = 0;
    let reciprocal = 0;
    let noConfident = 0;
    let confident = 0;
    let confidentRight = 0;
    let gated = 0;
    const failures: KindReport['failures'][number][] = [];
    for (const c of ofKind) {
      const { results, onTopic } = search.search(c.query, { limit: 10 });
      if (!onTopic && !results.some((result) => result.confidence !== 'weak')) gated++;
      const ids = results.map((result) => result.entry.id);
      if (!results.some((result) => result.confidence !== 'weak')) noConfident++;
      const rank = ids.findIndex((id) => c.accept.includes(id)) + 1;
      if (results[0] && results[0].confidence !== 'weak') {
        confident++;
        if (rank === 1) confidentRight++;
      }
      if (rank === 1) top1++;
      if (rank >= 1 && rank <= 3) top3++;
      if (rank >= 1) reciprocal += 1 / rank;
      const failed =
        c.accept.length === 0 ? results.some((result) => result.confidence !== 'weak') : rank !== 1;
      if (failed)
        failures.push({
          query: c.query,
          accept: c.accept,
          got: results.slice(0, 3).map((r) => `${r.entry.id}(${r.confidence})`),
        });
    }
    const share = (n: number) => (ofKind.length ? n / ofKind.length : 0);
    return {
      kind,
      count: ofKind.length,
      top1: share(top1),
      top3: share(top3),
      mrr: share(reciprocal),
      noConfident: share(noConfident),
      confidentRight: confident ? confidentRight / confident : 1,
      gated: share(gated),
      failures,
    };
  });
}

/** One row per kind; with a baseline, its top-1 and top-3 beside ours. */
export function formatReport(reports: readonly KindReport[], baseline?: readonly KindReport[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const base = new Map(baseline?.map((report) => [report.kind, report]));
  const rows = reports.map((r) => {
    const plain = base.get(r.kind);
    const beside = baseline ? (plain ? ` ${pct(plain.top1)} ${pct(plain.top3)}` : `${''.padStart(16)}`) : '';
    return `${r.kind.padEnd(18)} ${String(r.count).padStart(5)} ${pct(r.top1)} ${pct(r.top3)} ${r.mrr.toFixed(3).padStart(6)} ${pct(r.noConfident)} ${pct(r.confidentRight)} ${pct(r.gated)}${beside}`;
  });
  const header = [
    'top-1',
    'top-3',
    'MRR',
    'no-conf',
    'conf-ok',
    'gated',
    ...(baseline ? ['plain-1', 'plain-3'] : []),
  ];
  return [
    `${'kind'.padEnd(18)} ${'count'.padStart(5)} ${header.map((h, i) => h.padStart(i === 2 ? 6 : 7)).join(' ')}`,
    ...rows,
  ].join('\n');
}

/** A question a real person asked (test/fixtures/real-questions.json). */
export interface RealQuestion {
  readonly q: string;
  readonly lang: 'en' | 'zh';
  readonly kind: 'need' | 'named' | 'about' | 'off-topic';
  /** Every catalog project that answers it; empty when none does. */
  readonly answers: readonly string[];
  readonly split: 'dev' | 'test';
  readonly source: string;
  /**
   * Absent for the first batch (split into dev and test); 2 for questions added to dev after tuning had
   * begun; 3 for questions added to test before the ranking work of issue 18.
   */
  readonly batch?: number;
}

/**
 * Real questions as evaluation cases, grouped by split, language (off-topic ones apart) and, for the test
 * side, by batch and all batches together: "dev en", "test b1 en", "test b3 en", "test en".
 */
export function realQuestionCases(questions: readonly RealQuestion[]): EvalCase[] {
  const group = (question: RealQuestion) => (question.kind === 'off-topic' ? 'off-topic' : question.lang);
  const cases: EvalCase[] = [];
  const add = (kind: string, question: RealQuestion) =>
    cases.push({ kind, query: question.q, accept: question.answers });
  for (const question of questions) if (question.split === 'dev') add(`dev ${group(question)}`, question);
  const test = questions.filter((question) => question.split === 'test');
  const batches = [...new Set(test.map((question) => question.batch ?? 1))].sort();
  for (const batch of batches)
    for (const question of test)
      if ((question.batch ?? 1) === batch) add(`test b${batch} ${group(question)}`, question);
  if (batches.length > 1) for (const question of test) add(`test ${group(question)}`, question);
  return cases;
}

/** A written case of an answer kind other than a ranking (test/fixtures/intent-eval.json). */
export interface IntentCase {
  readonly kind: 'comparison' | 'not-ebpf' | 'typo';
  readonly lang: 'en' | 'zh';
  readonly query: string;
  readonly projects: readonly string[];
}

export interface IntentReport {
  readonly kind: string;
  readonly count: number;
  readonly right: number;
  readonly failures: readonly { query: string; want: readonly string[]; got: string }[];
}

/**
 * Comparisons must compare exactly the projects named; a name of other software must get no confident card
 * of a project it does not offer, and one of its offers among the first three; a typo of a catalog name
 * must still get that project first, confidently.
 */
export function evaluateIntents(search: Search, cases: readonly IntentCase[]): IntentReport[] {
  const groups = new Map<
    string,
    { count: number; right: number; failures: IntentReport['failures'][number][] }
  >();
  for (const c of cases) {
    const response = search.search(c.query, { limit: 10 });
    const ids = response.results.map((result) => result.entry.id);
    const confident = response.results
      .filter((result) => result.confidence !== 'weak')
      .map((r) => r.entry.id);
    let right: boolean;
    let got: string;
    if (c.kind === 'comparison') {
      const compared = response.compared?.map((entry) => entry.id) ?? [];
      right = compared.length === c.projects.length && c.projects.every((id) => compared.includes(id));
      got =
        compared.length > 0
          ? `compared ${compared.join(' ')}`
          : `no comparison; ${ids.slice(0, 3).join(' ')}`;
    } else if (c.kind === 'not-ebpf') {
      right =
        !response.compared &&
        confident.every((id) => c.projects.includes(id)) &&
        ids.slice(0, 3).some((id) => c.projects.includes(id));
      got = `${response.notEbpf ? `not eBPF (${response.notEbpf.names[0]}); ` : ''}${response.results
        .slice(0, 3)
        .map((r) => `${r.entry.id}(${r.confidence})`)
        .join(' ')}`;
    } else {
      right =
        !response.notEbpf &&
        response.results[0]?.entry.id === c.projects[0] &&
        confident[0] === c.projects[0];
      got = response.results
        .slice(0, 3)
        .map((r) => `${r.entry.id}(${r.confidence})`)
        .join(' ');
    }
    const kind = `${c.kind} ${c.lang}`;
    const group = groups.get(kind) ?? { count: 0, right: 0, failures: [] };
    group.count++;
    if (right) group.right++;
    else group.failures.push({ query: c.query, want: c.projects, got });
    groups.set(kind, group);
  }
  return [...groups].map(([kind, group]) => ({ kind, ...group }));
}

export function formatIntentReport(reports: readonly IntentReport[]): string {
  return [
    `${'kind'.padEnd(18)} ${'count'.padStart(5)} ${'right'.padStart(7)}`,
    ...reports.map(
      (r) =>
        `${r.kind.padEnd(18)} ${String(r.count).padStart(5)} ${`${((r.right / r.count) * 100).toFixed(1)}%`.padStart(7)}`,
    ),
  ].join('\n');
}
