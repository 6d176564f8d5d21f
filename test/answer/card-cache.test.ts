import { type AnswerContext, answerQuery, cardFor } from '../../src/answer/answer';
import { alternativeBlocks, projectCard } from '../../src/blocks/card';
import { loadCatalog } from '../../src/catalog/load';
import type { CatalogEntry } from '../../src/catalog/types';
import { createSearch } from '../../src/search/search';

function context(): AnswerContext {
  const catalog = loadCatalog();
  return {
    catalog,
    search: createSearch(catalog.entries),
    projectOfTheDay: async () => undefined,
    random: () => 0,
  };
}

function isDeepFrozen(value: unknown): boolean {
  if (!value || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

describe('cards shared between answers', () => {
  const ctx = context();
  const entry = ctx.catalog.byId.get('cilium') as CatalogEntry;
  const others = ['hubble', 'tetragon'].map((id) => ctx.catalog.byId.get(id) as CatalogEntry);

  it('builds each card once per language and audience, frozen, and equal to a fresh one', () => {
    const first = cardFor(entry, ctx, 'asker', 'en');
    expect(cardFor(entry, ctx, 'asker', 'en')).toBe(first);
    expect(isDeepFrozen(first)).toBe(true);
    expect(first).toEqual(
      projectCard(entry, { lang: 'en', shareable: true, lookup: (id) => ctx.catalog.byId.get(id) }),
    );
    expect(cardFor(entry, ctx, 'asker', 'zh')).not.toEqual(first);
    expect(cardFor(entry, ctx, 'everyone', 'en')).not.toEqual(first);
  });

  it('adds the alternatives to a copy, leaving the shared card alone', () => {
    const shared = cardFor(entry, ctx, 'asker', 'en');
    const blocksBefore = shared.blocks.length;
    const withOthers = cardFor(entry, ctx, 'asker', 'en', others);
    expect(withOthers).toEqual({
      text: shared.text,
      blocks: [...shared.blocks, ...alternativeBlocks(entry, others, 'en', true)],
    });
    expect(withOthers.blocks.at(-1)).toMatchObject({ block_id: 'alternatives' });
    expect(shared.blocks).toHaveLength(blocksBefore);
    expect(cardFor(entry, ctx, 'asker', 'en')).toBe(shared);
  });

  it('offers each other project once, never the card itself, at most four', () => {
    const many = ctx.catalog.entries.slice(0, 8);
    const row = alternativeBlocks(entry, [entry, ...others, ...others, ...many], 'en', true).at(-1) as {
      elements: { action_id: string }[];
    };
    const ids = row.elements.map((button) => button.action_id);
    expect(ids).toEqual(['show_project:hubble', 'show_project:tetragon', ...ids.slice(2)]);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(ids).not.toContain('show_project:cilium');
  });

  it('serves a reloaded catalog its own cards', () => {
    const reloaded = context();
    const card = cardFor(reloaded.catalog.byId.get('cilium') as CatalogEntry, reloaded, 'asker', 'en');
    expect(card).not.toBe(cardFor(entry, ctx, 'asker', 'en'));
    expect(card).toEqual(cardFor(entry, ctx, 'asker', 'en'));
  });

  it('answers repeated questions with equal messages', () => {
    for (const question of ['cilium', 'what traces tcp connections', 'ciliim', '有没有持续性能剖析的工具'])
      expect(answerQuery(question, ctx, 'asker')).toEqual(answerQuery(question, context(), 'asker'));
  });
});
