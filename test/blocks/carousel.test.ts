import { carouselMessage, shortlistCarousel } from '../../src/blocks/messages';
import { md } from '../../src/blocks/mrkdwn';
import { loadCatalog } from '../../src/catalog/load';
import type { CatalogEntry } from '../../src/catalog/types';
import { limitViolations, pingsNobody } from '../support/block-limits';

// biome-ignore lint/suspicious/noExplicitAny: payloads are inspected freely
type Json = Record<string, any>;

const catalog = loadCatalog();
const longest = [...catalog.entries].sort((a, b) => b.summary.en.length - a.summary.en.length).slice(0, 5);

describe('projects as a carousel of cards', () => {
  it('fits the longest summaries within the card limits, each card opening its project', () => {
    const payload = carouselMessage(md`Longest:`, longest, 'en') as unknown as Json;
    expect(limitViolations(payload)).toEqual([]);
    const [, carousel] = payload.blocks;
    expect(carousel.type).toBe('carousel');
    expect(carousel.elements.map((card: Json) => card.title.text)).toEqual(
      longest.map((entry) => `*${entry.name}*`),
    );
    expect(carousel.elements[0].actions[1].url).toBe(longest[0]?.repository);
    // The fallback text names every card, not only a shortlist's first three.
    for (const entry of longest) expect(payload.text).toContain(entry.name);
  });

  it('escapes the echoed question and stays within limits in Chinese', () => {
    const shortlist = shortlistCarousel('<!channel> 抓包', longest, 'zh') as unknown as Json;
    expect(limitViolations(shortlist)).toEqual([]);
    expect(pingsNobody(shortlist)).toBe(true);
    expect(shortlist.blocks[1].elements).toHaveLength(3);
  });

  it('is checked by the validator the tests use: too many cards, long bodies, repeated actions', () => {
    const card = (entry: CatalogEntry) => ({
      type: 'card',
      title: { type: 'mrkdwn', text: entry.name },
      body: { type: 'mrkdwn', text: 'x'.repeat(201) },
      actions: [{ type: 'button', action_id: 'same', text: { type: 'plain_text', text: 'Open' } }],
    });
    const bad = {
      text: 'fallback',
      blocks: [{ type: 'carousel', elements: catalog.entries.slice(0, 11).map(card) }],
    };
    const problems = limitViolations(bad).join('\n');
    expect(problems).toContain('11 cards');
    expect(problems).toContain('body length 201');
    expect(problems).toContain('duplicate action_id same');
  });
});
