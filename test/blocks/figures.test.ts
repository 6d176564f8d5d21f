import type { SectionBlock } from '@slack/types';
import { projectCard } from '../../src/blocks/card';
import { compactCount, timeAgo } from '../../src/blocks/figures';
import { renderText } from '../../src/blocks/render-text';
import { loadCatalog } from '../../src/catalog/load';
import type { CatalogEntry } from '../../src/catalog/types';
import { limitViolations, pingsNobody } from '../support/block-limits';

const catalog = loadCatalog();
const lookup = (id: string) => catalog.byId.get(id);
const base = catalog.byId.get('pwru') as CatalogEntry;

function withGithub(
  github: Partial<NonNullable<CatalogEntry['github']>>,
  entry: CatalogEntry = base,
): CatalogEntry {
  return {
    ...entry,
    github: {
      repository: 'cilium/pwru',
      full_name: 'cilium/pwru',
      stars: 3456,
      pushed_at: '2026-11-28T08:00:00Z',
      archived: false,
      avatar_url: 'https://avatars.githubusercontent.com/u/21054566?v=4',
      synced: '2026-12-01',
      ...github,
    },
  };
}

const card = (entry: CatalogEntry, lang: 'en' | 'zh' = 'en') => projectCard(entry, { lang, lookup });
const text = (entry: CatalogEntry, lang: 'en' | 'zh' = 'en') => renderText(card(entry, lang));
const accessory = (entry: CatalogEntry) => (card(entry).blocks[1] as SectionBlock).accessory;

describe('figures in words', () => {
  it('counts compactly in both languages', () => {
    expect(compactCount(950, 'en')).toBe('950');
    expect(compactCount(12_345, 'en')).toBe('12.3k');
    expect(compactCount(1_234_567, 'en')).toBe('1.2M');
    expect(compactCount(12_345, 'zh')).toBe('1.2万');
  });

  it('says how long ago in the unit a person would pick', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const ago = (iso: string, lang: 'en' | 'zh' = 'en') => timeAgo(new Date(iso), now, lang);
    expect(ago('2026-12-01T00:00:00Z')).toBe('today');
    expect(ago('2026-11-28T00:00:00Z')).toBe('3 days ago');
    expect(ago('2026-11-10T00:00:00Z')).toBe('3 weeks ago');
    expect(ago('2026-06-01T00:00:00Z')).toBe('6 months ago');
    expect(ago('2024-10-01T00:00:00Z')).toBe('2 years ago');
    expect(ago('2026-11-10T00:00:00Z', 'zh')).toBe('3周前');
  });
});

describe('cards with GitHub figures', () => {
  it('shows stars, the latest release and how long before the sync it came, as of the sync', () => {
    const entry = withGithub({ release: { tag: 'v1.5.0', published_at: '2026-11-10T12:00:00Z' } });
    expect(text(entry)).toContain('⭐ 3.5k stars · last release v1.5.0, 3 weeks ago · as of 2026-12-01');
    expect(text(entry, 'zh')).toContain('⭐ 3456 星标 · 最新版本 v1.5.0（3周前） · 截至 2026-12-01');
    expect(limitViolations(card(entry))).toEqual([]);
  });

  it('falls back to the last push when there are no releases', () => {
    expect(text(withGithub({}))).toContain('⭐ 3.5k stars · last push 3 days ago · as of 2026-12-01');
  });

  it("pictures the owner's avatar with alt text, or the entry's own logo first", () => {
    expect(accessory(withGithub({}))).toEqual({
      type: 'image',
      image_url: 'https://avatars.githubusercontent.com/u/21054566?v=4',
      alt_text: 'cilium on GitHub',
    });
    expect(accessory(withGithub({}, { ...base, logo: 'https://example.org/pwru.png' }))).toEqual({
      type: 'image',
      image_url: 'https://example.org/pwru.png',
      alt_text: 'pwru logo',
    });
  });

  it('shows neither figures nor a picture for a project without a sync', () => {
    expect(base.github).toBeUndefined();
    expect(text(base)).not.toMatch(/⭐|as of 20\d\d-\d\d-\d\d|picture/);
    expect(accessory(base)).toBeUndefined();
  });

  it('escapes whatever GitHub sent', () => {
    const entry = withGithub({ release: { tag: '<!channel> v2', published_at: '2026-11-30T00:00:00Z' } });
    expect(pingsNobody(card(entry))).toBe(true);
    expect(JSON.stringify(card(entry).blocks)).toContain('&lt;!channel&gt; v2');
  });
});

describe('warnings on cards', () => {
  const warning = (entry: CatalogEntry, lang: 'en' | 'zh' = 'en') =>
    text(entry, lang)
      .split('\n')
      .find((line) => line.startsWith('⚠'));

  it('warns of a repository archived on GitHub and names active related projects instead', () => {
    const line = warning(withGithub({ archived: true, pushed_at: '2024-05-01T00:00:00Z' }));
    expect(line).toMatch(
      /^⚠ Archived: the repository is read-only and gets no more changes\. Active alternatives: /,
    );
    const named = (line ?? '').replace(/.*Active alternatives: /, '').split(', ');
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) {
      const other = catalog.entries.find((candidate) => candidate.name === name);
      expect([name, other?.status, base.related.includes(other?.id ?? '')]).toEqual([name, 'active', true]);
    }
  });

  it('warns of a repository renamed or moved on GitHub, with a link to its new home', () => {
    const entry = withGithub({ full_name: 'pwru-org/pwru' });
    expect(warning(entry)).toBe('⚠ Moved to github.com/pwru-org/pwru (https://github.com/pwru-org/pwru)');
  });

  it('warns of a repository GitHub no longer has', () => {
    expect(
      warning({ ...base, github: { repository: 'cilium/pwru', missing: true, synced: '2026-12-01' } }),
    ).toMatch(/^⚠ The repository is gone from GitHub \(as of 2026-12-01\)\./);
  });

  it('warns of a project without commits for a year, by the catalog or by the last push', () => {
    expect(warning(withGithub({ pushed_at: '2025-08-01T00:00:00Z' }))).toMatch(
      /^⚠ Inactive: no commits since 2025-08\. Active alternatives: /,
    );
    const inactive = catalog.entries.find((entry) => entry.status === 'inactive') as CatalogEntry;
    expect(warning(inactive)).toMatch(/^⚠ Inactive: no commits for a year or more\./);
    expect(warning(inactive, 'zh')).toMatch(/^⚠ 不活跃：一年以上没有提交。/);
  });

  it('points a project the catalog records as moved or donated to where it went', () => {
    const to = 'https://github.com/open-telemetry/opentelemetry-ebpf-instrumentation';
    for (const status of ['moved', 'donated'] as const)
      expect(warning({ ...base, status, moved_to: to })).toBe(
        `⚠ Moved to github.com/open-telemetry/opentelemetry-ebpf-instrumentation (${to})`,
      );
  });

  it('leaves an active, current project without a warning', () => {
    expect(warning(withGithub({}))).toBeUndefined();
    expect(warning(base)).toBeUndefined();
  });
});
