import { CATEGORIES, CATEGORY_LABELS, type Category } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { simplified } from '../text/chinese-script';
import { normalizeText } from '../text/normalize';

/** How a follow-up narrows the projects a thread showed. */
export type Filter =
  | { readonly by: 'language'; readonly language: string }
  | { readonly by: 'license'; readonly license: License }
  | { readonly by: 'category'; readonly category: Category }
  | { readonly by: 'active' }
  | { readonly by: 'activity' };

/** What a message in a thread asks of the projects shown before it. */
export type FollowUp =
  /** "the second one", "第二个": that project's card. */
  | { readonly kind: 'pick'; readonly entry: CatalogEntry }
  /** "there were only 3": a position past the end. */
  | { readonly kind: 'out_of_range'; readonly count: number }
  /** "which of them is written in Rust?": the shown projects that pass, in their order (maybe none). */
  | { readonly kind: 'narrow'; readonly filter: Filter; readonly entries: readonly CatalogEntry[] }
  /** It refers back ("of those", "其中") but says nothing this can narrow by. */
  | { readonly kind: 'unclear' };

export type License = 'apache' | 'mit' | 'gpl' | 'lgpl' | 'agpl' | 'bsd';

const POSITIONS: readonly (readonly [RegExp, number])[] = [
  [/\b(first|1st)\b|第一|第1/, 0],
  [/\b(second|2nd)\b|第二|第2/, 1],
  [/\b(third|3rd)\b|第三|第3/, 2],
  [/\b(fourth|4th)\b|第四|第4/, 3],
  [/\b(fifth|5th)\b|第五|第5/, 4],
  [/\b(last)\b|最后一/, -1],
];
/** "the second one", "#2", "number 2", "第二个": a position, not "second-generation". */
const PICKS =
  /^(show me |open |tell me about |what about |and )?(the )?((first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)( one| option| project| result)?|#\s?[1-5]|number [1-5]|no\.? ?[1-5])( one| please)?$|^(看|打开|说说|介绍)?(一下)?第?[一二三四五1-5]个(项目|工具)?(呢|吧)?$|^(看|打开)?最后一个(项目|工具)?(呢|吧)?$/;

/** Words that point back at what the thread showed. */
const REFERS_BACK =
  /\b(them|those|these|they|which (one|ones|of)|any of|one of|of the (above|list)|anything (more|else)|only (the )?(ones?|those)|just the)\b|这些|那些|其中|它们|这几个|哪个|哪些|哪一个|上面|只要|只看|有没有更/;
/** A question that only narrows: "which is written in Rust?", "only Apache", "只要 MIT 的". */
const NARROWING_START = /^(which|only|just|any|anything|what about)\b|^(哪个|哪些|只要|只看|有没有|要)/;

const LANGUAGE_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\brust\b/, 'Rust'],
  [/\bc\+\+|\bcpp\b/, 'C++'],
  [
    /\b(in|using|pure) c\b(?!\+)|\bc (language|code)\b|用 ?c(?![a-z0-9+])|(?<![a-z0-9+])c ?(语言|写|实现)/,
    'C',
  ],
  [
    /\b(golang|go lang)\b|\b(in|using|pure) go\b|\bgo (language|code)\b|用 ?go\b|(?<![a-z])go ?(语言|写|实现)/,
    'Go',
  ],
  [/\bpython\b/, 'Python'],
  [/\btypescript\b/, 'TypeScript'],
  [/\bjavascript\b/, 'JavaScript'],
  [/\bjava\b/, 'Java'],
  [/\blua\b/, 'Lua'],
  [/\bzig\b/, 'Zig'],
];

const LICENSE_WORDS: readonly (readonly [RegExp, License])[] = [
  [/\bagpl/, 'agpl'],
  [/\blgpl/, 'lgpl'],
  [/\bgpl|\bcopyleft\b|\bgnu\b/, 'gpl'],
  [/\bapache\b/, 'apache'],
  [/\bmit\b/, 'mit'],
  [/\bbsd\b/, 'bsd'],
];
const LICENSE_SPDX: Readonly<Record<License, RegExp>> = {
  apache: /\bApache-/,
  mit: /\bMIT\b/,
  gpl: /(?<![AL])GPL-/,
  lgpl: /\bLGPL-/,
  agpl: /\bAGPL-/,
  bsd: /\bBSD-/,
};

