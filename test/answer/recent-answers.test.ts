import { type AnswerContext, answerQuery, type RecentAnswer } from '../../src/answer/answer';
import { RecentAnswers } from '../../src/answer/recent-answers';
import { loadCatalog } from '../../src/catalog/load';
import { createSearch } from '../../src/search/search';

describe('recent answers', () => {
  it('keeps the most recently used, up to its capacity', () => {
    const recent = new RecentAnswers<number>(2);
    recent.set('a', 1);
    recent.set('b', 2);
    expect(recent.get('a')).toBe(1); // now b is the oldest
    recent.set('c', 3);
    expect([recent.get('a'), recent.get('b'), recent.get('c')]).toEqual([1, undefined, 3]);
    expect(recent.size).toBe(2);
  });

  it('does not keep long questions', () => {
    const recent = new RecentAnswers<number>(10, 5);
    recent.set('short', 1);
    recent.set('longer', 2);
    expect([recent.get('short'), recent.get('longer')]).toEqual([1, undefined]);
  });

  it('never serves anything when asked in a cycle longer than its capacity', () => {
    const recent = new RecentAnswers<number>(100);
    let hits = 0;
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 101; i++) {
        if (recent.get(`q${i}`) !== undefined) hits++;
        else recent.set(`q${i}`, i);
      }
    expect(hits).toBe(0);
  });
});

describe('answering from recent answers', () => {
  const catalog = loadCatalog();
  const seen: [string, boolean][] = [];
  const ctx: AnswerContext = {
    catalog,
    search: createSearch(catalog.entries),
    projectOfTheDay: () => undefined,
    random: () => 0,
    recent: new RecentAnswers<RecentAnswer>(10),
    onAnswer: (confidence, repeated) => seen.push([confidence, repeated]),
  };
  const uncached: AnswerContext = { ...ctx, recent: undefined, onAnswer: undefined };

  it('answers a repeated question as the search would, and says it was repeated', () => {
    for (const question of ['cilium', 'what traces tcp connections', 'ciliim', 'xqzvw'])
      for (const audience of ['asker', 'everyone'] as const) {
        const first = answerQuery(question, ctx, audience);
        expect(answerQuery(question, ctx, audience)).toBe(first);
        expect(first).toEqual(answerQuery(question, uncached, audience));
      }
    expect(seen.filter(([, repeated]) => repeated)).toHaveLength(8);
    expect(seen.filter(([, repeated]) => !repeated)).toHaveLength(8);
    expect(seen.map(([confidence]) => confidence)).toContain('none');
  });

  it('keeps answers for the asker and for everyone apart', () => {
    const asker = answerQuery('tetragon', ctx, 'asker');
    const everyone = answerQuery('tetragon', ctx, 'everyone');
    expect(JSON.stringify(asker)).toContain('share_card');
    expect(JSON.stringify(everyone)).not.toContain('share_card');
  });
});
