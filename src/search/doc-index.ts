import type { CatalogEntry } from '../catalog/types';

const K1 = 1.2;

/**
 * BM25 over the terms of each project's own documentation (`doc_terms`, weights 1..3 as term
 * frequencies): evidence the ranker weighs beside our own text, never a way in for a project on its own.
 */
export class DocIndex {
  private readonly postings = new Map<string, { entry: number; weight: number }[]>();
  private readonly idf = new Map<string, number>();

  constructor(entries: readonly CatalogEntry[]) {
    entries.forEach((entry, index) => {
      for (const [term, weight] of Object.entries(entry.doc_terms ?? {})) {
        let list = this.postings.get(term);
        if (!list) {
          list = [];
          this.postings.set(term, list);
        }
        list.push({ entry: index, weight: (weight * (K1 + 1)) / (weight + K1) });
      }
    });
    const n = entries.length;
    for (const [term, list] of this.postings)
      this.idf.set(term, Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)));
  }

  /** Each candidate's documentation score for these query terms, as a share of the best candidate's. */
  scores(queryTerms: readonly string[], candidates: readonly number[]): number[] {
    const at = new Map(candidates.map((entry, i) => [entry, i]));
    const scores = new Array<number>(candidates.length).fill(0);
    for (const term of new Set(queryTerms)) {
      const idf = this.idf.get(term);
      if (idf === undefined) continue;
      for (const { entry, weight } of this.postings.get(term) as { entry: number; weight: number }[]) {
        const i = at.get(entry);
        if (i !== undefined) scores[i] = (scores[i] as number) + idf * weight;
      }
    }
    const best = Math.max(...scores, 0);
    return best > 0 ? scores.map((score) => score / best) : scores;
  }
}
