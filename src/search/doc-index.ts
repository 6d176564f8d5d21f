import type { CatalogEntry } from '../catalog/types';
import { type Glossary, translateTerms } from './glossary';
import fitted from './glossary.json';

const K1 = 1.2;

/**
 * BM25 over the terms of each project's own documentation (`doc_terms`, weights 1..3 as term
 * frequencies): evidence the ranker weighs beside our own text, never a way in for a project on its own.
 */
export class DocIndex {
  /** Per entry: its terms' saturated weights. */
  private readonly weights: ReadonlyMap<string, number>[];
  private readonly idf = new Map<string, number>();

  constructor(
    entries: readonly CatalogEntry[],
    private readonly glossary: Glossary = fitted,
  ) {
    const documentFrequency = new Map<string, number>();
    this.weights = entries.map((entry) => {
      const weights = new Map<string, number>();
      for (const [term, weight] of Object.entries(entry.doc_terms ?? {})) {
        weights.set(term, (weight * (K1 + 1)) / (weight + K1));
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      }
      return weights;
    });
    const n = entries.length;
    for (const [term, df] of documentFrequency) this.idf.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }

  /** Each candidate's documentation score for these query terms, as a share of the best candidate's. */
  scores(queryTerms: readonly string[], candidates: readonly number[]): number[] {
    let best = 0;
    const scores = candidates.map((entry) => {
      const weights = this.weights[entry];
      let score = 0;
      if (weights && weights.size > 0)
        for (const term of queryTerms) {
          const weight = weights.get(term);
          if (weight !== undefined) score += (this.idf.get(term) as number) * weight;
        }
      if (score > best) best = score;
      return score;
    });
    return best > 0 ? scores.map((score) => score / best) : scores;
  }

  /**
   * The same for the question read in the other language through the glossary: a Chinese question
   * against documentation written in English, an English one against documentation in Chinese.
   */
  translatedScores(queryTerms: readonly string[], candidates: readonly number[]): number[] {
    return this.scores(translateTerms(this.glossary, queryTerms), candidates);
  }
}
