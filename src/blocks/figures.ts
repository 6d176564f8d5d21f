import type { CatalogEntry } from '../catalog/types';
import { DAY_MS, idleAYear, renamedTo } from '../github/facts';
import { joinMd, link, type Mrkdwn, md } from './mrkdwn';
import type { Language } from './strings';

const compact = {
  en: new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }),
  zh: new Intl.NumberFormat('zh', { notation: 'compact', maximumFractionDigits: 1 }),
};
const relative = {
  en: new Intl.RelativeTimeFormat('en', { numeric: 'auto' }),
  zh: new Intl.RelativeTimeFormat('zh', { numeric: 'auto' }),
};

/** 950, 12.3k, 1.2M in English; 950, 1.2万 in Chinese. */
export function compactCount(count: number, lang: Language): string {
  const text = compact[lang].format(count);
  return lang === 'en' ? text.replace(/K$/, 'k') : text;
}

/** How long before `to` the moment `from` was, in the unit a person would pick ("3 weeks ago"). */
export function timeAgo(from: Date, to: Date, lang: Language): string {
  const days = Math.max(0, Math.round((to.getTime() - from.getTime()) / DAY_MS));
  if (days < 14) return relative[lang].format(-days, 'day');
  if (days < 60) return relative[lang].format(-Math.round(days / 7), 'week');
  if (days < 730) return relative[lang].format(-Math.round(days / 30.44), 'month');
  return relative[lang].format(-Math.round(days / 365.25), 'year');
}

const FIGURES = {
  stars: { en: (n: string) => `${n} stars`, zh: (n: string) => `${n} 星标` },
  release: {
    en: (tag: string, ago: string) => `last release ${tag}, ${ago}`,
    zh: (tag: string, ago: string) => `最新版本 ${tag}（${ago}）`,
  },
  push: { en: (ago: string) => `last push ${ago}`, zh: (ago: string) => `最近提交 ${ago}` },
  asOf: { en: (day: string) => `as of ${day}`, zh: (day: string) => `截至 ${day}` },
};

/**
 * "⭐ 12.3k stars · last release v1.16.3, 3 weeks ago · as of 2026-12-01": from the last sync, with
 * times counted back from the sync day, so a card stays true however long it is kept.
 */
export function figuresLine(entry: CatalogEntry, lang: Language): Mrkdwn | undefined {
  const github = entry.github;
  if (!github || github.missing || github.stars === undefined) return undefined;
  const synced = new Date(`${github.synced}T00:00:00Z`);
  const parts = [`⭐ ${FIGURES.stars[lang](compactCount(github.stars, lang))}`];
  if (github.release)
    parts.push(
      FIGURES.release[lang](github.release.tag, timeAgo(new Date(github.release.published_at), synced, lang)),
    );
  else if (github.pushed_at)
    parts.push(FIGURES.push[lang](timeAgo(new Date(github.pushed_at), synced, lang)));
  parts.push(FIGURES.asOf[lang](github.synced));
  return joinMd(parts, ' · ');
}

const WARNINGS = {
  archived: {
    en: 'Archived: the repository is read-only and gets no more changes.',
    zh: '已归档：仓库只读，不再更新。',
  },
  missing: {
    en: (day: string) => `The repository is gone from GitHub (as of ${day}).`,
    zh: (day: string) => `GitHub 上已找不到该仓库（截至 ${day}）。`,
  },
  moved: { en: 'Moved to ', zh: '已迁移至 ' },
  inactive: {
    en: (since: string) => `Inactive: no commits since ${since}.`,
    zh: (since: string) => `不活跃：自 ${since} 起没有提交。`,
  },
  inactiveNoDate: { en: 'Inactive: no commits for a year or more.', zh: '不活跃：一年以上没有提交。' },
  instead: { en: 'Active alternatives: ', zh: '仍在维护的替代项目：' },
  /** Between two sentences: a space in English, none in Chinese. */
  gap: { en: ' ', zh: '' },
};

/**
 * A visible warning for a project that is archived, moved, gone or inactive, by the catalog or by
 * GitHub's last answer, with where to go instead: its new home, or active related projects.
 */
export function warningLine(
  entry: CatalogEntry,
  lang: Language,
  lookup?: (id: string) => CatalogEntry | undefined,
): Mrkdwn | undefined {
  const github = entry.github;
  const lines: Mrkdwn[] = [];
  const newName = github && renamedTo(github);
  const renamed = newName ? `https://github.com/${newName}` : undefined;
  const movedTo = entry.moved_to ?? renamed;
  const pushed = github?.pushed_at ? new Date(github.pushed_at) : undefined;
  const idle = github?.pushed_at && idleAYear(github.pushed_at, new Date(`${github.synced}T00:00:00Z`));

  if (entry.status === 'archived' || github?.archived) lines.push(md`${WARNINGS.archived[lang]}`);
  else if (github?.missing) lines.push(md`${WARNINGS.missing[lang](github.synced)}`);
  else if (entry.status === 'inactive' || idle)
    lines.push(
      pushed
        ? md`${WARNINGS.inactive[lang](pushed.toISOString().slice(0, 7))}`
        : md`${WARNINGS.inactiveNoDate[lang]}`,
    );
  if (movedTo && (entry.status === 'moved' || entry.status === 'donated' || renamed))
    lines.push(md`${WARNINGS.moved[lang]}${link(movedTo, movedTo.replace(/^https:\/\//, ''))}`);
  if (lines.length === 0) return undefined;

  if (!movedTo) {
    const alternatives = entry.related
      .map((id) => lookup?.(id))
      .filter(
        (other): other is CatalogEntry =>
          other !== undefined &&
          other.status === 'active' &&
          !other.github?.archived &&
          !other.github?.missing,
      )
      .slice(0, 3)
      .map((other) => other.name);
    if (alternatives.length > 0) lines.push(md`${WARNINGS.instead[lang]}${joinMd(alternatives, ', ')}`);
  }
  return md`:warning: ${joinMd(lines, WARNINGS.gap[lang])}`;
}
