import type { Search } from './search';

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
export function evaluate(search: Search, cases: readonly EvalCase[]): KindReport[] {
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

export function formatReport(reports: readonly KindReport[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const rows = reports.map(
    (r) =>
      `${r.kind.padEnd(16)} ${String(r.count).padStart(5)} ${pct(r.top1)} ${pct(r.top3)} ${r.mrr.toFixed(3).padStart(6)} ${pct(r.noConfident)} ${pct(r.confidentRight)} ${pct(r.gated)}`,
  );
  return [
    `${'kind'.padEnd(16)} ${'count'.padStart(5)} ${'top-1'.padStart(7)} ${'top-3'.padStart(7)} ${'MRR'.padStart(6)} ${'no-conf'.padStart(7)} ${'conf-ok'.padStart(7)} ${'gated'.padStart(7)}`,
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
  /** 2 for the questions added to dev after tuning had begun; the test half is all of batch 1. */
  readonly batch?: number;
}

/** Real questions as evaluation cases, grouped by split and language, off-topic ones apart. */
export function realQuestionCases(questions: readonly RealQuestion[]): EvalCase[] {
  const order = (split: string) => (split === 'dev' ? 0 : 1);
  return [...questions]
    .sort((a, b) => order(a.split) - order(b.split))
    .map((question) => ({
      kind: `${question.split} ${question.kind === 'off-topic' ? 'off-topic' : question.lang}`,
      query: question.q,
      accept: question.answers,
    }));
}
