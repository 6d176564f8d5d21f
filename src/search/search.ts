import type { CatalogEntry, NotEbpf } from '../catalog/types';
import { type CapabilityHit, CapabilityIndex } from './capability-index';
import { asksToCompare, comparedProjects } from './comparison';
import { DocIndex } from './doc-index';
import { type FuzzyHit, NameIndex } from './name-index';
import { namesInQuestion, type Verdict } from './names-in-question';
import { NotEbpfIndex } from './not-ebpf-index';
import { type ParsedQuery, parseQuery } from './query';
import { candidateFeatures, fittedWeights, rankerScore } from './ranker';
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
  /** Two or three projects the question asks to compare: in the order named, then those found otherwise. */
  readonly compared?: readonly CatalogEntry[];
  /** Well-known software, not an eBPF project, that the question is about; `results` are its offers. */
  readonly notEbpf?: NotEbpf;
}

export interface Search {
  readonly entries: readonly CatalogEntry[];
  search(query: string, options?: { limit?: number }): SearchResponse;
}

/** Thresholds of the layers, set on the written set and the dev half of the real questions (`npm run eval`). */
export const TUNING = Object.freeze({
  /** A whole-query fuzzy match this close is a typo of the name. */
  strongTypo: 0.72,
  weakTypo: 0.55,
  suggestion: 0.4,
  /** Capability matches covering this share of the question's weight. */
  strongCoverage: 0.6,
  /** ...of which domain words (keywords, names, summaries) cover at least this share. */
  strongDomainCoverage: 0.4,
  /** Below this share of domain words a question is not about eBPF tools at all. */
  onTopicShare: 0.15,
  /** A weak capability answer scores at least this share of the best one. */
  weakRelative: 0.4,
  /** A capability answer is strong only if clearly ahead of the next one. */
  strongLead: 1.8,
  /** A non-eBPF name with at most this many other words is what the question is about ("dtrace 是什么"). */
  notEbpfRestTerms: 2,
  /** A word this close to a name is that name when the question compares projects. */
  comparedTypo: 0.75,
});

/** eBPF runs on Linux (and Windows, which has its own entry): a question about these platforms is elsewhere. */
const OTHER_PLATFORM = /\b(mac|macos|osx|macbook|iphone|ipad|ios)\b/;

