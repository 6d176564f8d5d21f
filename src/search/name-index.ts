import Fuse from 'fuse.js';
import type { CatalogEntry } from '../catalog/types';
import { compactKey } from '../text/normalize';
import { urlKey } from './query';

/** Fuse's bitap compares at most this many characters. */
const FUSE_MAX_PATTERN = 32;
/** Names compared with Fuse per fuzzy lookup, chosen by shared letter pairs (Fuse costs ~2 µs a name). */
const FUZZY_CANDIDATES = 5;
/** Below this Dice overlap of letter pairs a name is no typo of the query, and Fuse is not asked. */
const MIN_DICE = 0.3;
/** Shorter words and names are too often one slip from each other by chance ("parse", "parca"). */
const MIN_SLIP_LENGTH = 5;

/** Fuse.js settings for short names: position-free, strict enough that a stray word does not match. */
const FUSE_OPTIONS = Object.freeze({
  ignoreLocation: true,
  threshold: 0.5,
  isCaseSensitive: true,
});

export interface FuzzyHit {
  readonly entry: number;
  /** 1 for identical, falling towards 0. */
  readonly similarity: number;
  readonly key: string;
}

interface NameKey {
  readonly key: string;
  readonly entry: number;
  readonly bigrams: number;
}

/** `owner/repo` of a GitHub URL, the way people paste or type it. */
export function githubPath(url: string): string | undefined {
  const match = /^(?:https:\/\/)?(?:www\.)?github\.com\/([^/\s]+\/[^/\s#?]+)/i.exec(url);
  return match?.[1]?.replace(/\.git$/i, '');
}

/** The distinct letter pairs of a key, with its start and end marked (`^c`, `ci`, …, `m$`). */
function paddedBigrams(key: string): Set<string> {
  const chars = [...`^${key}$`];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return grams;
}

/**
 * Everything that identifies a project by name: id, name, aliases, repository path and links.
 * Exact lookups are hash lookups; fuzzy lookups narrow to a few candidates before Fuse compares them.
 */
const CHINESE_NAME = /^[\u3400-\u9fff]{2,}$/;

export class NameIndex {
  private readonly exact = new Map<string, number>();
  private readonly urls = new Map<string, number>();
  private readonly keys: NameKey[] = [];
  private readonly bigramPostings = new Map<string, Int32Array>();
  /** The length of the longest key: no longer text is a name. */
  readonly longestKey: number;
  /** Names written in Chinese (华佗), looked for inside a run of Chinese text. */
  private readonly chineseKeys: [string, number][] = [];
  /** Per-lookup counts of shared letter pairs, allocated once and reset after each lookup. */
  private readonly shared: Uint16Array;

  constructor(entries: readonly CatalogEntry[]) {
    const lists = new Map<string, number[]>();
    entries.forEach((entry, index) => {
      const repoPath = githubPath(entry.repository);
      const names = [entry.id, entry.name, ...entry.aliases, ...(repoPath ? [repoPath] : [])];
      for (const name of names) {
        const key = compactKey(name);
        if (!key || this.exact.has(key)) continue;
        this.exact.set(key, index);
        const grams = paddedBigrams(key);
        for (const gram of grams) {
          const list = lists.get(gram);
          if (list) list.push(this.keys.length);
          else lists.set(gram, [this.keys.length]);
        }
        this.keys.push({ key, entry: index, bigrams: grams.size });
      }
      for (const link of [entry.repository, entry.homepage, entry.docs, entry.moved_to]) {
        const key = link && urlKey(link);
        if (key && !this.urls.has(key)) this.urls.set(key, index);
      }
    });
    for (const [gram, list] of lists) this.bigramPostings.set(gram, Int32Array.from(list));
    for (const [key, entry] of this.exact) if (CHINESE_NAME.test(key)) this.chineseKeys.push([key, entry]);
    this.shared = new Uint16Array(this.keys.length);
    let longest = 0;
    for (const key of this.exact.keys()) longest = Math.max(longest, key.length);
    this.longestKey = longest;
  }

  /** The project whose name, alias or `owner/repo` is exactly this compact key. */
  byKey(compact: string): number | undefined {
    return compact ? this.exact.get(compact) : undefined;
  }

  /**
   * The one project a word is a single slip away from (a letter added, dropped or changed, or two next to
   * each other swapped: "falko", "loxlib", "deeplfow"), for words and names of five letters or more.
   * Fuse's similarity rates a swap like two changes; this is the slip people make most.
   */
  oneSlipFrom(word: string): number | undefined {
    if (word.length < MIN_SLIP_LENGTH || word.length > FUSE_MAX_PATTERN) return undefined;
    let found: number | undefined;
    // A name one slip away shares most letter pairs with the word: it is among the closest by them.
    for (const { key, entry } of this.closest(word, 0)) {
      if (key.length < MIN_SLIP_LENGTH || !oneSlip(word, key)) continue;
      if (found !== undefined && found !== entry) return undefined;
      found = entry;
    }
    return found;
  }

  /** Projects whose Chinese name appears in a run of Chinese text ("华佗和" holds 华佗). */
  chineseNamesIn(run: string): number[] {
    return this.chineseKeys.filter(([key]) => run.includes(key)).map(([, entry]) => entry);
  }

  /** The project a URL points into: the longest catalog link that is a prefix of it. */
  byUrl(url: string): number | undefined {
    const parts = url.split('/');
    for (let length = parts.length; length >= 1; length--) {
      const found = this.urls.get(parts.slice(0, length).join('/'));
      if (found !== undefined) return found;
    }
    // Links the catalog does not list (package registries, mirrors, blog posts): an `owner/repo`
    // pair or a path segment that is a project's name ("crates.io/crates/aya").
    for (let i = parts.length - 1; i >= 1; i--) {
      const pair = i >= 2 ? this.byKey(compactKey(`${parts[i - 1]}/${parts[i]}`)) : undefined;
      const found = pair ?? this.byKey(compactKey(parts[i] ?? ''));
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /**
   * Names close to `compact` (already separator-free), best first, one hit per project. Names that
   * cannot reach `minSimilarity` are not compared at all.
   */
  fuzzy(compact: string, limit = 5, minSimilarity = 0): FuzzyHit[] {
    if (compact.length < 2 || compact.length > FUSE_MAX_PATTERN) return [];
    const candidates = this.closest(compact, minSimilarity);
    if (candidates.length === 0) return [];

    // Fuse compares the query with each candidate name; nothing is indexed per query.
    const best = new Map<number, FuzzyHit>();
    for (const candidate of candidates) {
      const match = Fuse.match(compact, candidate.key, FUSE_OPTIONS);
      if (!match.isMatch) continue;
      const hit = {
        entry: candidate.entry,
        key: candidate.key,
        similarity: similarity(compact, candidate.key, match.score),
      };
      const previous = best.get(candidate.entry);
      if (!previous || hit.similarity > previous.similarity) best.set(candidate.entry, hit);
    }
    return [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }

  /** The few names sharing the most letter pairs with `compact` that could reach `minSimilarity`. */
  private closest(compact: string, minSimilarity: number): NameKey[] {
    const grams = paddedBigrams(compact);
    const touched: number[] = [];
    for (const gram of grams) {
      const postings = this.bigramPostings.get(gram);
      if (!postings) continue;
      for (let i = 0; i < postings.length; i++) {
        const keyIndex = postings[i] as number;
        if (this.shared[keyIndex] === 0) touched.push(keyIndex);
        this.shared[keyIndex] = (this.shared[keyIndex] as number) + 1;
      }
    }
    const scored: { key: NameKey; dice: number }[] = [];
    for (const keyIndex of touched) {
      const key = this.keys[keyIndex] as NameKey;
      const shared = this.shared[keyIndex] as number;
      this.shared[keyIndex] = 0;
      const dice = (2 * shared) / (grams.size + key.bigrams);
      if (dice >= MIN_DICE && similarityBound(compact, key.key, grams.size, shared) >= minSimilarity)
        scored.push({ key, dice });
    }
    return scored
      .sort((a, b) => b.dice - a.dice)
      .slice(0, FUZZY_CANDIDATES)
      .map(({ key }) => key);
  }
}

/**
 * The most `similarity` can be, from letter pairs alone. Each edit breaks at most two of the query's
 * inner letter pairs (all but `^x` and `y$`), so a query sharing `shared` pairs with a name needs at
 * least (pairs - 2 - shared) / 2 edits to fit inside it, and Fuse counts no fewer.
 */
function similarityBound(query: string, key: string, queryPairs: number, shared: number): number {
  const minErrors = Math.max(0, (queryPairs - 2 - shared) / 2);
  return similarity(query, key, minErrors / query.length);
}

/**
 * Fuse's score says how well the query fits somewhere inside the name; a short query that fits a long
 * name ("trace" in "kubectltrace") is no typo of it, so the length difference costs too.
 */
function similarity(query: string, key: string, fuseScore: number): number {
  const lengthRatio = Math.min(query.length, key.length) / Math.max(query.length, key.length);
  return (1 - fuseScore) * lengthRatio ** 0.5;
}

/** Whether two different strings are one insertion, deletion, change or swap of neighbours apart. */
export function oneSlip(a: string, b: string): boolean {
  if (a === b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length < long.length) return short.slice(i) === long.slice(i + 1);
  if (short.slice(i + 1) === long.slice(i + 1)) return true;
  return short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2);
}
