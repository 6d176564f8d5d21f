import fc from 'fast-check';
import { answerCommand, cardFor, parse } from '../../src/answer/answer';
import { projectCard } from '../../src/blocks/card';
import { homeView } from '../../src/blocks/home';
import { listMessage, noMatchMessage } from '../../src/blocks/messages';
import { CATEGORIES } from '../../src/catalog/categories';
import { catalogOf, loadCatalog } from '../../src/catalog/load';
import type { CatalogEntry } from '../../src/catalog/types';
import { withFeedback } from '../../src/feedback/feedback-block';
import { parseFeedbackValue } from '../../src/feedback/feedback-value';
import { createSearch } from '../../src/search/search';
import { limitViolations, pingsNobody } from '../support/block-limits';
import { hostileText } from '../support/hostile-text';

const url = fc.webUrl({ validSchemes: ['https'] }).map((u) => u.slice(0, 300));

const entry: fc.Arbitrary<CatalogEntry> = fc.record({
  id: fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,8}){0,3}$/),
  name: hostileText(60),
  aliases: fc.array(hostileText(60), { maxLength: 5 }),
  category: fc.constantFrom(...CATEGORIES),
  keywords: fc.record({
    en: fc.array(hostileText(40), { minLength: 1, maxLength: 25 }),
    zh: fc.array(hostileText(40), { minLength: 1, maxLength: 25 }),
  }),
  summary: fc.record({ en: hostileText(160), zh: hostileText(80) }),
  description: fc.record({ en: hostileText(700), zh: hostileText(350) }),
  repository: url,
  homepage: url,
  docs: url,
  languages: fc.array(fc.constantFrom('Go', 'C', 'Rust', 'C++', 'Python'), { minLength: 1, maxLength: 5 }),
  license: fc.constantFrom('Apache-2.0', 'MIT', 'GPL-2.0-only OR BSD-2-Clause'),
  status: fc.constantFrom('active', 'inactive', 'archived', 'moved', 'donated', 'concluded'),
  moved_to: url,
  status_note: fc.record({ en: hostileText(200), zh: hostileText(100) }),
  checked: fc
    .date({ min: new Date('2023-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  newest_commit: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  problems: fc.record({
    en: fc.array(hostileText(120), { minLength: 1, maxLength: 12 }),
    zh: fc.array(hostileText(120), { minLength: 1, maxLength: 12 }),
  }),
  not_for: fc.record({ en: hostileText(200), zh: hostileText(100) }),
  related: fc.constant([]),
}) as fc.Arbitrary<CatalogEntry>;

describe('every payload stays within Slack limits and never pings, whatever the input', () => {
  it('would notice a ping in any mrkdwn text', () => {
    expect(pingsNobody({ text: 'hi <!channel>' })).toBe(false);
    expect(
      pingsNobody({
        text: 'ok',
        blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: '<@U999>' }] }],
      }),
    ).toBe(false);
    expect(
      pingsNobody({
        text: 'ok',
        blocks: [{ type: 'header', text: { type: 'plain_text', text: '<!here>' } }],
      }),
    ).toBe(true);
  });

  it('cards of generated catalog entries, in every form', () => {
    fc.assert(
      fc.property(
        entry,
        fc.array(entry, { maxLength: 6 }),
        fc.constantFrom('en', 'zh'),
        (project, others, lang) => {
          const ctx = {
            catalog: catalogOf([project, ...others]),
            search: createSearch([]),
            projectOfTheDay: async () => project,
            random: () => 0,
          };
          for (const card of [
            cardFor(project, ctx, 'asker', lang, others),
            cardFor(project, ctx, 'everyone', lang, others),
            projectCard(project, { lang, sharedBy: 'U1', heading: 'Project of the day' }),
            projectCard(project, { lang, compact: true }),
          ]) {
            expect(limitViolations(card)).toEqual([]);
            expect(pingsNobody(card)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('no-match answers, lists and the Home tab of generated catalogs', () => {
    fc.assert(
      fc.property(hostileText(5000), fc.array(entry, { minLength: 1, maxLength: 120 }), (query, entries) => {
        const unique = entries.map((e, i) => ({ ...e, id: `${e.id}-${i}` }));
        const noMatch = noMatchMessage(query, unique.slice(0, 5), 'en');
        expect(limitViolations(noMatch)).toEqual([]);
        expect(pingsNobody(noMatch)).toBe(true);
        for (const category of [undefined, unique[0]?.category])
          expect(limitViolations(listMessage(unique, category))).toEqual([]);
        const home = homeView(unique, unique[0], { page: 0 });
        expect(limitViolations(home, 'home')).toEqual([]);
        expect(pingsNobody(home)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the real catalog under hostile questions', () => {
  const catalog = loadCatalog();
  const search = createSearch(catalog.entries);
  const ctx = { catalog, search, projectOfTheDay: async () => catalog.entries[0], random: () => 0.5 };

  it('answers any string, up to 100 KB, with a valid payload and no echoed pings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileText(500),
          fc.string({ unit: 'binary', maxLength: 100_000 }),
          fc.string({ unit: 'grapheme', maxLength: 2000 }),
        ),
        async (text) => {
          for (const audience of ['asker', 'everyone'] as const) {
            const answer = await answerCommand(parse(text, ctx), ctx, audience);
            // as every surface sends it: with the feedback buttons of an answer to a question
            const message = withFeedback(answer);
            expect(limitViolations(message)).toEqual([]);
            expect(pingsNobody(message)).toBe(true);
            const feedback = message.blocks.find((block) => block.type === 'context_actions');
            if (!answer.shown) expect(feedback).toBeUndefined();
            else if (
              feedback?.type === 'context_actions' &&
              feedback.elements[0]?.type === 'feedback_buttons'
            )
              expect(parseFeedbackValue(feedback.elements[0].negative_button.value, catalog)).toMatchObject({
                outcome: 'not_helpful',
                kind: answer.shown.kind,
                ids: answer.shown.ids,
              });
            else throw new Error('an answer to a question without feedback buttons');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on a generated catalog either', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 30 }), hostileText(300), (entries, query) => {
        const generated = createSearch(
          catalogOf(entries.map((e, i) => ({ ...e, id: `${e.id}-${i}` }))).entries,
        );
        expect(() => generated.search(query)).not.toThrow();
      }),
      { numRuns: 100 },
    );
  });
});
