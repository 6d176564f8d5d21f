import type { ActionsBlock } from '@slack/types';
import { syntheticCatalog } from '../../bench/synthetic-catalog';
import { parseCommand } from '../../src/answer/command';
import { decodePosition, homeView } from '../../src/blocks/home';
import { categoriesMessage, listMessage } from '../../src/blocks/messages';
import { CATEGORIES } from '../../src/catalog/categories';
import { loadCatalog } from '../../src/catalog/load';
import type { CatalogEntry } from '../../src/catalog/types';
import { limitViolations } from '../support/block-limits';

const real = loadCatalog().entries;
const big = syntheticCatalog(real, 3000);

describe('catalog listings of any size', () => {
  it('shows the real catalog on one Home page', () => {
    const view = homeView(real, real[0]);
    expect(limitViolations(view, 'home')).toEqual([]);
    expect(JSON.stringify(view.blocks)).not.toContain('home_pager');
  });

  it('pages the Home tab of a big catalog, every project on some page, each page within limits', () => {
    const first = homeView(big, big[0], { page: 0 });
    const pageCount = Number(/Page 1 of (\d+)/.exec(JSON.stringify(first.blocks))?.[1]);
    expect(pageCount).toBeGreaterThan(1);
    const seen = new Set<string>();
    for (let page = 0; page < pageCount; page++) {
      const view = homeView(big, big[0], { page });
      expect(limitViolations(view, 'home')).toEqual([]);
      for (const match of JSON.stringify(view.blocks).matchAll(/github\.com\/org\d+\/([a-z]+\d+)\|/g))
        seen.add(match[1] as string);
    }
    expect(seen.size).toBe(big.length - real.length);
    // an old or forged page number lands on the nearest real page
    expect(decodePosition(homeView(big, big[0], { page: 999 }).private_metadata).page).toBe(pageCount - 1);
    expect(decodePosition(homeView(big, big[0], { page: -3 }).private_metadata).page).toBe(0);
    expect(decodePosition('not json')).toEqual({ page: 0, order: 'name' });
  });

  it("shows the real catalog's categories and each category's list whole and within limits", () => {
    expect(limitViolations(categoriesMessage(real))).toEqual([]);
    const listed = new Set<string>();
    for (const category of CATEGORIES) {
      const message = listMessage(real, category);
      expect(limitViolations(message)).toEqual([]);
      for (const match of JSON.stringify(message.blocks).matchAll(/<(https:[^|]+)\|/g))
        listed.add(match[1] as string);
    }
    expect(listed.size).toBe(new Set(real.map((entry) => entry.repository)).size);
  });

  it('keeps /ebpf list within one message and says how much more there is', () => {
    for (const message of [listMessage(big), listMessage(big, 'networking')]) {
      expect(limitViolations(message)).toEqual([]);
      expect(JSON.stringify(message.blocks)).toMatch(/more[^"]*App Home/);
    }
    expect(JSON.stringify(listMessage(real).blocks)).not.toContain('App Home');
  });

  describe('ordered by stars', () => {
    // Made-up figures for three networking projects; the others have none.
    const stars: Record<string, number> = { pwru: 3100, cilium: 21_000, retis: 450 };
    const withFigures: CatalogEntry[] = real.map((entry) =>
      entry.id in stars
        ? { ...entry, github: { repository: 'x/y', stars: stars[entry.id] as number, synced: '2026-12-01' } }
        : entry,
    );
    const order = (text: string) => [...text.matchAll(/\|([^>]+)>/g)].map((match) => match[1]);

    it('lists a category most stars first, with the count, and projects without figures after', () => {
      const text = JSON.stringify(listMessage(withFigures, 'networking', 'stars').blocks);
      expect(order(text).slice(0, 3)).toEqual(['Cilium', 'pwru', 'Retis']);
      expect(text).toContain('Cilium> ⭐ 21k');
      expect(text).toContain('most stars first');
      expect(JSON.stringify(listMessage(withFigures, 'networking').blocks)).not.toContain('⭐');
    });

    it('reads "by stars" at the end of /ebpf list', () => {
      const never = () => false;
      expect(parseCommand('list networking by stars', never)).toEqual({
        kind: 'list',
        category: 'networking',
        order: 'stars',
      });
      expect(parseCommand('list --stars', never)).toEqual({ kind: 'list', order: 'stars' });
      expect(parseCommand('list 网络 按星标', never)).toEqual({
        kind: 'list',
        category: 'networking',
        order: 'stars',
      });
      expect(parseCommand('list networking', never)).toEqual({ kind: 'list', category: 'networking' });
    });

    it('offers the Home tab ordered by stars only when a sync gave figures, and keeps the order across pages', () => {
      expect(JSON.stringify(homeView(real, real[0]).blocks)).not.toContain('home_order');
      const byName = homeView(withFigures, withFigures[0]);
      const toggle = JSON.stringify(byName.blocks);
      expect(toggle).toContain('Most stars first');
      const row = byName.blocks.find((block) => block.block_id === 'home_order') as ActionsBlock | undefined;
      const button = row?.elements[0];
      const value = button?.type === 'button' ? button.value : undefined;
      const byStars = homeView(withFigures, withFigures[0], decodePosition(value));
      expect(decodePosition(byStars.private_metadata).order).toBe('stars');
      expect(JSON.stringify(byStars.blocks)).toContain('Order by name');
      expect(order(JSON.stringify(byStars.blocks)).indexOf('Cilium')).toBeLessThan(
        order(JSON.stringify(byStars.blocks)).indexOf('Calico'),
      );
      expect(limitViolations(byStars, 'home')).toEqual([]);
    });
  });
});
