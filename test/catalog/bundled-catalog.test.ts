import { loadCatalog } from '../../src/catalog/load';
import { compactKey } from '../../src/text/normalize';
import seeds from '../fixtures/seed-projects.json';

const catalog = loadCatalog();
const seedProjects = seeds.projects as [string, string, string][];

describe('the bundled catalog', () => {
  it('validates and holds every seed project', () => {
    expect(catalog.entries.length).toBeGreaterThanOrEqual(seedProjects.length);
  });

  it.each(seedProjects)('has "%s" as %s in the survey group %s', (heading, id, group) => {
    const entry = catalog.byId.get(id);
    expect(entry?.group).toBe(group);
    const names = [entry?.name ?? '', ...(entry?.aliases ?? [])].map(compactKey);
    expect(names).toContain(compactKey(heading.replace(/ 编译器$/, '')));
  });

  it('links every moved project to its new home and explains every non-active status', () => {
    for (const entry of catalog.entries) {
      if (entry.status === 'moved') expect(entry.moved_to).toMatch(/^https:\/\//);
      if (entry.status !== 'active') expect(entry.status_note?.en).toBeTruthy();
    }
  });

  it('relates projects both ways only through existing ids', () => {
    for (const entry of catalog.entries) {
      for (const id of entry.related) expect(catalog.byId.has(id)).toBe(true);
    }
  });
});
