import { CATEGORY_LABELS } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { normalizeText } from '../text/normalize';
import { hasCjk, stem, terms } from './tokens';

/** How much a word counts by where it appears: curated keywords say most about what a project does. */
const FIELD_WEIGHTS = {
  keywords: 3,
  name: 2,
  summary: 2,
  category: 1.5,
  languages: 1,
  description: 1,
} as const;
/** BM25's term-frequency saturation: a word said five times is not five times the answer. */
const K1 = 1.2;

export interface CapabilityHit {
  readonly entry: number;
  readonly score: number;
  /** Share of the query's weight (by rarity) that this project matches, 0..1. */
  readonly coverage: number;
  /** How many distinct query terms it matches. */
  readonly terms: number;
}

/** The `limit` best of many scores without sorting them all (a common word can match thousands). */
function topByScore<T extends { score: number }>(scores: Map<number, T>, limit: number): [number, T][] {
  const top: [number, T][] = [];
  for (const item of scores) {
    if (top.length === limit && item[1].score <= (top[limit - 1] as [number, T])[1].score) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1] as [number, T])[1].score < item[1].score) at--;
    top.splice(at, 0, item);
    if (top.length > limit) top.pop();
  }
  return top;
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
  /** What a query word the catalog never uses weighs: an off-topic word ("postgres") lowers coverage. */
  private readonly unknownWordIdf: number;

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
    this.unknownWordIdf = 0.5 * Math.log(1 + (n + 0.5) / 0.5);
  }

  /** Whether any project uses this word (after stemming). */
  knows(word: string): boolean {
    return this.idf.has(stem(word));
  }

  /**
   * Projects matching the query's terms, best first. Chinese pairs the catalog never uses are skipped:
   * most are fragments of function words ("怎么用" gives "么用"), not missing topics.
   */
  search(queryTerms: readonly string[], limit: number): CapabilityHit[] {
    const scores = new Map<number, { score: number; matched: number; terms: number }>();
    let totalIdf = 0;
    for (const term of queryTerms) {
      const idf = this.idf.get(term);
      if (idf === undefined) {
        if (!hasCjk(term)) totalIdf += this.unknownWordIdf;
        continue;
      }
      totalIdf += idf;
      for (const { entry, weight } of this.postings.get(term) ?? []) {
        const current = scores.get(entry) ?? { score: 0, matched: 0, terms: 0 };
        current.score += idf * weight;
        current.matched += idf;
        current.terms++;
        scores.set(entry, current);
      }
    }
    return topByScore(scores, limit).map(([entry, { score, matched, terms }]) => ({
      entry,
      score,
      coverage: matched / totalIdf,
      terms,
    }));
  }
}
