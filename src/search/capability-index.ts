import { CATEGORY_LABELS } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { hasCjk, stem, textTerms } from './tokens';

/**
 * How much a word counts by where it appears (BM25F): curated keywords say most about what a project
 * does, the problems people bring say it in their words, a description says much else besides.
 */
const FIELDS = {
  keywords: { weight: 3, b: 0.3, domain: true },
  name: { weight: 2, b: 0, domain: true },
  summary: { weight: 2, b: 0.3, domain: true },
  category: { weight: 1.5, b: 0, domain: true },
  problems: { weight: 1.5, b: 0.6, domain: false },
  languages: { weight: 1, b: 0, domain: false },
  description: { weight: 1, b: 0.6, domain: false },
} as const;
type Field = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as Field[];

/** BM25's term-frequency saturation: a word said five times is not five times the answer. */
const K1 = 1.2;
/** A term used by this share of projects is an everyday word of the catalog. */
const COMMON_SHARE = 0.2;
/** How much the closest single passage counts next to the whole entry's relative score. */
const PASSAGE_WEIGHT = 1;

export interface CapabilityHit {
  readonly entry: number;
  readonly score: number;
  /** Share of the query's weight (by rarity) that this project matches, 0..1. */
  readonly coverage: number;
  /** How many distinct query terms it matches. */
  readonly terms: number;
  /** Share of the query's weight matched by domain terms (see `CapabilityIndex.domainShare`), 0..1. */
  readonly domainCoverage: number;
  /**
   * How closely the question matches one single need of this project (a problem or its summary), 0..1:
   * a question usually asks one thing, said the way one of the problems says it.
   */
  readonly passage: number;
}

/** Each field's text of an entry, English and Chinese apart; `passages` are matched one by one too. */
function fieldTexts(entry: CatalogEntry): { field: Field; text: string; passage: boolean }[] {
  const label = CATEGORY_LABELS[entry.category];
  const texts: { field: Field; text: string; passage: boolean }[] = [
    { field: 'keywords', text: entry.keywords.en.join(' ; '), passage: false },
    { field: 'keywords', text: entry.keywords.zh.join(' ; '), passage: false },
    { field: 'name', text: [entry.name, ...entry.aliases].join(' ; '), passage: false },
    { field: 'summary', text: entry.summary.en, passage: true },
    { field: 'summary', text: entry.summary.zh, passage: true },
    { field: 'category', text: `${label.en} ; ${label.zh}`, passage: false },
    { field: 'languages', text: entry.languages.join(' ; '), passage: false },
    { field: 'description', text: entry.description.en, passage: false },
    { field: 'description', text: entry.description.zh, passage: false },
  ];
  for (const problem of [...(entry.problems?.en ?? []), ...(entry.problems?.zh ?? [])])
    texts.push({ field: 'problems', text: problem, passage: true });
  return texts;
}

interface Postings {
  readonly entries: Int32Array;
  readonly weights: Float64Array;
  readonly passages: Int32Array;
  readonly idf: number;
  readonly domain: boolean;
}

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
 * An inverted index from words (English stems, Chinese character pairs and words) to BM25F entry
 * scores, and to the passages (problems, summaries) that contain them.
 */
export class CapabilityIndex {
  private readonly postings = new Map<string, Postings>();
  /** What a query word the catalog never uses weighs: an off-topic word ("postgres") lowers coverage. */
  private readonly unknownWordIdf: number;
  /** The entry of each passage, and the summed rarity of its distinct terms. */
  private readonly passageEntry: Int32Array;
  private readonly passageWeight: Float64Array;
  // Per-query accumulators, allocated once: a search touches only the entries its words list.
  private readonly score: Float64Array;
  private readonly matched: Float64Array;
  private readonly termCount: Uint16Array;
  private readonly domainMatched: Float64Array;
  private readonly passageMatched: Float64Array;
  private readonly bestPassage: Float64Array;
  private readonly rank: Float64Array;
  private readonly size: number;

