import type { CatalogEntry } from '../catalog/types';
import { type CapabilityHit, CapabilityIndex } from './capability-index';
import { type FuzzyHit, NameIndex } from './name-index';
import { type ParsedQuery, parseQuery } from './query';
import { isCjkRun, terms } from './tokens';

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
  /** Whether the question is about something the catalog covers (a name, a link or its vocabulary). */
  readonly onTopic: boolean;
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
  /** A word inside a sentence this close to a name is taken as that name... */
  strongWordTypo: 0.8,
  /** ...if it has at least this many letters ("clean" is not a typo of "clang"). */
  minWordTypoLength: 7,
  /** Capability matches covering this share of the question's weight. */
  strongCoverage: 0.6,
  /** ...of which domain words (keywords, names, summaries) cover at least this share. */
  strongDomainCoverage: 0.4,
  /** Below this share of domain words a question is not about eBPF tools at all. */
  onTopicShare: 0.15,
  weakCoverage: 0.25,
  /** A weak capability answer scores at least this share of the best one. */
  weakRelative: 0.4,
  /** A capability answer is strong only if clearly ahead of the next one. */
  strongLead: 1.8,
  /** Words around a name that match another project this well make the name mere context... */
  contextCoverage: 0.5,
  /** ...unless the named project scores at least this share of the other's on those words. */
  restFit: 0.7,
  /** A name with at most this many other words around it is the answer ("install bpftrace on ubuntu"). */
  shortQuestionTerms: 2,
  /** Words of a sentence compared with names for typos, at most. */
  maxWordTypoLookups: 3,
  /** Longest phrase, in words, looked up as a name inside a sentence. */
  maxNameWords: 4,
});

const RANK: Record<Confidence, number> = { exact: 3, strong: 2, weak: 1 };

/**
 * Words next to a name that make it context, not the answer: "like falco but", "alternative to bcc",
 * "installed by cilium", "除了 falco", "类似 falco 的".
 */
const CONTEXT_BEFORE = new Set(
  'like unlike than instead alternative alternatives besides except beyond replace replacing replaces by from similar apart other beside'.split(
    ' ',
  ),
);
const CONTEXT_AFTER = new Set('alternative alternatives replacement replacements like instead'.split(' '));
/** A name shortly after these is what the asker wants to do without: "without a dependency on clang". */
const NEGATIONS = new Set('without no not never avoid avoiding dont doesnt'.split(' '));
/** "don't" and "doesn't" arrive as two words ("don t"). */
const NEGATED_VERBS = new Set('don doesn didn isn aren won can'.split(' '));
const NEGATION_WINDOW = 4;
/** "hubble vs cilium": both names are what the question is about, side by side rather than one answer. */
const COMPARISON = new Set(['vs', 'versus', 'or', 'compared', 'compare']);
/** eBPF runs on Linux (and Windows, which has its own entry): a question about these platforms is elsewhere. */
const OTHER_PLATFORM = /\b(mac|macos|osx|macbook|iphone|ipad|ios)\b/;
const CJK_CONTEXT_BEFORE = /(类似|替代|代替|取代|除了|不用|不想用|换掉|像)$/u;
const CJK_CONTEXT_AFTER = /^(的替代|之外|以外|类似|替代)/u;
const CJK_COMPARISON_BEFORE = /(和|与|跟|比|对比)$/u;
const CJK_COMPARISON_AFTER = /^(相比|对比|比|和|与|区别|的区别|有什么区别|哪个)/u;

function negated(runs: readonly string[], start: number): boolean {
  for (let i = Math.max(0, start - NEGATION_WINDOW); i < start; i++) {
    const run = runs[i] as string;
    if (NEGATIONS.has(run) || (run === 't' && NEGATED_VERBS.has(runs[i - 1] ?? ''))) return true;
  }
  return false;
}

type NameRole = 'answer' | 'context' | 'compared';
const ROLE_STRENGTH: Record<NameRole, number> = { answer: 2, compared: 1, context: 0 };