const ACTIVITY = /\bmore active\b|\bmost active\b|\brecently (updated|active)\b|更活跃|最活跃|最近更新/;
const ACTIVE = /\b(still )?(active|maintained|alive)\b|还在维护|仍在维护|活跃的|在维护/;

/** Category names as people write them, both languages, longest first. */
const CATEGORY_WORDS: readonly (readonly [string, Category])[] = CATEGORIES.flatMap(
  (category): (readonly [string, Category])[] => [
    [category.replace('-', ' '), category],
    [CATEGORY_LABELS[category].en.toLowerCase(), category],
    [CATEGORY_LABELS[category].zh, category],
  ],
).sort(([a], [b]) => b.length - a.length);

function filterIn(text: string): Filter | undefined {
  for (const [pattern, language] of LANGUAGE_WORDS)
    if (pattern.test(text)) return { by: 'language', language };
  for (const [pattern, license] of LICENSE_WORDS) if (pattern.test(text)) return { by: 'license', license };
  if (ACTIVITY.test(text)) return { by: 'activity' };
  if (ACTIVE.test(text)) return { by: 'active' };
  for (const [word, category] of CATEGORY_WORDS)
    if (/^[a-z ]+$/.test(word) ? new RegExp(`\\b${word}\\b`).test(text) : text.includes(word))
      return { by: 'category', category };
  return undefined;
}

function passes(entry: CatalogEntry, filter: Filter): boolean {
  switch (filter.by) {
    case 'language':
      return entry.languages.includes(filter.language);
    case 'license':
      return LICENSE_SPDX[filter.license].test(entry.license ?? '');
    case 'category':
      return entry.category === filter.category;
    case 'active':
    case 'activity':
      return entry.status === 'active';
  }
}

/** Newest push first; projects without GitHub figures keep their order after those with them. */
function byActivity(entries: readonly CatalogEntry[]): CatalogEntry[] {
  const pushed = (entry: CatalogEntry) => entry.github?.pushed_at ?? '';
  return [...entries].sort((a, b) => pushed(b).localeCompare(pushed(a)));
}

/**
 * Reads a message in a thread as a follow-up to the projects the thread showed last (`shown`, in their
 * order), or undefined when it is a question of its own. A follow-up is understood only when it points
 * back ("of them", "其中", "the second one") or only narrows ("which is written in Rust?", "只要 MIT 的").
 */
export function readFollowUp(text: string, shown: readonly CatalogEntry[]): FollowUp | undefined {
  if (shown.length === 0) return undefined;
  const said = normalizeText(simplified(text).text)
    .replace(/[?？!！.。,，]+$/u, '')
    .trim();
  if (PICKS.test(said)) {
    const position = POSITIONS.find(([pattern]) => pattern.test(said))?.[1] ?? digit(said);
    if (position === undefined) return { kind: 'unclear' };
    const entry = position < 0 ? shown.at(-1) : shown[position];
    return entry ? { kind: 'pick', entry } : { kind: 'out_of_range', count: shown.length };
  }
  const refersBack = REFERS_BACK.test(said);
  const filter = filterIn(said);
  if (!refersBack && !(filter && NARROWING_START.test(said))) return undefined;
  if (!filter) return { kind: 'unclear' };
  const kept = shown.filter((entry) => passes(entry, filter));
  return { kind: 'narrow', filter, entries: filter.by === 'activity' ? byActivity(kept) : kept };
}

const CHINESE_DIGITS = '一二三四五';

function digit(text: string): number | undefined {
  const found = /[1-5一二三四五]/.exec(text)?.[0];
  if (!found) return undefined;
  const chinese = CHINESE_DIGITS.indexOf(found);
  return chinese >= 0 ? chinese : Number(found) - 1;
}
