import { type AnswerContext, answerQuery, type Found } from '../../src/answer/answer';
import { LruMap } from '../../src/answer/lru-map';
import { loadCatalog } from '../../src/catalog/load';
import { createSearch } from '../../src/search/search';

describe('LruMap', () => {
  it('keeps the most recently used, up to its capacity', () => {
    const map = new LruMap<number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1); // now b is the oldest
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([1, undefined, 3]);
    expect(map.size).toBe(2);
  });

  it('does not keep long keys', () => {
    const map = new LruMap<number>(10, 5);
    map.set('short', 1);
    map.set('longer', 2);
    expect([map.get('short'), map.get('longer')]).toEqual([1, undefined]);
  });

  it('never serves anything when asked in a cycle longer than its capacity', () => {
    const map = new LruMap<number>(100);
    let hits = 0;
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 101; i++) {
        if (map.get(`q${i}`) !== undefined) hits++;
        else map.set(`q${i}`, i);
      }
    expect(hits).toBe(0);
  });
});

describe('answering a question asked recently', () => {
  const catalog = loadCatalog();
  const seen: [string, boolean][] = [];
  const ctx: AnswerContext = {
    catalog,
    search: createSearch(catalog.entries),
    projectOfTheDay: async () => undefined,
    random: () => 0,
    recent: new LruMap<Found>(10),
    onAnswer: (confidence, recent) => seen.push([confidence, recent]),
  };
  const searchEveryTime: AnswerContext = { ...ctx, recent: undefined, onAnswer: undefined };

  it('answers as a new search would, for either audience, and says it was recent', () => {
    const questions = [
      'cilium',
      'what traces tcp connections',
      'ciliim',
      'xqzvw',
      '有没有持续性能剖析的工具',
    ];
    for (const question of questions)
      for (const audience of ['asker', 'everyone'] as const)
        expect(answerQuery(question, ctx, audience)).toEqual(
          answerQuery(question, searchEveryTime, audience),
        );
    // Each question searched once, for the first audience; the second found it.
    expect(seen.map(([, recent]) => recent)).toEqual(questions.flatMap(() => [false, true]));
    expect(seen.map(([confidence]) => confidence)).toEqual(
      expect.arrayContaining(['exact', 'strong', 'none']),
    );
  });

  it('searches again once a question has dropped out', () => {
    for (let i = 0; i < 11; i++) answerQuery(`question ${i}`, ctx, 'asker');
    seen.length = 0;
    answerQuery('question 0', ctx, 'asker');
    expect(seen).toEqual([[expect.any(String), false]]);
  });
});