const RANK: Record<Confidence, number> = { exact: 3, strong: 2, weak: 1 };
/** Where a named project ranks: above capability matches (at most 0.7) unless it is only context. */
const NAME_SCORE: Record<Verdict, number> = { sure: 0.85, likely: 0.85, compared: 0.75, context: 0.45 };

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
export function createSearch(entries: readonly CatalogEntry[], notEbpf: readonly NotEbpf[] = []): Search {
  const names = new NameIndex(entries);
  const capabilities = new CapabilityIndex(entries);
  const docs = new DocIndex(entries);
  const weights = fittedWeights();
  /** The learned ranker's order of capability matches: each one's score as a share of the best's. */
  const learned = (query: ParsedQuery, hits: readonly CapabilityHit[]): number[] => {
    const scores = candidateFeatures(query, hits, entries, docs).map((features) =>
      rankerScore(weights, features),
    );
    let best = Number.NEGATIVE_INFINITY;
    for (const score of scores) if (score > best) best = score;
    return scores.map((score) => Math.exp(score - best));
  };
  const others = new NotEbpfIndex(notEbpf);
  const position = new Map(entries.map((entry, i) => [entry.id, i]));
  const offersOf = (record: NotEbpf) =>
    record.offer.flatMap((id) => {
      const at = position.get(id);
      return at === undefined ? [] : [at];
    });

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

    const other = others.find(query.runs);
    // A known name of other software beats a guess that it is a typo of a project's ("dtrace", "redis").
    const mentions = namesInQuestion(query, names, capabilities, entries).filter(
      (mention) => !other || mention.similarity === 1,
    );
    const byUrl = query.urls.flatMap((url) => names.byUrl(url) ?? []);
    const named = [...byUrl, ...mentions.map((mention) => mention.entry)];
    // Looking further (typos, Chinese names) costs fuzzy lookups: only when two names are not found yet.
    if (new Set(named).size < 2 && asksToCompare(query.text))
      named.push(...comparedElsewise(query, names, capabilities));
    const compared = comparedProjects(query.text, named);
    // Platforms (Kubernetes, Docker) are mostly where a question happens, not what it is about.
    const platform = other?.record.kind === 'platform';
    if (other && !mentions.some((mention) => mention.verdict !== 'context')) {
      const rest = terms(query.runs.filter((_, i) => i < other.start || i > other.end).join(' '));
      if (rest.length <= (platform ? 0 : TUNING.notEbpfRestTerms)) {
        offersOf(other.record).forEach((entry, i) => {
          board.add(entry, 0.6 - 0.05 * i, 'weak');
        });
        return { ...finish([], true), notEbpf: other.record };
      }
    }
    const wholeQueryFuzzy =
      query.runs.length <= 3 && !other ? names.fuzzy(query.compact, 5, TUNING.suggestion) : [];
    addWholeQueryFuzzy(board, wholeQueryFuzzy);
    // One slip from a name, in a query of a word or two the catalog never uses: that name ("loxlib").
    const slip =
      query.runs.length <= 2 && !other && !query.runs.some((run) => capabilities.knows(run))
        ? names.oneSlipFrom(query.compact)
        : undefined;
    if (slip !== undefined) board.add(slip, 0.5 + 0.4 * TUNING.strongTypo, 'strong');
    const hits = capabilities.search(query.terms, 10);
    for (const { entry, similarity, verdict } of mentions)
      board.add(entry, NAME_SCORE[verdict] * similarity, verdict === 'sure' ? 'strong' : 'weak');
    const mentioned = new Set(mentions.map((mention) => mention.entry));
    addCapabilities(board, hits, mentioned, learned(query, hits));
    // Other software named in a longer question: the projects that observe or replace it are candidates.
    if (other && !platform)
      offersOf(other.record).forEach((entry, i) => {
        if (board.has(entry)) board.boost(entry, 0.05);
        else board.add(entry, 0.3 - 0.02 * i, 'weak');
      });

    const otherPlatform = OTHER_PLATFORM.test(query.text);
    // A name, or something close to one, is on topic too: a typo deserves "did you mean", not a refusal.
    const namedSomething =
      mentioned.size > 0 || wholeQueryFuzzy.some((hit) => hit.similarity >= TUNING.weakTypo);
    const onTopic =
      !otherPlatform && (namedSomething || capabilities.domainShare(query.terms) >= TUNING.onTopicShare);
    if (otherPlatform) board.weakenAll();
    const comparison = compared && { compared: compared.map((entry) => entries[entry] as CatalogEntry) };
    if (board.size > 0) return { ...finish([], onTopic), ...comparison };
    const suggestions = wholeQueryFuzzy
      .filter((hit) => hit.similarity >= TUNING.suggestion)
      .slice(0, 3)
      .map((hit) => entries[hit.entry] as CatalogEntry);
    return finish(suggestions, onTopic || suggestions.length > 0);
  }

  return { entries, search };
}

/**
 * In a question that asks to compare, names the sentence layer leaves to others: Chinese names inside a
 * run ("华佗和 deepflow 对比") and typos of five letters or more that the catalog never uses ("falko").
 */
function comparedElsewise(query: ParsedQuery, names: NameIndex, capabilities: CapabilityIndex): number[] {
  return query.runs.flatMap((run) => {
    if (isCjkRun(run)) return names.chineseNamesIn(run);
    if (run.length < 5 || capabilities.knows(run) || names.byKey(run) !== undefined) return [];
    const [best] = names.fuzzy(run, 1, TUNING.comparedTypo);
    return best && best.similarity >= TUNING.comparedTypo ? [best.entry] : [];
  });
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

/** The one capability match clear enough to be a strong answer, if there is one. */
function strongCapability([top, second]: readonly CapabilityHit[]): CapabilityHit | undefined {
  if (!top || top.coverage < TUNING.strongCoverage || top.terms < 2) return undefined;
  if (top.domainCoverage < TUNING.strongDomainCoverage) return undefined;
  return !second || top.score >= second.score * TUNING.strongLead ? top : undefined;
}

/** Answers to "what does X": strong only for a clear leader matching most of a multi-word question. */
function addCapabilities(
  board: Scoreboard,
  hits: readonly CapabilityHit[],
  mentioned: Set<number>,
  learned: readonly number[],
): void {
  const [top] = hits;
  if (!top) return;
  const strong = strongCapability(hits);
  hits.forEach((hit, i) => {
    const relative = hit.score / top.score;
    const order = learned[i] as number;
    // Which matches are shown is the index's call; their order is the learned ranker's.
    const score = 0.2 + 0.5 * order;
    if (hit === strong) board.add(hit.entry, score, 'strong');
    else if (relative >= TUNING.weakRelative || order >= TUNING.weakRelative)
      board.add(hit.entry, score, 'weak');
    else if (mentioned.has(hit.entry) || board.has(hit.entry)) board.boost(hit.entry, 0.05 * relative);
  });
}
