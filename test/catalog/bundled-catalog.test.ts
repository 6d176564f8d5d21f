import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog/load';
import { PACKAGE_ROOT } from '../../src/paths';
import { createSearch } from '../../src/search/search';
import seeds from '../fixtures/seed-projects.json';

const catalog = loadCatalog();
const search = createSearch(catalog.entries);
const seedProjects = seeds.projects as [string, string, string][];

describe('the bundled catalog', () => {
  it('validates and holds every seed project', () => {
    expect(catalog.entries.length).toBeGreaterThanOrEqual(seedProjects.length);
  });

  it.each(seedProjects)('finds "%s" as %s in the survey group %s', (heading, id, group) => {
    expect(catalog.byId.get(id)?.group).toBe(group);
    expect(search.search(heading.replace(/ 编译器$/, '')).results[0]?.entry.id).toBe(id);
  });

  it('links every moved or donated project to its new home and explains every non-active status', () => {
    for (const entry of catalog.entries) {
      if (entry.status === 'moved' || entry.status === 'donated')
        expect(entry.moved_to).toMatch(/^https:\/\//);
      if (entry.status !== 'active') expect(entry.status_note?.en).toBeTruthy();
    }
  });

  it('was checked against each project repository this year or last', () => {
    for (const entry of catalog.entries) expect(entry.checked >= '2025-01-01').toBe(true);
  });

  it('calls a project active only when its newest commit seen is within 12 months of the check', () => {
    const yearBefore = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
    const stale = catalog.entries.filter(
      (entry) => entry.status === 'active' && entry.newest_commit < yearBefore(entry.checked),
    );
    expect(stale.map((entry) => `${entry.id}: ${entry.newest_commit} (checked ${entry.checked})`)).toEqual(
      [],
    );
    for (const entry of catalog.entries) expect(entry.newest_commit <= entry.checked).toBe(true);
  });

  it('lists every project added since the survey as related from another project', () => {
    const linked = new Set(catalog.entries.flatMap((entry) => entry.related));
    const unlinked = catalog.entries.filter((entry) => !entry.group && !linked.has(entry.id));
    expect(unlinked.map((entry) => entry.id)).toEqual([]);
  });

  it('has the names of OpenTelemetry eBPF Instrumentation on OBI, and Beyla says where its core went', () => {
    for (const name of ['OBI', 'OpenTelemetry eBPF Instrumentation', 'opentelemetry-ebpf-instrumentation'])
      expect(search.search(name).results[0]).toMatchObject({ entry: { id: 'obi' }, confidence: 'exact' });
    expect(catalog.byId.get('beyla')?.status_note?.en).toMatch(/OBI|OpenTelemetry eBPF Instrumentation/);
    expect(catalog.byId.get('beyla')?.related).toContain('obi');
  });
});

/** The survey's text, where the workspace has it (../shared/seeds); our catalog only takes its facts. */
const SEEDS_DIR = path.join(PACKAGE_ROOT, '../shared/seeds');
const seedsPresent = fs.existsSync(SEEDS_DIR);
const RUN = 12;

describe('originality of the Chinese text', () => {
  (seedsPresent ? it : it.skip)(`shares no run of ${RUN} Chinese characters with the survey`, () => {
    // Names, URLs and punctuation are shared facts; a run of Chinese characters is a copied sentence.
    const squeeze = (text: string) => text.replace(/[^\p{Script=Han}]+/gu, '');
    const survey = new Set<string>();
    for (const name of fs.readdirSync(SEEDS_DIR)) {
      const text = squeeze(fs.readFileSync(path.join(SEEDS_DIR, name), 'utf8'));
      for (let i = 0; i + RUN <= text.length; i++) survey.add(text.slice(i, i + RUN));
    }
    const shared: string[] = [];
    for (const entry of catalog.entries) {
      const texts = [
        entry.summary.zh,
        entry.description.zh,
        entry.status_note?.zh ?? '',
        entry.not_for?.zh ?? '',
        ...(entry.problems?.zh ?? []),
      ];
      for (const text of texts.map(squeeze))
        for (let i = 0; i + RUN <= text.length; i++)
          if (survey.has(text.slice(i, i + RUN))) shared.push(`${entry.id}: ${text.slice(i, i + RUN)}`);
    }
    expect(shared).toEqual([]);
  });
});
