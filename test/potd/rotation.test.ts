import { loadCatalog } from '../../src/catalog/load';
import type { CatalogEntry } from '../../src/catalog/types';
import { mixedOrder, nextInRotation } from '../../src/potd/rotation';

const { entries } = loadCatalog();

/** Runs the rotation for `days`, as the store would record it. */
function run(order: readonly string[], days: number, history: string[] = []): string[] {
  for (let day = 0; day < days; day++) history.push(nextInRotation(order, history) as string);
  return history;
}

describe('project-of-the-day rotation', () => {
  it('shows every project once before any repeats, cycle after cycle', () => {
    const order = mixedOrder(entries);
    const shown = run(order, entries.length * 3);
    for (let cycle = 0; cycle < 3; cycle++) {
      const part = shown.slice(cycle * entries.length, (cycle + 1) * entries.length);
      expect(new Set(part).size).toBe(entries.length);
    }
  });

  it('mixes categories: neighbours rarely share one', () => {
    const order = mixedOrder(entries);
    const category = new Map(entries.map((entry) => [entry.id, entry.category]));
    const same = order
      .slice(1)
      .filter((id, i) => category.get(id) === category.get(order[i] as string)).length;
    expect(same / order.length).toBeLessThan(0.2);
    // alphabetical order would put, say, the libbpf family side by side
    expect(order).not.toEqual([...order].sort());
  });

  it('is the same for every process: no randomness', () => {
    expect(mixedOrder([...entries].reverse())).toEqual(mixedOrder(entries));
  });

  it('lets new projects join the running cycle and skips removed ones', () => {
    const order = mixedOrder(entries);
    const history = run(order, 10);
    const removed = order.find((id) => !history.includes(id)) as string;
    const added: CatalogEntry = {
      ...(entries[0] as CatalogEntry),
      id: 'zz-new-project',
      name: 'New project',
    };
    const changed = mixedOrder([...entries.filter((entry) => entry.id !== removed), added]);
    const rest = run(changed, changed.length - 10, [...history]).slice(10);
    expect(rest).toContain('zz-new-project');
    expect(rest).not.toContain(removed);
    expect(new Set([...history, ...rest]).size).toBe(changed.length);
  });

  it('has nothing to show for an empty catalog', () => {
    expect(nextInRotation([], ['a'])).toBeUndefined();
  });
});
