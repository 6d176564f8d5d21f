import type { CatalogEntry } from '../catalog/types';
import { buildIndex, type IndexData } from './index-builder';
import { hasCjk, stem } from './tokens';

/** A term used by this share of projects is an everyday word of the catalog. */
const COMMON_SHARE = 0.2;
/** How much the closest passages count next to the whole entry's relative score. */
const PASSAGE_WEIGHT = 1;
/** Entries whose passages are compared with the question: the leaders by BM25F score. */
const RERANKED = 12;

export interface CapabilityHit {
  readonly entry: number;
  readonly score: number;
  /** Share of the query's weight (by rarity) that this project matches, 0..1. */
  readonly coverage: number;
  /** How many distinct query terms it matches. */
  readonly terms: number;
  /** Share of the query's weight matched by domain terms (see `CapabilityIndex.domainShare`), 0..1. */
  readonly domainCoverage: number;
  /** The whole entry's BM25F score as a share of the best one's, 0..1. */
  readonly bm25: number;
  /** The similarity of its two passages closest to the question, summed. */
  readonly passages: number;
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
 * Which projects a question's words (English stems, Chinese character pairs and words) point at: BM25F
 * over each entry's fields, plus the one passage (a problem or a summary) closest to the question.
 */
export class CapabilityIndex {
  private readonly index: IndexData;
  /** What a query word the catalog never uses weighs: an off-topic word ("postgres") lowers coverage. */
  private readonly unknownWordIdf: number;
  // Per-query accumulators, allocated once: a search touches only the entries its words list.
  private readonly score: Float64Array;
  private readonly matched: Float64Array;
  private readonly termCount: Uint16Array;
  private readonly domainMatched: Float64Array;
  /** The rarity of each term of the current question, 0 for the others. */
  private readonly queryIdf: Float64Array;
  private readonly rank: Float64Array;
  private readonly passageScore: Float64Array;

  constructor(entries: readonly CatalogEntry[]) {
    this.index = buildIndex(entries);
    const n = entries.length;
    this.unknownWordIdf = 0.5 * Math.log(1 + (n + 0.5) / 0.5);
    this.score = new Float64Array(n);
    this.matched = new Float64Array(n);
    this.termCount = new Uint16Array(n);
    this.domainMatched = new Float64Array(n);
    this.queryIdf = new Float64Array(this.index.idf.length);
    this.rank = new Float64Array(n);
    this.passageScore = new Float64Array(n);
  }

  /** Share of a query's weight carried by domain terms: 0 for a question about nothing the catalog covers. */
  domainShare(queryTerms: readonly string[]): number {
    let total = 0;
    let domain = 0;
    for (const term of queryTerms) {
      const id = this.index.vocabulary.get(term);
      if (id === undefined) {
        if (!hasCjk(term)) total += this.unknownWordIdf;
        continue;
      }
      const idf = this.index.idf[id] as number;
      total += idf;
      if (this.index.domain[id] === 1) domain += idf;
    }
    return total > 0 ? domain / total : 0;
  }

  /** Whether every one of these terms is used by at least a fifth of the projects: everyday catalog words. */
  common(phraseTerms: readonly string[]): boolean {
    const { vocabulary, entryOffsets, entryCount } = this.index;
    return (
      phraseTerms.length > 0 &&
      phraseTerms.every((term) => {
        const id = vocabulary.get(term);
        if (id === undefined) return false;
        return (entryOffsets[id + 1] as number) - (entryOffsets[id] as number) >= entryCount * COMMON_SHARE;
      })
    );
  }

  /** Whether any project uses this word (after stemming). */
  knows(word: string): boolean {
    return this.index.vocabulary.has(stem(word));
  }

  /**
   * The summed similarity of an entry's two passages closest to the question (whose term rarities are
   * in `queryIdf`): idf-weighted overlap as a share of the geometric mean of both sides, so a short
   * problem fully matched by a short question scores highest.
   */
  private closestPassages(entry: number, questionWeight: number): number {
    const { entryPassages, passageTermOffsets, passageTerms, passageWeight } = this.index;
    let first = 0;
    let second = 0;
    for (
      let passage = entryPassages[entry] as number;
      passage < (entryPassages[entry + 1] as number);
      passage++
    ) {
      let matched = 0;
      for (
        let i = passageTermOffsets[passage] as number;
        i < (passageTermOffsets[passage + 1] as number);
        i++
      )
        matched += this.queryIdf[passageTerms[i] as number] as number;
      if (matched === 0) continue;
      const similarity = matched / Math.sqrt(questionWeight * (passageWeight[passage] as number));
      if (similarity > first) {
        second = first;
        first = similarity;
      } else if (similarity > second) second = similarity;
    }
    return first + second;
  }

  /**
   * Projects matching the query's terms, best first. Chinese pairs the catalog never uses are skipped:
   * most are fragments of function words ("怎么用" gives "么用"), not missing topics.
   */
  search(queryTerms: readonly string[], limit: number): CapabilityHit[] {
    const { vocabulary, idf: idfs, domain: domains, entryOffsets, entryIds, entryWeights } = this.index;
    const touched: number[] = [];
    const queryIds: number[] = [];
    let totalIdf = 0;
    for (const term of queryTerms) {
      const id = vocabulary.get(term);
      if (id === undefined) {
        if (!hasCjk(term)) totalIdf += this.unknownWordIdf;
        continue;
      }
      const idf = idfs[id] as number;
      const domain = domains[id] === 1;
      totalIdf += idf;
      queryIds.push(id);
      this.queryIdf[id] = idf;
      for (let i = entryOffsets[id] as number, end = entryOffsets[id + 1] as number; i < end; i++) {
        const entry = entryIds[i] as number;
        if (this.termCount[entry] === 0) touched.push(entry);
        this.score[entry] = (this.score[entry] as number) + idf * (entryWeights[i] as number);
        this.matched[entry] = (this.matched[entry] as number) + idf;
        this.termCount[entry] = (this.termCount[entry] as number) + 1;
        if (domain) this.domainMatched[entry] = (this.domainMatched[entry] as number) + idf;
      }
    }
    // The rank: the whole entry's BM25F score, relative to the best, plus its two closest passages (a
    // question often asks two things of one project). Passages are compared for the leading entries only.
    const candidates = topEntries(touched, this.score, Math.max(limit, RERANKED));
    const best = this.score[candidates[0] ?? 0] as number;
    for (const entry of candidates) {
      this.passageScore[entry] = this.closestPassages(entry, totalIdf);
      this.rank[entry] =
        (this.score[entry] as number) / best + PASSAGE_WEIGHT * (this.passageScore[entry] as number);
    }
    for (const id of queryIds) this.queryIdf[id] = 0;
    const top = topEntries(candidates, this.rank, limit);
    const hits = top.map((entry) => ({
      entry,
      score: this.rank[entry] as number,
      coverage: (this.matched[entry] as number) / totalIdf,
      terms: this.termCount[entry] as number,
      domainCoverage: (this.domainMatched[entry] as number) / totalIdf,
      bm25: (this.score[entry] as number) / best,
      passages: this.passageScore[entry] as number,
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
