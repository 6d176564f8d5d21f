import type { CatalogEntry } from '../src/catalog/types';

const SYLLABLES = [
  'ka',
  'lo',
  'tri',
  'bex',
  'nu',
  'mar',
  'qui',
  'sel',
  'fo',
  'dra',
  'pin',
  'vor',
  'ze',
  'hul',
  'tac',
  'gri',
];

/**
 * `size` entries shaped like the real ones (field lengths, keyword counts, both languages): names are
 * invented, text is recombined from real entries so word statistics stay realistic.
 */
export function syntheticCatalog(real: readonly CatalogEntry[], size: number): CatalogEntry[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const entries: CatalogEntry[] = [...real];
  for (let i = entries.length; i < size; i++) {
    const base = pick(real);
    const other = pick(real);
    const name = `${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(SYLLABLES)}${i}`;
    entries.push({
      ...base,
      id: `synthetic-${i}`,
      name,
      aliases: [`org${i % 97}/${name}`],
      keywords: {
        en: [...base.keywords.en.slice(0, 5), ...other.keywords.en.slice(0, 4)],
        zh: [...base.keywords.zh.slice(0, 4), ...other.keywords.zh.slice(0, 3)],
      },
      description: {
        en: `${base.description.en.slice(0, 350)} ${other.description.en.slice(0, 200)}`,
        zh: `${base.description.zh.slice(0, 150)}${other.description.zh.slice(0, 80)}`,
      },
      repository: `https://github.com/org${i % 97}/${name}`,
      related: [],
    });
  }
  return entries;
}
