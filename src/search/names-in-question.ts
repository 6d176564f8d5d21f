import type { CatalogEntry } from '../catalog/types';
import type { CapabilityIndex } from './capability-index';
import type { NameIndex } from './name-index';
import type { ParsedQuery } from './query';
import { isCjkRun, terms } from './tokens';

/** Thresholds for names inside a question, set on the dev half of the real questions. */
const TUNING = Object.freeze({
  /** A word inside a sentence this close to a name is taken as that name... */
  strongWordTypo: 0.8,
  /** ...if it has at least this many letters ("clean" is not a typo of "clang"). */
  minWordTypoLength: 7,
  /** How sure a word one slip from a name (`NameIndex.oneSlipFrom`) is that name. */
  slipSimilarity: 0.9,
  /** Words of a sentence compared with names for typos, at most. */
  maxWordTypoLookups: 3,
  /** Longest phrase, in words, looked up as a name inside a sentence. */
  maxNameWords: 4,
  /** Words around a name that match another project this well make the name mere context... */
  contextCoverage: 0.5,
  /** ...unless the named project scores at least this share of the other's on those words. */
  restFit: 0.7,
  /** A name with at most this many other words around it is the answer ("install bpftrace on ubuntu"). */
  shortQuestionTerms: 2,
});

/**
 * What a project named in a question is to it: `sure`, the answer; `likely`, the answer of a longer
 * question that leads a shortlist; `compared`, one side of "X vs Y"; `context`, what the asker already
 * has or wants to avoid ("like falco but", "without clang").
 */
export type Verdict = 'sure' | 'likely' | 'compared' | 'context';

export interface NameMention {
  readonly entry: number;
  /** 1 for the name as written, less for a near typo of it. */
  readonly similarity: number;
  readonly verdict: Verdict;
}

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

type Role = 'answer' | 'context' | 'compared';
const ROLE_STRENGTH: Record<Role, number> = { answer: 2, compared: 1, context: 0 };

function nameRole(runs: readonly string[], start: number, end: number): Role {
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

function related(entries: readonly CatalogEntry[], a: number, b: number): boolean {
  const [x, y] = [entries[a] as CatalogEntry, entries[b] as CatalogEntry];
  return x.related.includes(y.id) || y.related.includes(x.id);
}

/**
 * Projects named in a sentence, or mistyped closely enough, with what each is to the question. A bare
 * name (one word) is left to the exact and whole-query layers.
 */
export function namesInQuestion(
  query: ParsedQuery,
  names: NameIndex,
  capabilities: CapabilityIndex,
  entries: readonly CatalogEntry[],
): NameMention[] {
  const runs = query.runs;
  const mentioned = new Map<number, number>();
  if (runs.length < 2) return [];
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
    if (covered.has(i) || isCjkRun(run) || fuzzyTries === 0 || capabilities.knows(run)) return;
    const slip = names.oneSlipFrom(run);
    if (slip !== undefined) {
      fuzzyTries--;
      if (!mentioned.has(slip)) mentioned.set(slip, TUNING.slipSimilarity);
      covered.add(i);
      return;
    }
    if (run.length < TUNING.minWordTypoLength) return;
    fuzzyTries--;
    const [best] = names.fuzzy(run, 1, TUNING.strongWordTypo);
    if (best && best.similarity >= TUNING.strongWordTypo && !mentioned.has(best.entry)) {
      mentioned.set(best.entry, best.similarity);
      covered.add(i);
    }
  });
  if (mentioned.size === 0) return [];
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
  return [...mentioned].map(([entry, similarity]): NameMention => {
    const role = answers.includes(entry) ? 'answer' : roles.get(entry);
    if (role === 'compared') return { entry, similarity, verdict: 'compared' };
    if (
      role === 'context' ||
      (pointsElsewhere &&
        elsewhere.entry !== entry &&
        related(entries, elsewhere.entry, entry) &&
        !fitsRest(entry))
    )
      return { entry, similarity, verdict: 'context' };
    // Sure of a name only when it is the one project named and the question is short, or the rest of
    // the question points at that project too; otherwise it leads a shortlist.
    const sure =
      answers.length === 1 && (otherTerms.length <= TUNING.shortQuestionTerms || elsewhere?.entry === entry);
    return { entry, similarity, verdict: sure ? 'sure' : 'likely' };
  });
}