function nameRole(runs: readonly string[], start: number, end: number): NameRole {
  const before = runs[start - 1];
  const after = runs[end + 1];
  if (
    (before !== undefined && (COMPARISON.has(before) || CJK_COMPARISON_BEFORE.test(before))) ||
    (after !== undefined && (COMPARISON.has(after) || CJK_COMPARISON_AFTER.test(after)))
  )
    return 'compared';
  if (before !== undefined && (CONTEXT_BEFORE.has(before) || CJK_CONTEXT_BEFORE.test(before)))
    return 'context';
  if (after !== undefined && (CONTEXT_AFTER.has(after) || CJK_CONTEXT_AFTER.test(after))) return 'context';
  if (negated(runs, start)) return 'context';
  return 'answer';
}

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

  get size(): number {
    return this.candidates.size;
  }

  /** A small bonus from a second layer agreeing, which only reorders within a confidence level. */
  boost(entry: number, amount: number): void {
    const current = this.candidates.get(entry);
    if (current) current.score = Math.min(1, current.score + amount);
  }

  /** Nothing found is an answer: every candidate becomes at most a weak one. */
  weakenAll(): void {
    for (const candidate of this.candidates.values()) candidate.confidence = 'weak';
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
    const exact = names.byKey(query.compactAsTyped) ?? names.byKey(query.compact);
    if (exact !== undefined) board.add(exact, 1, 'exact');

    const finish = (suggestions: readonly CatalogEntry[] = [], onTopic = true): SearchResponse => ({
      query,
      onTopic,
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

    const wholeQueryFuzzy = query.runs.length <= 3 ? names.fuzzy(query.compact, 5, TUNING.suggestion) : [];
    addWholeQueryFuzzy(board, wholeQueryFuzzy);
    const hits = capabilities.search(query.terms, 10);
    const mentioned = addNamesInSentence(entries, board, names, capabilities, query);
    addCapabilities(board, hits, mentioned);

    const otherPlatform = OTHER_PLATFORM.test(query.text);
    // A name, or something close to one, is on topic too: a typo deserves "did you mean", not a refusal.
    const namedSomething =
      mentioned.size > 0 || wholeQueryFuzzy.some((hit) => hit.similarity >= TUNING.weakTypo);
    const onTopic =
      !otherPlatform && (namedSomething || capabilities.domainShare(query.terms) >= TUNING.onTopicShare);
    if (otherPlatform) board.weakenAll();
    if (board.size > 0) return finish([], onTopic);
    const suggestions = wholeQueryFuzzy
      .filter((hit) => hit.similarity >= TUNING.suggestion)
      .slice(0, 3)
      .map((hit) => entries[hit.entry] as CatalogEntry);
    return finish(suggestions, onTopic || suggestions.length > 0);
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

/**
 * Names, and close typos of names, among the words of a sentence. With at most one other word
 * ("cilium docs", "hubble vs cilium") the name is the answer; in a longer question ("run bpftrace
 * scripts on k8s nodes") it may only be context, so the capability layer decides.
 */
function related(entries: readonly CatalogEntry[], a: number, b: number): boolean {
  const [x, y] = [entries[a] as CatalogEntry, entries[b] as CatalogEntry];
  return x.related.includes(y.id) || y.related.includes(x.id);
}

function addNamesInSentence(
  entries: readonly CatalogEntry[],
  board: Scoreboard,
  names: NameIndex,
  capabilities: CapabilityIndex,
  query: ParsedQuery,
): Set<number> {
  const runs = query.runs;
  const mentioned = new Map<number, number>();
  if (runs.length < 2) return new Set();
  const covered = new Set<number>();
  const roles = new Map<number, 'context' | 'compared'>();
  for (let start = 0; start < runs.length; start++) {
    // The longest phrase starting here that is a name wins.
    let phrase = '';
    let found: { entry: number; end: number } | undefined;
    for (let end = start; end < Math.min(start + TUNING.maxNameWords, runs.length); end++) {
      phrase += runs[end];
      if (phrase.length > names.longestKey) break;
      const entry = names.byKey(phrase);
      if (entry !== undefined) found = { entry, end };
    }
    if (!found) continue;
    // "the Linux kernel" in a sentence is seldom about the kernel's BPF subsystem itself.
    const generic =
      runs.length > 3 &&
      found.end > start &&
      capabilities.common(terms(runs.slice(start, found.end + 1).join(' ')));
    const role = generic ? 'context' : nameRole(runs, start, found.end);
    // A project named twice is what its most direct mention makes it.
    const previous = mentioned.has(found.entry) ? (roles.get(found.entry) ?? 'answer') : undefined;
    if (previous === undefined || ROLE_STRENGTH[role] > ROLE_STRENGTH[previous]) {
      if (role === 'answer') roles.delete(found.entry);
      else roles.set(found.entry, role);
    }
    mentioned.set(found.entry, 1);
    for (let i = start; i <= found.end; i++) covered.add(i);
  }
  // A mistyped name is a word the catalog never uses; known words are skipped, and a few tries suffice.
  let fuzzyTries: number = TUNING.maxWordTypoLookups;
  runs.forEach((run, i) => {
    if (
      covered.has(i) ||
      run.length < TUNING.minWordTypoLength ||
      isCjkRun(run) ||
      fuzzyTries === 0 ||
      capabilities.knows(run)
    )
      return;
    fuzzyTries--;
    const [best] = names.fuzzy(run, 1, TUNING.strongWordTypo);
    if (best && best.similarity >= TUNING.strongWordTypo && !mentioned.has(best.entry)) {
      mentioned.set(best.entry, best.similarity);
      covered.add(i);
    }
  });
  if (mentioned.size === 0) return new Set();
  const otherTerms = terms(runs.filter((_, i) => !covered.has(i)).join(' '));
  // The rest of the question points at a neighbour of the named project, which is then only context:
  // running bpftrace on Kubernetes nodes is kubectl-trace's job.
  const rest = otherTerms.length >= 2 ? capabilities.search(otherTerms, 10) : [];
  const [elsewhere] = rest;
  const pointsElsewhere = elsewhere && elsewhere.terms >= 2 && elsewhere.coverage >= TUNING.contextCoverage;
  // ...clearly: if the named project fits the rest nearly as well, the name stays the answer.
  const fitsRest = (entry: number) =>
    (rest.find((hit) => hit.entry === entry)?.score ?? 0) >= TUNING.restFit * (elsewhere?.score ?? 0);
  const compared = [...roles.values()].filter((role) => role === 'compared').length;
  const answers = [...mentioned.keys()].filter(
    (entry) => !roles.has(entry) || (roles.get(entry) === 'compared' && compared === 1),
  );
  for (const [entry, similarity] of mentioned) {
    const role = answers.includes(entry) ? 'answer' : roles.get(entry);
    if (role === 'compared') board.add(entry, 0.75 * similarity, 'weak');
    else if (
      role === 'context' ||
      (pointsElsewhere &&
        elsewhere.entry !== entry &&
        related(entries, elsewhere.entry, entry) &&
        !fitsRest(entry))
    )
      board.add(entry, 0.45 * similarity, 'weak');
    else {
      // Sure of a name only when it is the one project named and the question is short, or the rest
      // of the question points at that project too; otherwise it leads a shortlist.
      const sure =
        answers.length === 1 &&
        (otherTerms.length <= TUNING.shortQuestionTerms || elsewhere?.entry === entry);
      board.add(entry, 0.85 * similarity, sure ? 'strong' : 'weak');
    }
  }
  return new Set(mentioned.keys());
}

function strongCapability([top, second]: readonly CapabilityHit[]): CapabilityHit | undefined {
  if (!top || top.coverage < TUNING.strongCoverage || top.terms < 2) return undefined;
  if (top.domainCoverage < TUNING.strongDomainCoverage) return undefined;
  return !second || top.score >= second.score * TUNING.strongLead ? top : undefined;
}

/** Answers to "what does X": strong only for a clear leader matching most of a multi-word question. */
function addCapabilities(board: Scoreboard, hits: readonly CapabilityHit[], mentioned: Set<number>): void {
  const [top] = hits;
  if (!top) return;
  const strong = strongCapability(hits);
  for (const hit of hits) {
    const relative = hit.score / top.score;
    const score = 0.2 + 0.5 * relative;
    if (hit === strong) board.add(hit.entry, score, 'strong');
    else if (relative >= TUNING.weakRelative) board.add(hit.entry, score, 'weak');
    else if (mentioned.has(hit.entry) || board.has(hit.entry)) board.boost(hit.entry, 0.05 * relative);
  }
}
