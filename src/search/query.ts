import { simplified } from '../text/chinese-script';
import { normalizeText } from '../text/normalize';
import { hasCjk, splitRuns, terms } from './tokens';

/** Nobody types more than this to name a project; the rest of a pasted wall of text is ignored. */
export const MAX_QUERY_CHARS = 300;
/** Bounds the per-query work of the capability and fuzzy layers, whatever was pasted. */
const MAX_TERMS = 24;

export interface ParsedQuery {
  /** The text as given (trimmed). */
  readonly raw: string;
  /** Normalised text with chat words, mentions and URLs removed. */
  readonly text: string;
  /** `text` with separators removed: what exact name matching compares. */
  readonly compact: string;
  /** The same before chat words were removed, for names that contain one ("llvm-project"). */
  readonly compactAsTyped: string;
  /** Words and CJK runs of `text`, in order, for finding names inside a sentence. */
  readonly runs: readonly string[];
  /** English stems and Chinese bigrams for the capability layer. */
  readonly terms: readonly string[];
  /** URLs found in the query, lower-cased `host/path` without scheme, `www.`, `.git` or trailing slash. */
  readonly urls: readonly string[];
  readonly language: 'en' | 'zh';
  /** Chinese written in traditional characters (read as simplified; answered in traditional). */
  readonly traditional: boolean;
}

const SLACK_LINK = /<((?:https?:\/\/|mailto:)[^|>\s]+)(?:\|[^>]*)?>/gi;
const SLACK_CONTROL = /<[@#!][^>]*>/g;
const URL = /\bhttps?:\/\/[^\s<>"'`]+|\b(?:www\.)?github\.com\/[^\s<>"'`]+/gi;
const MAY_BE_GITHUB = /github\.com\//i;

/** Phrases around the real question, removed from both ends ("what is X?", "X 是什么"). */
const LEADING_CHAT = [
  /^(hey|hi|hello|yo|ok|so|um+|pls|please)\b/,
  /^(can|could) you (tell me|explain|show me)( about)?\b/,
  /^(tell me|explain|show me|info|information|details)( more)?( about| on)?\b/,
  /^(what|who|where) (is|are|s|was)( the| an| a)?\b/,
  /^(what s|whats)( the| an| a)?\b/,
  /^(do you know|have you heard of|is there|are there|look up|lookup|search for|search|find me|find)\b/,
  /^(请问|请|介绍一下|介绍下|介绍|说说|讲讲|查一下|查询|搜索|什么是|啥是|我想了解|了解一下)/,
];
const TRAILING_CHAT = [
  /\b(please|pls|thanks|thank you|project|tool)$/,
  /(是什么|是啥|是什么项目|是什么工具|是干什么的|干什么的|有什么用|怎么样|怎么用|吗|呢|啊|项目|工具)$/,
];

/** Each list as one pattern: a query then runs two regular expressions, not nine, per round. */
const CHAT = [LEADING_CHAT, TRAILING_CHAT].map(
  (patterns) => new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|')),
);

function stripChat(text: string): string {
  let current = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const pattern of CHAT) {
      const next = current.replace(pattern, '').trim();
      if (next !== current) {
        current = next;
        changed = true;
      }
    }
  }
  return current;
}

/** `host/path` of a URL, comparable with the catalog's own links. */
export function urlKey(url: string): string {
  return url
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/[).,;:!]+$/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

export function parseQuery(input: string): ParsedQuery {
  const raw = input.trim().slice(0, MAX_QUERY_CHARS);
  const urls: string[] = [];
  let withoutLinks = raw;
  // Most questions hold no link: two substring checks spare them three regular expressions.
  if (raw.includes('<'))
    withoutLinks = withoutLinks
      .replace(SLACK_LINK, (_, url: string) => {
        urls.push(urlKey(url));
        return ' ';
      })
      .replace(SLACK_CONTROL, ' ');
  if (withoutLinks.includes('://') || MAY_BE_GITHUB.test(withoutLinks))
    withoutLinks = withoutLinks.replace(URL, (url) => {
      urls.push(urlKey(url));
      return ' ';
    });
  const chinese = simplified(withoutLinks);
  const typed = normalizeText(chinese.text);
  const text = stripChat(typed);
  return {
    raw,
    text,
    // Both are normalised already: dropping the spaces makes them keys, as compactKey would.
    compact: text.replaceAll(' ', ''),
    compactAsTyped: typed.replaceAll(' ', ''),
    runs: splitRuns(text).slice(0, MAX_TERMS * 2),
    terms: [...new Set(terms(text))].slice(0, MAX_TERMS),
    urls,
    language: hasCjk(withoutLinks) ? 'zh' : 'en',
    traditional: chinese.traditional,
  };
}
