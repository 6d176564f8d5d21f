/**
 * Search speed: our index against plain Fuse.js over the same entries, on the real catalog and on
 * synthetic catalogs of 1,000 and 10,000 entries. Run with `npm run bench`.
 */
import Fuse from 'fuse.js';
import { loadCatalog } from '../src/catalog/load';
import type { CatalogEntry, NotEbpf } from '../src/catalog/types';
import { createSearch } from '../src/search/search';
import { preloadChineseScript } from '../src/text/chinese-script';
import { realisticQueries } from './queries';
import { syntheticCatalog } from './synthetic-catalog';

interface Timing {
  build: number;
  p50: number;
  p99: number;
  max: number;
  heapMb: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function measure(build: () => (query: string) => unknown, list: readonly string[], passes: number): Timing {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const run = build();
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  for (const query of list.slice(0, 200)) run(query); // warm up the JIT
  // Several passes time every query more than once, GC pauses and all, for a steadier tail.
  const times: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const query of list) {
      const t0 = process.hrtime.bigint();
      run(query);
      times.push(Number(process.hrtime.bigint() - t0) / 1e3);
    }
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

function ours(entries: readonly CatalogEntry[], notEbpf: readonly NotEbpf[] = []) {
  const { search } = createSearch(entries, notEbpf);
  return (query: string) => search(query);
}

function row(label: string, t: Timing): string {
  const us = (x: number) => `${x.toFixed(1)} µs`.padStart(12);
  return `${label.padEnd(26)}${`${t.build.toFixed(1)} ms`.padStart(11)}${us(t.p50)}${us(t.p99)}${us(t.max)}${`${t.heapMb.toFixed(1)} MB`.padStart(10)}`;
}

function main(): void {
  // As the bot does at start-up (src/index.ts): the tables for traditional Chinese are not a query's cost.
  preloadChineseScript();
  const catalog = loadCatalog();
  const real = catalog.entries;
  const list = realisticQueries(real, 1200);
  console.log(
    `${list.length} distinct queries, each timed 3 times (plain Fuse.js: once, on an even sample); times per query\n`,
  );
  console.log(
    `${'catalog / engine'.padEnd(26)}${'build'.padStart(11)}${'p50'.padStart(12)}${'p99'.padStart(12)}${'max'.padStart(12)}${'heap'.padStart(10)}`,
  );
  for (const size of [real.length, 1_000, 10_000]) {
    const entries = size === real.length ? real : syntheticCatalog(real, size);
    // Plain Fuse.js takes up to seconds a query on big catalogs: it gets an evenly spread sample.
    const every = size >= 10_000 ? 60 : size >= 1_000 ? 12 : 4;
    const sample = list.filter((_, i) => i % every === 0);
    const mine = measure(() => ours(entries, size === real.length ? catalog.notEbpf : []), list, 3);
    const fuse = measure(() => plainFuse(entries), sample, 1);
    console.log(row(`${size} ebpf-bot search`, mine));
    console.log(row(`${size} plain Fuse.js (${sample.length} q)`, fuse));
    console.log(
      `${''.padEnd(26)}ratio plain/ours: p50 ${(fuse.p50 / mine.p50).toFixed(0)}x, p99 ${(fuse.p99 / mine.p99).toFixed(0)}x\n`,
    );
  }
}

main();
