import { loadCatalog } from '../../src/catalog/load';
import { type EvalCase, evaluate, type KindReport } from '../../src/search/evaluate';
import { createSearch } from '../../src/search/search';
import evalSet from '../fixtures/search-eval.json';

const reports = new Map<string, KindReport>(
  evaluate(createSearch(loadCatalog().entries), evalSet as EvalCase[]).map((report) => [report.kind, report]),
);
const report = (kind: string): KindReport => {
  const found = reports.get(kind);
  if (!found) throw new Error(`no "${kind}" queries in the evaluation set`);
  return found;
};

describe('search quality on the evaluation set', () => {
  it('has at least 150 queries over every kind', () => {
    expect((evalSet as EvalCase[]).length).toBeGreaterThanOrEqual(150);
    for (const kind of ['exact', 'typo', 'alias', 'capability', 'chinese', 'nothing'])
      expect(report(kind).count).toBeGreaterThan(20);
  });

  it('finds every exact name and alias first', () => {
    expect(report('exact').top1).toBe(1);
    expect(report('alias').top1).toBe(1);
  });

  it('finds typos first at least 95% of the time', () => {
    expect(report('typo').top1).toBeGreaterThanOrEqual(0.95);
  });

  it('answers capability questions: 85% top-1, 95% top-3', () => {
    expect(report('capability').top1).toBeGreaterThanOrEqual(0.85);
    expect(report('capability').top3).toBeGreaterThanOrEqual(0.95);
  });

  it('answers Chinese questions first at least 85% of the time', () => {
    expect(report('chinese').top1).toBeGreaterThanOrEqual(0.85);
  });

  it('gives no confident answer to at least 90% of off-topic queries', () => {
    expect(report('nothing').noConfident).toBeGreaterThanOrEqual(0.9);
  });
});
