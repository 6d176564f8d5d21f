import type { CatalogEntry } from '../catalog/types';
import { CapabilityIndex } from './capability-index';
import { type FuzzyHit, NameIndex } from './name-index';
import { type ParsedQuery, parseQuery } from './query';
import { isCjkRun } from './tokens';

export type Confidence = 'exact' | 'strong' | 'weak';

export interface SearchResult {
  readonly entry: CatalogEntry;
  /** 0..1, comparable within one query. */
  readonly score: number;
  readonly confidence: Confidence;
}

export interface SearchResponse {
  readonly query: ParsedQuery;
  readonly results: readonly SearchResult[];
  /** Near misses worth offering as "did you mean", only when nothing matched. */
  readonly suggestions: readonly CatalogEntry[];
}

export interface Search {
  readonly entries: readonly CatalogEntry[];
  search(query: string, options?: { limit?: number }): SearchResponse;
}

/** Thresholds of the layers, tuned on test/fixtures/search-eval.json (see `npm run eval`). */
export const TUNING = Object.freeze({
  /** A whole-query fuzzy match this close is a typo of the name. */
  strongTypo: 0.72,
  weakTypo: 0.55,
  suggestion: 0.4,
  /** A word inside a sentence this close to a name is taken as that name. */
  strongWordTypo: 0.8,
  /** Capability matches covering this share of the question's weight. */
  strongCoverage: 0.55,
  weakCoverage: 0.3,
  /** A capability answer is strong only if clearly ahead of the next one. */
  strongLead: 1.15,
  /** Longest phrase, in words, looked up as a name inside a sentence. */
  maxNameWords: 4,
});

const RANK: Record<Confidence, number> = { exact: 3, strong: 2, weak: 1 };

interface Candidate {
  score: number;
  confidence: Confidence;
}

class Scoreboard {
  private readonly candidates = new Map<number, Candidate>();

  add(entry: number, score: number, confidence: Confidence): void {
    const current = this.candidates.get(entry);
    if (!current) {
      this.candidates.set(entry, { score, confidence });
      return;
    }
    if (RANK[confidence] > RANK[current.confidence]) current.confidence = confidence;
    current.score = Math.max(current.score, score);
  }

  has(entry: number): boolean {
    return this.candidates.has(entry);
  }

  /** A small bonus from a second layer agreeing, which only reorders within a confidence level. */
  boost(entry: number, amount: number): void {
    const current = this.candidates.get(entry);
    if (current) current.score = Math.min(1, current.score + amount);
  }

  ranked(): [number, Candidate][] {
    return [...this.candidates].sort(
      (a, b) => RANK[b[1].confidence] - RANK[a[1].confidence] || b[1].score - a[1].score || a[0] - b[0],
    );
  }
}

/** Builds every index once; queries then only read them. */
export function createSearch(entries: readonly CatalogEntry[]): Search {
  const names = new NameIndex(entries);
  const capabilities = new CapabilityIndex(entries);

  function search(input: string, options: { limit?: number } = {}): SearchResponse {
    const limit = Math.max(1, Math.min(options.limit ?? 5, 25));
    const query = parseQuery(typeof input === 'string' ? input : '');
    const board = new Scoreboard();

    for (const url of query.urls) {
      const entry = names.byUrl(url);
      if (entry !== undefined) board.add(entry, 1, 'exact');
    }
    const exact = names.byKey(query.compact);
    if (exact !== undefined) board.add(exact, 1, 'exact');

    const finish = (suggestions: readonly CatalogEntry[] = []): SearchResponse => ({
      query,
      results: board
        .ranked()
        .slice(0, limit)
        .map(([entry, { score, confidence }]) => ({
          entry: entries[entry] as CatalogEntry,
          score: round(score),
          confidence,
        })),
      suggestions,
    });
    if (exact !== undefined || (query.urls.length > 0 && !query.compact)) return finish();

    const wholeQueryFuzzy = query.runs.length <= 3 ? names.fuzzy(query.compact) : [];
    addWholeQueryFuzzy(board, wholeQueryFuzzy);
    addNamesInSentence(board, names, query);
    addCapabilities(board, capabilities, query);

    if (board.ranked().length > 0) return finish();
    const suggestions = wholeQueryFuzzy
      .filter((hit) => hit.similarity >= TUNING.suggestion)
      .slice(0, 3)
      .map((hit) => entries[hit.entry] as CatalogEntry);
    return finish(suggestions);
  }

  return { entries, search };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

function addWholeQueryFuzzy(board: Scoreboard, hits: readonly FuzzyHit[]): void {
  for (const hit of hits) {
    if (hit.similarity >= TUNING.strongTypo) board.add(hit.entry, 0.5 + 0.4 * hit.similarity, 'strong');
    else if (hit.similarity >= TUNING.weakTypo) board.add(hit.entry, 0.3 + 0.4 * hit.similarity, 'weak');
  }
}

/** "how does tetragon enforce policy": names, and close typos of names, among the words of a sentence. */
function addNamesInSentence(board: Scoreboard, names: NameIndex, query: ParsedQuery): void {
  const runs = query.runs;
  if (runs.length < 2) return;
  for (let start = 0; start < runs.length; start++) {
    for (let length = Math.min(TUNING.maxNameWords, runs.length - start); length >= 1; length--) {
      const phrase = runs.slice(start, start + length).join('');
      const entry = names.byKey(phrase);
      if (entry !== undefined) {
        board.add(entry, 0.85, 'strong');
        break;
      }
    }
  }
  for (const run of runs) {
    if (run.length < 5 || isCjkRun(run)) continue;
    const [best] = names.fuzzy(run, 1);
    if (best && best.similarity >= TUNING.strongWordTypo)
      board.add(best.entry, 0.75 * best.similarity, 'strong');
  }
}

function addCapabilities(board: Scoreboard, capabilities: CapabilityIndex, query: ParsedQuery): void {
  const hits = capabilities.search(query.terms, 10);
  const [top, second] = hits;
  if (!top) return;
  for (const hit of hits) {
    if (board.has(hit.entry)) {
      board.boost(hit.entry, 0.05 * (hit.score / top.score));
      continue;
    }
    const relative = hit.score / top.score;
    const score = 0.2 + 0.5 * hit.coverage * relative;
    const leads = hit === top && (!second || top.score >= second.score * TUNING.strongLead);
    if (hit.coverage >= TUNING.strongCoverage && leads) board.add(hit.entry, score, 'strong');
    else if (hit.coverage >= TUNING.weakCoverage && relative >= 0.5) board.add(hit.entry, score, 'weak');
  }
}
