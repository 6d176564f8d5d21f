import { CATEGORY_LABELS } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { normalizeText } from '../text/normalize';
import { terms } from './tokens';

/** How much a word counts by where it appears: curated keywords say most about what a project does. */
const FIELD_WEIGHTS = {
  keywords: 3,
  name: 2,
  summary: 2,
  category: 1.5,
  languages: 1.5,
  description: 1,
} as const;
/** BM25's term-frequency saturation: a word said five times is not five times the answer. */
const K1 = 1.2;

export interface CapabilityHit {
  readonly entry: number;
  readonly score: number;
  /** Share of the query's weight (by rarity) that this project matches, 0..1. */
  readonly coverage: number;
}

function fieldTexts(entry: CatalogEntry): [keyof typeof FIELD_WEIGHTS, string][] {
  const label = CATEGORY_LABELS[entry.category];
  return [
    ['keywords', [...entry.keywords.en, ...entry.keywords.zh].join(' ; ')],
    ['name', [entry.name, ...entry.aliases].join(' ; ')],
    ['summary', `${entry.summary.en} ; ${entry.summary.zh}`],
    ['category', `${label.en} ; ${label.zh}`],
    ['languages', entry.languages.join(' ; ')],
    ['description', `${entry.description.en} ; ${entry.description.zh}`],
  ];
}

/** An inverted index from words (English stems, Chinese bigrams) to weighted, saturated term scores. */
export class CapabilityIndex {
  private readonly postings = new Map<string, { entry: number; weight: number }[]>();
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;

  constructor(entries: readonly CatalogEntry[]) {
    entries.forEach((entry, index) => {
      const frequencies = new Map<string, number>();
      for (const [field, text] of fieldTexts(entry)) {
        for (const term of terms(normalizeText(text))) {
          frequencies.set(term, (frequencies.get(term) ?? 0) + FIELD_WEIGHTS[field]);
        }
      }
      for (const [term, frequency] of frequencies) {
        const weight = (frequency * (K1 + 1)) / (frequency + K1);
        const list = this.postings.get(term);
        if (list) list.push({ entry: index, weight });
        else this.postings.set(term, [{ entry: index, weight }]);
      }
    });
    const n = entries.length;
    for (const [term, list] of this.postings) {
      this.idf.set(term, Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)));
    }
    this.unknownIdf = Math.log(1 + (n + 0.5) / 0.5);
  }

  /** Projects matching the query's terms, best first. */
  search(queryTerms: readonly string[], limit: number): CapabilityHit[] {
    if (queryTerms.length === 0) return [];
    const scores = new Map<number, { score: number; matched: number }>();
    let totalIdf = 0;
    for (const term of queryTerms) {
      const idf = this.idf.get(term);
      totalIdf += idf ?? this.unknownIdf;
      if (idf === undefined) continue;
      for (const { entry, weight } of this.postings.get(term) ?? []) {
        const current = scores.get(entry) ?? { score: 0, matched: 0 };
        current.score += idf * weight;
        current.matched += idf;
        scores.set(entry, current);
      }
    }
    return [...scores]
      .map(([entry, { score, matched }]) => ({ entry, score, coverage: matched / totalIdf }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}