  constructor(entries: readonly CatalogEntry[]) {
    // Terms get small integer ids, so the per-entry counting below is array work, not map work.
    const vocabulary = new Map<string, number>();
    const postingEntries: number[][] = [];
    /** Per posting, the term's count in each field, flattened. */
    const postingCounts: number[][] = [];
    const postingPassages: number[][] = [];
    const domainTerms = new Set<number>();
    const fieldCount = FIELD_NAMES.length;
    const counts = new Float64Array(fieldCount);
    let frequency = new Float64Array(4096 * fieldCount);
    let lastEntry = new Int32Array(4096).fill(-1);
    const touched: number[] = [];
    const passageEntry: number[] = [];
    const passageTerms: number[][] = [];
    /** Per entry and field, the number of terms, for length normalisation. */
    const lengths = new Float64Array(entries.length * fieldCount);

    const idOf = (term: string): number => {
      let id = vocabulary.get(term);
      if (id !== undefined) return id;
      id = vocabulary.size;
      vocabulary.set(term, id);
      postingEntries.push([]);
      postingCounts.push([]);
      postingPassages.push([]);
      if (id >= lastEntry.length) {
        const grownFrequency = new Float64Array(frequency.length * 2);
        grownFrequency.set(frequency);
        frequency = grownFrequency;
        const grownLast = new Int32Array(lastEntry.length * 2).fill(-1);
        grownLast.set(lastEntry);
        lastEntry = grownLast;
      }
      return id;
    };

    entries.forEach((entry, index) => {
      for (const { field, text, passage } of fieldTexts(entry)) {
        const f = FIELD_NAMES.indexOf(field);
        const words = textTerms(text);
        lengths[index * fieldCount + f] = (lengths[index * fieldCount + f] as number) + words.length;
        const inPassage = passage ? new Set<number>() : undefined;
        for (const term of words) {
          const id = idOf(term);
          if (FIELDS[field].domain) domainTerms.add(id);
          if (lastEntry[id] !== index) {
            lastEntry[id] = index;
            touched.push(id);
          }
          frequency[id * fieldCount + f] = (frequency[id * fieldCount + f] as number) + 1;
          inPassage?.add(id);
        }
        if (inPassage && inPassage.size > 0) {
          const passageId = passageEntry.length;
          passageEntry.push(index);
          passageTerms.push([...inPassage]);
          for (const id of inPassage) (postingPassages[id] as number[]).push(passageId);
        }
      }
      for (const id of touched) {
        (postingEntries[id] as number[]).push(index);
        const list = postingCounts[id] as number[];
        for (let f = 0; f < fieldCount; f++) {
          list.push(frequency[id * fieldCount + f] as number);
          frequency[id * fieldCount + f] = 0;
        }
      }
      touched.length = 0;
    });

    const n = entries.length;
    this.size = n;
    const averages = FIELD_NAMES.map((_, f) => {
      let sum = 0;
      for (let entry = 0; entry < n; entry++) sum += lengths[entry * fieldCount + f] as number;
      return sum / n || 1;
    });
    const idfs = new Float64Array(vocabulary.size);
    for (const [term, id] of vocabulary) {
      const list = postingEntries[id] as number[];
      const termCounts = postingCounts[id] as number[];
      const weights = new Float64Array(list.length);
      list.forEach((entry, i) => {
        let tf = 0;
        for (let f = 0; f < fieldCount; f++) counts[f] = termCounts[i * fieldCount + f] as number;
        FIELD_NAMES.forEach((field, f) => {
          const count = counts[f] as number;
          if (count === 0) return;
          const { weight, b } = FIELDS[field];
          const length = lengths[entry * fieldCount + f] as number;
          tf += (weight * count) / (1 - b + (b * length) / (averages[f] as number));
        });
        weights[i] = (tf * (K1 + 1)) / (tf + K1);
      });
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      idfs[id] = idf;
      this.postings.set(term, {
        entries: Int32Array.from(list),
        weights,
        passages: Int32Array.from(postingPassages[id] as number[]),
        idf,
        domain: domainTerms.has(id),
      });
    }
    this.passageEntry = Int32Array.from(passageEntry);
    this.passageWeight = Float64Array.from(passageTerms, (ids) =>
      ids.reduce((sum, id) => sum + (idfs[id] as number), 0),
    );
    this.unknownWordIdf = 0.5 * Math.log(1 + (n + 0.5) / 0.5);
    this.score = new Float64Array(n);
    this.matched = new Float64Array(n);
    this.termCount = new Uint16Array(n);
    this.domainMatched = new Float64Array(n);
    this.passageMatched = new Float64Array(passageEntry.length);
    this.bestPassage = new Float64Array(n);
    this.rank = new Float64Array(n);
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

  /** Whether every one of these terms is used by at least a fifth of the projects: everyday catalog words. */
  common(phraseTerms: readonly string[]): boolean {
    return (
      phraseTerms.length > 0 &&
      phraseTerms.every((term) => (this.postings.get(term)?.entries.length ?? 0) >= this.size * COMMON_SHARE)
    );
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
    const touchedPassages: number[] = [];
    let totalIdf = 0;
    for (const term of queryTerms) {
      const postings = this.postings.get(term);
      if (!postings) {
        if (!hasCjk(term)) totalIdf += this.unknownWordIdf;
        continue;
      }
      const { entries, weights, passages, idf, domain } = postings;
      totalIdf += idf;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i] as number;
        if (this.termCount[entry] === 0) touched.push(entry);
        this.score[entry] = (this.score[entry] as number) + idf * (weights[i] as number);
        this.matched[entry] = (this.matched[entry] as number) + idf;
        this.termCount[entry] = (this.termCount[entry] as number) + 1;
        if (domain) this.domainMatched[entry] = (this.domainMatched[entry] as number) + idf;
      }
      for (let i = 0; i < passages.length; i++) {
        const passage = passages[i] as number;
        if (this.passageMatched[passage] === 0) touchedPassages.push(passage);
        this.passageMatched[passage] = (this.passageMatched[passage] as number) + idf;
      }
    }
    for (const passage of touchedPassages) {
      const matched = this.passageMatched[passage] as number;
      // idf-weighted overlap, as a share of the geometric mean of both sides: a short problem fully
      // matched by a short question scores highest.
      const similarity = matched / Math.sqrt(totalIdf * (this.passageWeight[passage] as number));
      const entry = this.passageEntry[passage] as number;
      if (similarity > (this.bestPassage[entry] as number)) this.bestPassage[entry] = similarity;
      this.passageMatched[passage] = 0;
    }
    let best = 0;
    for (const entry of touched) best = Math.max(best, this.score[entry] as number);
    // The rank: the whole entry's BM25F score, relative to the best, plus the closest single passage.
    for (const entry of touched)
      this.rank[entry] =
        (this.score[entry] as number) / best + PASSAGE_WEIGHT * (this.bestPassage[entry] as number);
    const top = topEntries(touched, this.rank, limit);
    const hits = top.map((entry) => ({
      entry,
      score: this.rank[entry] as number,
      coverage: (this.matched[entry] as number) / totalIdf,
      terms: this.termCount[entry] as number,
      domainCoverage: (this.domainMatched[entry] as number) / totalIdf,
      passage: this.bestPassage[entry] as number,
    }));
    for (const entry of touched) {
      this.score[entry] = 0;
      this.matched[entry] = 0;
      this.termCount[entry] = 0;
      this.domainMatched[entry] = 0;
      this.bestPassage[entry] = 0;
    }
    return hits;
  }
}
