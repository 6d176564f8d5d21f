import { loadCatalog } from '../../src/catalog/load';
import type { CatalogEntry } from '../../src/catalog/types';
import { DocIndex } from '../../src/search/doc-index';
import { alignedTexts, fitGlossary, translateTerms } from '../../src/search/glossary';
import { parseQuery } from '../../src/search/query';

/** An entry whose only bilingual text is its problems: the pairs the glossary learns from. */
function entry(
  id: string,
  problems: [string, string][],
  docTerms: Record<string, number> = {},
): CatalogEntry {
  const { entries } = loadCatalog();
  const base = entries[0] as CatalogEntry;
  return {
    ...base,
    id,
    summary: { en: 'tool', zh: '工具' },
    description: { en: 'tool', zh: '工具' },
    not_for: undefined,
    choose_when: undefined,
    problems: { en: problems.map(([en]) => en), zh: problems.map(([, zh]) => zh) },
    doc_terms: docTerms,
  };
}

describe('the bilingual glossary', () => {
  it('pairs the terms that keep company across the catalog’s own English and Chinese texts', () => {
    const entries = [
      entry('a', [
        ['packets dropped in the kernel', '内核丢包'],
        ['find dropped packets', '定位丢包'],
        ['why packets are dropped', '为什么丢包'],
      ]),
      entry('b', [['memory leak', '内存泄漏']]),
    ];
    const glossary = fitGlossary(entries);
    expect(glossary.zh['丢包']).toEqual(expect.arrayContaining(['drop', 'packet']));
    expect(glossary.en.drop).toContain('丢包');
    // Seen together once is not enough to be a translation.
    expect(glossary.zh['内存']).toBeUndefined();
  });

  it('is learned from every paired field, problems only where both lists align', () => {
    const aligned = entry('a', [
      ['one', '一'],
      ['two', '二'],
    ]);
    const misaligned = { ...aligned, problems: { en: ['one', 'two'], zh: ['一'] } };
    expect(alignedTexts([aligned])).toHaveLength(4);
    expect(alignedTexts([misaligned])).toHaveLength(2);
  });

  it('on the bundled catalog, reads a Chinese question in English and back', () => {
    const glossary = fitGlossary(loadCatalog().entries);
    const zh = translateTerms(glossary, parseQuery('内核丢包和内存').terms);
    expect(zh).toEqual(expect.arrayContaining(['drop', 'memori']));
    expect(translateTerms(glossary, parseQuery('packet latency').terms)).toEqual(
      expect.arrayContaining(['延迟']),
    );
  });

  it('lets a Chinese question weigh documentation written in English', () => {
    const entries = [
      entry('drops', [], { drop: 3, packet: 2 }),
      entry('other', [], { memori: 3 }),
      entry('pairs', [
        ['packets dropped in the kernel', '内核丢包'],
        ['find dropped packets', '定位丢包'],
        ['why packets are dropped', '为什么丢包'],
      ]),
    ];
    const index = new DocIndex(entries, fitGlossary(entries));
    const terms = parseQuery('丢包').terms;
    expect(index.scores(terms, [0, 1])).toEqual([0, 0]);
    expect(index.translatedScores(terms, [0, 1])).toEqual([1, 0]);
  });
});
