import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogEntry } from '../src/catalog/types';
import { PACKAGE_ROOT } from '../src/paths';

/** A seeded generator, so every run measures the same queries. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** One human typo: a letter dropped, doubled or swapped with its neighbour. */
function typo(word: string, next: () => number): string {
  if (word.length < 3) return word;
  const i = 1 + Math.floor(next() * (word.length - 2));
  const kind = Math.floor(next() * 3);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word[i] + word.slice(i);
  return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
}

const ASK = [
  'what is',
  'tell me about',
  'anyone used',
  'is there a tool for',
  'how do i',
  'looking for something to',
  'best way to',
];
const ASK_ZH = ['有没有', '推荐一个', '怎么', '什么工具可以', '求推荐'];
const TAIL_ZH = ['的工具', '的项目', '吗', '？', ''];

/**
 * `count` distinct queries shaped like what people type: the evaluation set, names and aliases with
 * typos, "what is X", capability questions from keyword combinations, Chinese questions, a few pastes.
 */
export function realisticQueries(entries: readonly CatalogEntry[], count: number): string[] {
  const next = random(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const evalSet = JSON.parse(
    fs.readFileSync(path.join(PACKAGE_ROOT, 'test/fixtures/search-eval.json'), 'utf8'),
  ) as { query: string }[];
  const set = new Set(evalSet.map((c) => c.query).slice(0, count));
  for (let attempt = 0; set.size < count; attempt++) {
    const entry = pick(entries);
    const other = pick(entries);
    switch (attempt % 10) {
      case 0:
      case 1:
        set.add(typo(pick([entry.name, ...entry.aliases]).toLowerCase(), next));
        break;
      case 2:
        set.add(`${pick(ASK)} ${pick([entry.name, entry.id, ...entry.aliases])}${next() < 0.5 ? '?' : ''}`);
        break;
      case 3:
      case 4:
      case 5:
        set.add(
          `${pick(ASK)} ${pick(entry.keywords.en)}${next() < 0.5 ? ` and ${pick(other.keywords.en)}` : ''}`,
        );
        break;
      case 6:
      case 7:
        set.add(`${pick(ASK_ZH)}${pick(entry.keywords.zh)}${pick(TAIL_ZH)}`);
        break;
      case 8:
        set.add(`${pick(entry.keywords.zh)} ${pick(other.keywords.en)}`);
        break;
      default:
        set.add(`${entry.summary.en} ${other.summary.en}`.slice(0, 80 + (attempt % 200)));
    }
  }
  return [...set];
}

/**
 * What a channel asks right after an announcement: project names as typed, "what is X" and the
 * first questions of the evaluation set, `count` distinct in all, shuffled.
 */
export function burstQueries(entries: readonly CatalogEntry[], count: number): string[] {
  const next = random(11);
  const evalSet = JSON.parse(
    fs.readFileSync(path.join(PACKAGE_ROOT, 'test/fixtures/search-eval.json'), 'utf8'),
  ) as { query: string }[];
  const asked = [
    ...entries.map((entry) => entry.name.toLowerCase()),
    ...entries.map((entry) => `what is ${entry.name}?`),
    ...evalSet.map((c) => c.query),
  ];
  const distinct = [...new Set(asked)].slice(0, count);
  for (let i = distinct.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [distinct[i], distinct[j]] = [distinct[j] as string, distinct[i] as string];
  }
  return distinct;
}
