/**
 * Search speed: our index against plain Fuse.js over the same entries, on the real catalog and on
 * synthetic catalogs of 1,000 and 10,000 entries. Run with `npm run bench`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Fuse from 'fuse.js';
import { loadCatalog } from '../src/catalog/load';
import type { CatalogEntry } from '../src/catalog/types';
import { PACKAGE_ROOT } from '../src/paths';
import { createSearch } from '../src/search/search';
import { syntheticCatalog } from './synthetic-catalog';

interface Timing {
  build: number;
  p50: number;
  p99: number;
  max: number;
  heapMb: number;
}

/** A seeded generator, so every run measures the same queries. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function typo(word: string, next: () => number): string {
  if (word.length < 3) return word;
  const i = 1 + Math.floor(next() * (word.length - 2));
  const kind = Math.floor(next() * 3);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word[i] + word.slice(i);
  return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
}

/** 1,000+ distinct queries: the evaluation set, typos of names, capability phrases, long pastes. */
function queries(entries: readonly CatalogEntry[]): string[] {
  const next = random(7);
  const evalSet = JSON.parse(
    fs.readFileSync(path.join(PACKAGE_ROOT, 'test/fixtures/search-eval.json'), 'utf8'),
  ) as {
    query: string;
  }[];
  const set = new Set(evalSet.map((c) => c.query));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  for (let attempt = 0; set.size < 1200; attempt++) {
    const entry = pick(entries);
    const style = attempt % 5;
    if (style === 0) set.add(typo(entry.name.toLowerCase(), next));
    else if (style === 1) set.add(`what is ${entry.name}?`);
    else if (style === 2) set.add(`${pick(entry.keywords.en)} ${pick(pick(entries).keywords.en)}`);
    else if (style === 3) set.add(`${pick(entry.keywords.zh)}的工具有哪些`);
    else set.add(`${entry.description.en} ${pick(entries).description.en}`.slice(0, 200 + (attempt % 600)));
  }
  return [...set];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function measure(build: () => (query: string) => unknown, list: readonly string[]): Timing {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const run = build();
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  for (const query of list.slice(0, 200)) run(query); // warm up the JIT
  const times: number[] = [];
  for (const query of list) {
    const t0 = process.hrtime.bigint();
    run(query);
    times.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  times.sort((a, b) => a - b);
  return {
    build: buildMs,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: times.at(-1) ?? 0,
    heapMb,
  };
}

function plainFuse(entries: readonly CatalogEntry[]) {
  const fuse = new Fuse(entries, {
    includeScore: true,
    keys: ['name', 'aliases', 'summary.en', 'description.en', 'keywords.en', 'keywords.zh', 'description.zh'],
  });
  return (query: string) => fuse.search(query.slice(0, 500), { limit: 5 });
}

function ours(entries: readonly CatalogEntry[]) {
  const { search } = createSearch(entries);
  return (query: string) => search(query);
}

function row(label: string, t: Timing): string {
  const us = (x: number) => `${x.toFixed(1)} µs`.padStart(12);
  return `${label.padEnd(26)}${`${t.build.toFixed(1)} ms`.padStart(11)}${us(t.p50)}${us(t.p99)}${us(t.max)}${`${t.heapMb.toFixed(1)} MB`.padStart(10)}`;
}

function main(): void {
  const real = loadCatalog().entries;
  const list = queries(real);
  console.log(`${list.length} distinct queries; times per query\n`);
  console.log(
    `${'catalog / engine'.padEnd(26)}${'build'.padStart(11)}${'p50'.padStart(12)}${'p99'.padStart(12)}${'max'.padStart(12)}${'heap'.padStart(10)}`,
  );
  for (const size of [real.length, 1_000, 10_000]) {
    const entries = size === real.length ? real : syntheticCatalog(real, size);
    // Plain Fuse.js takes up to seconds a query on big catalogs: it gets an evenly spread sample.
    const every = size >= 10_000 ? 40 : size >= 1_000 ? 12 : 4;
    const sample = list.filter((_, i) => i % every === 0);
    const mine = measure(() => ours(entries), list);
    const fuse = measure(() => plainFuse(entries), sample);
    console.log(row(`${size} ebpf-bot search`, mine));
    console.log(row(`${size} plain Fuse.js (${sample.length} q)`, fuse));
    console.log(
      `${''.padEnd(26)}ratio plain/ours: p50 ${(fuse.p50 / mine.p50).toFixed(0)}x, p99 ${(fuse.p99 / mine.p99).toFixed(0)}x\n`,
    );
  }
}

main();
