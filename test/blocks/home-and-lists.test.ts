import { syntheticCatalog } from '../../bench/synthetic-catalog';
import { homeView } from '../../src/blocks/home';
import { categoriesMessage, listMessage } from '../../src/blocks/messages';
import { CATEGORIES } from '../../src/catalog/categories';
import { loadCatalog } from '../../src/catalog/load';
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
    const first = homeView(big, big[0], 0);
    const pageCount = Number(/Page 1 of (\d+)/.exec(JSON.stringify(first.blocks))?.[1]);
    expect(pageCount).toBeGreaterThan(1);
    const seen = new Set<string>();
    for (let page = 0; page < pageCount; page++) {
      const view = homeView(big, big[0], page);
      expect(limitViolations(view, 'home')).toEqual([]);
      for (const match of JSON.stringify(view.blocks).matchAll(/github\.com\/org\d+\/([a-z]+\d+)\|/g))
        seen.add(match[1] as string);
    }
    expect(seen.size).toBe(big.length - real.length);
    // an old or forged page number lands on the nearest real page
    expect(homeView(big, big[0], 999).private_metadata).toBe(String(pageCount - 1));
    expect(homeView(big, big[0], -3).private_metadata).toBe('0');
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
});
