import type { Bilingual, CatalogEntry } from '../catalog/types';
import { normalizeText } from '../text/normalize';
import { hasCjk, terms } from './tokens';

/**
 * A bilingual glossary of query terms, fitted from the catalog's own paired English and Chinese text:
 * each summary, description, "not for", "choose when" and problem is written in both languages, so a
 * Chinese pair (丢包) that keeps company with an English stem (drop) across many such pairs means it.
 * It lets a Chinese question weigh English evidence (a project's own documentation is mostly English)
 * and an English question weigh the Chinese terms of projects documented in Chinese.
 */
export interface Glossary {
  /** Chinese term → English stems, most associated first. */
  readonly zh: Readonly<Record<string, readonly string[]>>;
  /** English stem → Chinese terms, most associated first. */
  readonly en: Readonly<Record<string, readonly string[]>>;
}

export const GLOSSARY_FIT = Object.freeze({
  /** Pairs two terms must share before they count as a translation. */
  minTogether: 3,
  /** Dice coefficient of the two terms' pairs. */
  minDice: 0.3,
  /** Translations kept per term. */
  perTerm: 3,
});

/** The catalog's paired texts: one [English, Chinese] per field, and per problem where both lists align. */
export function alignedTexts(entries: readonly CatalogEntry[]): [string, string][] {
  const pairs: [string, string][] = [];
  const add = (field: Bilingual | undefined) => {
    if (field) pairs.push([field.en, field.zh]);
  };
  for (const entry of entries) {
    add(entry.summary);
    add(entry.description);
    add(entry.not_for);
    add(entry.choose_when);
    const problems = entry.problems;
    if (problems && problems.en.length === problems.zh.length)
      problems.en.forEach((en, i) => {
        pairs.push([en, problems.zh[i] as string]);
      });
  }
  return pairs;
}

function count<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function listed<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

/**
 * Fits the glossary: terms cut as questions are, English words the Chinese side also writes (names such
 * as opensnoop) left out, and each pair of terms scored by the Dice coefficient of the texts they share.
 * Deterministic: ties break by term.
 */
export function fitGlossary(entries: readonly CatalogEntry[], fit = GLOSSARY_FIT): Glossary {
  const together = new Map<string, number>();
  const alone = new Map<string, number>();
  for (const [en, zh] of alignedTexts(entries)) {
    const zhTerms = new Set(terms(normalizeText(zh)));
    const chinese = [...zhTerms].filter(hasCjk);
    const english = [...new Set(terms(normalizeText(en)))].filter(
      (term) => !hasCjk(term) && !zhTerms.has(term),
    );
    for (const term of chinese) count(alone, term);
    for (const term of english) count(alone, term);
    for (const z of chinese) for (const e of english) count(together, `${z}\t${e}`);
  }
  const zh = new Map<string, [string, number][]>();
  const en = new Map<string, [string, number][]>();
  for (const [key, both] of together) {
    if (both < fit.minTogether) continue;
    const [z, e] = key.split('\t') as [string, string];
    const dice = (2 * both) / ((alone.get(z) as number) + (alone.get(e) as number));
    if (dice < fit.minDice) continue;
    listed(zh, z).push([e, dice]);
    listed(en, e).push([z, dice]);
  }
  const best = (map: Map<string, [string, number][]>) =>
    Object.fromEntries(
      [...map]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([term, translations]) => [
          term,
          translations
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
            .slice(0, fit.perTerm)
            .map(([translation]) => translation),
        ]),
    );
  return { zh: best(zh), en: best(en) };
}

/** A question's terms in the other language: English stems for its Chinese terms, Chinese for its English. */
export function translateTerms(glossary: Glossary, queryTerms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const term of queryTerms) {
    const translations = hasCjk(term) ? glossary.zh[term] : glossary.en[term];
    if (translations)
      for (const translation of translations) if (!queryTerms.includes(translation)) out.add(translation);
  }
  return [...out];
}
