import type { CatalogEntry } from '../catalog/types';
import type { CapabilityHit } from './capability-index';
import type { DocIndex } from './doc-index';
import { prominenceScore } from './prominence';
import type { ParsedQuery } from './query';
import fitted from './ranker-weights.json';

/**
 * What the learned ranker knows of a capability match: how well the question's words match the entry
 * (BM25F, its closest passages, coverage), where the index put it, and what makes a project the one
 * experts name first (prominence, activity). `npm run train` fits the weights on the dev half of the
 * real questions and our written capability questions; `ranker-weights.json` is the reviewed result.
 */
export const RANKER_FEATURES = [
  'bm25',
  'passages',
  'coverage',
  'domain_coverage',
  'terms_share',
  'first_rank',
  'prominence',
  'active',
  'docs',
  'translated_docs',
  'chinese_docs',
  'category_share',
] as const;

export type Features = number[];

/** What a question's candidates share: the question's terms and language, and every candidate. */
export interface RankingContext {
  readonly queryTerms: number;
  readonly chinese: boolean;
  readonly hits: readonly CapabilityHit[];
  readonly entries: readonly CatalogEntry[];
  /** Documentation scores of the hits, in their order (`DocIndex.scores`). */
  readonly docs: readonly number[];
  /** The same for the question's terms in the other language (`DocIndex.translatedScores`). */
  readonly translatedDocs: readonly number[];
  /** The hits' BM25F shares summed by category, and over all. */
  readonly byCategory: ReadonlyMap<string, number>;
  readonly total: number;
}

function rankingContext(
  query: ParsedQuery,
  hits: readonly CapabilityHit[],
  entries: readonly CatalogEntry[],
  docIndex: DocIndex,
): RankingContext {
  const byCategory = new Map<string, number>();
  let total = 0;
  for (const hit of hits) {
    const { category } = entries[hit.entry] as CatalogEntry;
    byCategory.set(category, (byCategory.get(category) ?? 0) + hit.bm25);
    total += hit.bm25;
  }
  const candidates = hits.map((hit) => hit.entry);
  const docs = docIndex.scores(query.terms, candidates);
  const translatedDocs = docIndex.translatedScores(query.terms, candidates);
  return {
    queryTerms: query.terms.length,
    chinese: query.language === 'zh',
    hits,
    entries,
    docs,
    translatedDocs,
    byCategory,
    total,
  };
}

/** The features of each capability match of a question, in the matches' order: what serving and training see. */
export function candidateFeatures(
  query: ParsedQuery,
  hits: readonly CapabilityHit[],
  entries: readonly CatalogEntry[],
  docIndex: DocIndex,
): Features[] {
  const context = rankingContext(query, hits, entries, docIndex);
  return hits.map((_, i) => rankerFeatures(context, i));
}

const CJK = /[\u3400-\u9fff]/;
const chineseDocs = new WeakMap<CatalogEntry, boolean>();
const prominence = new WeakMap<CatalogEntry, number>();

/** An entry's prominence score, computed once per entry object. */
function prominenceOf(entry: CatalogEntry): number {
  let known = prominence.get(entry);
  if (known === undefined) {
    known = prominenceScore(entry.prominence);
    prominence.set(entry, known);
  }
  return known;
}

/** Whether a project's own documentation is partly in Chinese (its community asks in Chinese too). */
function hasChineseDocs(entry: CatalogEntry): boolean {
  let known = chineseDocs.get(entry);
  if (known === undefined) {
    known = Object.keys(entry.doc_terms ?? {}).some((term) => CJK.test(term));
    chineseDocs.set(entry, known);
  }
  return known;
}

/** The features of the hit at `position` among the context's hits. */
function rankerFeatures(context: RankingContext, position: number): Features {
  const hit = context.hits[position] as CapabilityHit;
  const entry = context.entries[hit.entry] as CatalogEntry;
  const { queryTerms, total } = context;
  // The question's intent by category: how much of the candidates' weight is in this one's category.
  const same = context.byCategory.get(entry.category) ?? 0;
  return [
    hit.bm25,
    hit.passages,
    hit.coverage,
    hit.domainCoverage,
    queryTerms > 0 ? hit.terms / queryTerms : 0,
    1 / (position + 1),
    prominenceOf(entry),
    entry.status === 'active' ? 1 : 0,
    context.docs[position] ?? 0,
    context.translatedDocs[position] ?? 0,
    context.chinese && hasChineseDocs(entry) ? 1 : 0,
    total > 0 ? same / total : 0,
  ];
}

export interface RankerWeights {
  readonly features: readonly string[];
  readonly weights: readonly number[];
}

export function rankerScore(weights: readonly number[], features: Features): number {
  let score = 0;
  for (let i = 0; i < features.length; i++) score += (weights[i] ?? 0) * (features[i] as number);
  return score;
}

/** The fitted weights, checked against the features this code computes. */
export function fittedWeights(): readonly number[] {
  const { features, weights } = fitted as RankerWeights;
  if (features.join() !== RANKER_FEATURES.join())
    throw new Error('ranker-weights.json was fitted for other features: run npm run train');
  return weights;
}
