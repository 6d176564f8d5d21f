import fc from 'fast-check';
import { loadCatalog } from '../../src/catalog/load';
import { NameIndex, oneSlip } from '../../src/search/name-index';
import { compactKey } from '../../src/text/normalize';

const entries = loadCatalog().entries;
const index = new NameIndex(entries);
const names = entries.flatMap((entry) => [entry.name, ...entry.aliases]).map(compactKey);

/** A name with up to three random edits: what people mistype. */
const typoOfName = fc
  .tuple(
    fc.constantFrom(...names),
    fc.array(
      fc.tuple(
        fc.nat(40),
        fc.constantFrom('drop', 'double', 'swap', 'replace'),
        fc.string({ minLength: 1, maxLength: 1 }),
      ),
      {
        maxLength: 3,
      },
    ),
  )
  .map(([name, edits]) =>
    edits.reduce((text, [at, kind, char]) => {
      const i = at % Math.max(1, text.length);
      if (kind === 'drop') return text.slice(0, i) + text.slice(i + 1);
      if (kind === 'double') return text.slice(0, i) + text.charAt(i) + text.slice(i);
      if (kind === 'swap') return text.slice(0, i) + text.charAt(i + 1) + text.charAt(i) + text.slice(i + 2);
      return text.slice(0, i) + char.toLowerCase() + text.slice(i + 1);
    }, name),
  );

describe('fuzzy name lookup', () => {
  it('never loses a hit by skipping names that cannot reach the asked similarity', () => {
    fc.assert(
      fc.property(typoOfName, fc.constantFrom(0.4, 0.55, 0.8), (query, min) => {
        const above = (hits: { similarity: number }[]) => hits.filter((hit) => hit.similarity >= min);
        const pruned = above(index.fuzzy(query, 5, min));
        const unpruned = above(index.fuzzy(query, 5));
        // Skipping frees candidate places for closer names, so the k-th best can only get better.
        expect(pruned.length).toBeGreaterThanOrEqual(unpruned.length);
        unpruned.forEach((hit, k) => {
          expect(pruned[k]?.similarity).toBeGreaterThanOrEqual(hit.similarity);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a one-letter typo of every name', () => {
    for (const name of names.filter((key) => key.length >= 5 && key.length <= 32)) {
      const typo = name.slice(0, 2) + name.slice(3);
      expect(index.fuzzy(typo, 5, 0.4).map((hit) => hit.key)).toContain(name);
    }
  });
});

describe('one slip', () => {
  it('is one letter added, dropped or changed, or two neighbours swapped, and nothing more', () => {
    expect(
      ['falko', 'falcoo', 'flco', 'falc', 'aflco', 'falo'].map((typo) => oneSlip(typo, 'falco')),
    ).toEqual([true, true, true, true, true, true]);
    expect(['falco', 'fakol', 'flaoc', 'folk', 'falconer'].map((typo) => oneSlip(typo, 'falco'))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('names the one project a word is one slip from, and none when two are', () => {
    expect(index.oneSlipFrom('loxlib')).toBe(entries.findIndex((entry) => entry.id === 'loxilb'));
    expect(index.oneSlipFrom('falc')).toBeUndefined(); // shorter than five letters
    expect(index.oneSlipFrom('zzzzzz')).toBeUndefined();
  });
});
