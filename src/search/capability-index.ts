import { CATEGORY_LABELS } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { hasCjk, stem, textTerms } from './tokens';

/** How much a word counts by where it appears: curated keywords say most about what a project does. */
const FIELD_WEIGHTS = {
  keywords: 3,
  problems: 2,
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
  /** Share of the query's weight matched by domain terms (see `CapabilityIndex.isDomain`), 0..1. */
  readonly domainCoverage: number;
}

/** Fields whose words name what projects are about; everyday words of problems and descriptions are not. */
const DOMAIN_FIELDS: ReadonlySet<keyof typeof FIELD_WEIGHTS> = new Set([
  'keywords',
  'name',
  'summary',
  'category',
]);

/** The `limit` best-scoring entries without sorting them all (a common word can match thousands). */
function topEntries(candidates: readonly number[], score: Float64Array, limit: number): number[] {
  const top: number[] = [];
  for (const entry of candidates) {
    const value = score[entry] as number;
    if (top.length === limit && value <= (score[top[limit - 1] as number] as number)) continue;
    let at = top.length;
    while (at > 0 && (score[top[at - 1] as number] as number) < value) at--;
    top.splice(at, 0, entry);
    if (top.length > limit) top.pop();
  }
  return top;
}

/**
 * Each field's text, English and Chinese apart: plain ASCII text takes the fast path of normalisation.
 * `problems` are the needs people bring, in their words: what a question in chat sounds like.
 */
function fieldTexts(entry: CatalogEntry): [keyof typeof FIELD_WEIGHTS, string][] {
  const label = CATEGORY_LABELS[entry.category];
  return [
    ['keywords', entry.keywords.en.join(' ; ')],
    ['keywords', entry.keywords.zh.join(' ; ')],
    ['name', [entry.name, ...entry.aliases].join(' ; ')],
    ['summary', entry.summary.en],
    ['summary', entry.summary.zh],
    ['category', `${label.en} ; ${label.zh}`],
    ['languages', entry.languages.join(' ; ')],
    ['problems', (entry.problems?.en ?? []).join(' ; ')],
    ['problems', (entry.problems?.zh ?? []).join(' ; ')],
    ['description', entry.description.en],
    ['description', entry.description.zh],
  ];
}

interface Postings {
  readonly entries: Int32Array;
  readonly weights: Float64Array;
  readonly idf: number;
  readonly domain: boolean;
}

/** An inverted index from words (English stems, Chinese bigrams) to weighted, saturated term scores. */
export class CapabilityIndex {
  private readonly postings = new Map<string, Postings>();
  /** What a query word the catalog never uses weighs: an off-topic word ("postgres") lowers coverage. */
  private readonly unknownWordIdf: number;
  // Per-query accumulators, allocated once: a search touches only the entries its words list.
  private readonly score: Float64Array;
  private readonly matched: Float64Array;
  private readonly termCount: Uint16Array;
  private readonly domainMatched: Float64Array;

  constructor(entries: readonly CatalogEntry[]) {
    // Terms get small integer ids, so the per-entry counting below is array work, not map work.
    const vocabulary = new Map<string, number>();
    const postingEntries: number[][] = [];
    const postingWeights: number[][] = [];
    let frequency = new Float64Array(4096);
    const touched: number[] = [];
    const domainTerms = new Set<number>();
    entries.forEach((entry, index) => {
      for (const [field, text] of fieldTexts(entry)) {
        const domain = DOMAIN_FIELDS.has(field);
        for (const term of textTerms(text)) {
          let id = vocabulary.get(term);
          if (id === undefined) {
            id = vocabulary.size;
            vocabulary.set(term, id);
            postingEntries.push([]);
            postingWeights.push([]);
            if (id >= frequency.length) {
              const grown = new Float64Array(frequency.length * 2);
              grown.set(frequency);
              frequency = grown;
            }
          }
          if (domain) domainTerms.add(id);
          if (frequency[id] === 0) touched.push(id);
          frequency[id] = (frequency[id] as number) + FIELD_WEIGHTS[field];
        }
      }
      for (const id of touched) {
        const f = frequency[id] as number;
        (postingEntries[id] as number[]).push(index);
        (postingWeights[id] as number[]).push((f * (K1 + 1)) / (f + K1));
        frequency[id] = 0;
      }
      touched.length = 0;
    });
    const n = entries.length;
    for (const [term, id] of vocabulary) {
      const list = postingEntries[id] as number[];
      this.postings.set(term, {
        entries: Int32Array.from(list),
        weights: Float64Array.from(postingWeights[id] as number[]),
        idf: Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)),
        domain: domainTerms.has(id),
      });
    }
    this.unknownWordIdf = 0.5 * Math.log(1 + (n + 0.5) / 0.5);
    this.score = new Float64Array(n);
    this.matched = new Float64Array(n);
    this.termCount = new Uint16Array(n);
    this.domainMatched = new Float64Array(n);
  }

  /** Share of a query's weight carried by domain terms: 0 for a question about nothing the catalog covers. */
  domainShare(queryTerms: readonly string[]): number {
    let total = 0;
    let domain = 0;
    for (const term of queryTerms) {
      const postings = this.postings.get(term);
      if (!postings) {
        if (!hasCjk(term)) total += this.unknownWordIdf;
        continue;
      }
      total += postings.idf;
      if (postings.domain) domain += postings.idf;
    }
    return total > 0 ? domain / total : 0;
  }

  /** Whether any project uses this word (after stemming). */
  knows(word: string): boolean {
    return this.postings.has(stem(word));
  }

  /**
   * Projects matching the query's terms, best first. Chinese pairs the catalog never uses are skipped:
   * most are fragments of function words ("怎么用" gives "么用"), not missing topics.
   */
  search(queryTerms: readonly string[], limit: number): CapabilityHit[] {
    const touched: number[] = [];
    let totalIdf = 0;
    for (const term of queryTerms) {
      const postings = this.postings.get(term);
      if (!postings) {
        if (!hasCjk(term)) totalIdf += this.unknownWordIdf;
        continue;
      }
      const { entries, weights, idf, domain } = postings;
      totalIdf += idf;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i] as number;
        if (this.termCount[entry] === 0) touched.push(entry);
        this.score[entry] = (this.score[entry] as number) + idf * (weights[i] as number);
        this.matched[entry] = (this.matched[entry] as number) + idf;
        this.termCount[entry] = (this.termCount[entry] as number) + 1;
        if (domain) this.domainMatched[entry] = (this.domainMatched[entry] as number) + idf;
      }
    }
    const top = topEntries(touched, this.score, limit);
    const hits = top.map((entry) => ({
      entry,
      score: this.score[entry] as number,
      coverage: (this.matched[entry] as number) / totalIdf,
      terms: this.termCount[entry] as number,
      domainCoverage: (this.domainMatched[entry] as number) / totalIdf,
    }));
    for (const entry of touched) {
      this.score[entry] = 0;
      this.matched[entry] = 0;
      this.termCount[entry] = 0;
      this.domainMatched[entry] = 0;
    }
    return hits;
  }
}
