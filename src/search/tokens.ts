/**
 * Word handling shared by the index and the query, so both sides of a match are cut the same way.
 * English text becomes Porter2 stems; Chinese (written without spaces) becomes character bigrams.
 */
import { stem as porter2 } from 'porter2';
import { normalizeText } from '../text/normalize';

/**
 * Chinese, Japanese and Korean script by code unit: ideographs (with radicals, extensions and the
 * surrogates of the supplementary planes), kana and hangul. A range check per character is far
 * cheaper than a Unicode script regex, and the index and queries are cut by the same rule.
 */
function isCjkCode(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0x2e80 && code <= 0x2fdf) ||
    (code >= 0x3005 && code <= 0x3007) ||
    (code >= 0x3021 && code <= 0x3029) ||
    (code >= 0x1100 && code <= 0x11ff) ||
    (code >= 0x3130 && code <= 0x318f) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xd840 && code <= 0xd87f) // high surrogates of CJK extensions B-H
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;

export function hasCjk(text: string): boolean {
  if (ASCII.test(text)) return false;
  for (let i = 0; i < text.length; i++) if (isCjkCode(text.charCodeAt(i))) return true;
  return false;
}

/** Whether a run from `splitRuns` is a CJK one: runs never mix scripts, so the first character tells. */
export function isCjkRun(run: string): boolean {
  return isCjkCode(run.charCodeAt(0));
}

/** Splits normalised text (words and single spaces) into runs: Latin words and whole CJK runs, in order. */
export function splitRuns(normalized: string): string[] {
  if (ASCII.test(normalized)) return normalized ? normalized.split(' ') : [];
  const runs: string[] = [];
  for (const word of normalized.split(' ')) {
    if (!word) continue;
    let start = 0;
    for (let i = 1; i < word.length; i++) {
      const code = word.charCodeAt(i);
      // a low surrogate continues its character; otherwise a change of script starts a new run
      if (code >= 0xdc00 && code <= 0xdfff) continue;
      if (isCjkCode(code) !== isCjkCode(word.charCodeAt(start))) {
        runs.push(word.slice(start, i));
        start = i;
      }
    }
    runs.push(word.slice(start));
  }
  return runs;
}

/** Words that carry no meaning for finding a project. */
const ENGLISH_STOPWORDS = new Set(
  `a about all also an and any anything are as at be best bpf by can could do does ebpf e bpf for from get give good
  has have help how i if in into is it its know like look looking me my need of on one or our out please program
  programs project projects recommend show so some something suggest tell than that the their them there these this
  those thing to tool tools up use used uses using via want way we what whats which who why will with without would you
  your there's what's is there any`.split(/\s+/),
);

/**
 * The Porter2 (Snowball English) stem of a lower-case word: trace/traces/tracing, profiler/profiling.
 * Words with digits ("l7", "http2", "5.10") are names and versions, kept as they are.
 */
export function stem(word: string): string {
  return word.length <= 3 || /\d/.test(word) ? word : porter2(word);
}

/** Chinese filler that would otherwise match every description: question words, "tool", "support"... */
const CHINESE_STOP_BIGRAMS = new Set(
  `什么 是什 么是 哪个 哪些 有没 没有 一个 一下 可以 能够 用于 用来 使用 基于 支持 工具 项目 怎么 如何 请问 推荐 介绍 一款 这个 那个 我们 我想 想要 需要 可用 用的 的工 的项 的 吗`.split(
    /\s+/,
  ),
);

/** Particles that glue a Chinese sentence together; a pair across one is never a topic. */
const CHINESE_PARTICLES = /[的了吗呢吧啊么哪些里在把被和与及或着怎]+/u;

const chineseWords = new Intl.Segmenter('zh', { granularity: 'word' });

/** Where text is cut: catalog text for the index, or a question. */
export type Side = 'index' | 'query';

const SURROGATE = /[\uD800-\uDFFF]/;

/** The overlapping character pairs of a phrase, without the filler pairs. */
function addPairs(phrase: string, out: string[]): void {
  const chars = SURROGATE.test(phrase) ? [...phrase] : phrase;
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = `${chars[i]}${chars[i + 1]}`;
    if (!CHINESE_STOP_BIGRAMS.has(pair)) out.push(pair);
  }
}

/**
 * Chinese is matched by character pairs. The catalog gives every overlapping pair of its phrases, so a
 * word matches however it is cut. A question is first cut into words by ICU's dictionary segmenter
 * (`Intl.Segmenter`), and no pair crosses the boundary of two dictionary words: "如何定位异常进程" asks
 * about 定位, 异常 and 进程, not 何定 or 常进. (Segmenting the whole catalog would cost the index build
 * seconds.)
 * A lone character says too little to count.
 */
function addChineseTerms(run: string, out: string[], side: Side): void {
  for (const phrase of run.split(CHINESE_PARTICLES)) {
    if (side === 'index') {
      addPairs(phrase, out);
      continue;
    }
    // A pair across the boundary of two dictionary words is dropped; words ICU does not know come out
    // as single characters, and pairs across those stay ("丢包" is no dictionary word).
    let previous = '';
    for (const { segment } of chineseWords.segment(phrase)) {
      if (previous) {
        const pair = `${[...previous].at(-1)}${[...segment][0]}`;
        if ((previous.length < 2 || segment.length < 2) && !CHINESE_STOP_BIGRAMS.has(pair)) out.push(pair);
      }
      addPairs(segment, out);
      previous = segment;
    }
  }
}

/**
 * Spellings of one idea folded into one word, on both the index and the query side. Keys are single
 * words and two-word phrases written together ("user space" is looked up as "userspace").
 */
const SYNONYMS = new Map<string, string>([
  ...['userspace', 'userland', 'usermode'].map((word): [string, string] => [word, 'userspace 用户态']),
  ['kernelspace', 'kernelspace 内核态'],
  ['k8s', 'kubernetes'],
  // "I/O" arrives as two words
  ['io', 'io'],
  // irregular forms that no stemmer joins
  ...['wrote', 'written'].map((word): [string, string] => [word, 'write']),
  ['sent', 'send'],
  ['ran', 'run'],
  ['kubeproxy', 'kubeproxy'],
  ...['flamegraph', 'flamegraphs'].map((word): [string, string] => [word, 'flamegraph']),
  ['ssl', 'tls'],
  ...['lb', 'lbs', 'loadbalance', 'loadbalancer', 'loadbalancers', 'loadbalancing'].map(
    (word): [string, string] => [word, 'loadbalancer'],
  ),
  ...['servicemesh', 'servicemeshes'].map((word): [string, string] => [word, 'servicemesh']),
  ...['syscall', 'syscalls', 'systemcall', 'systemcalls'].map((word): [string, string] => [word, 'syscall']),
  ...[2, 3, 4, 5, 6, 7].map((n): [string, string] => [`layer${n}`, `l${n}`]),
  ...['opentelemetry', 'otel'].map((word): [string, string] => [word, 'opentelemetry']),
  ...['uprobe', 'uprobes'].map((word): [string, string] => [word, 'uprobe']),
  ...['kprobe', 'kprobes'].map((word): [string, string] => [word, 'kprobe']),
  ...['firewall', 'firewalls'].map((word): [string, string] => [word, 'firewall']),
]);

/** First words of the two-word spellings above, so most words skip the phrase lookup. */
const PHRASE_HEADS = new Set([
  'user',
  'kernel',
  'kube',
  'flame',
  'load',
  'service',
  'sys',
  'system',
  'layer',
  'open',
  'u',
  'k',
  'fire',
  'i',
]);

/** Chinese spellings of one idea; the two "userspace" entries bridge to the English side too. */
const CJK_SPELLINGS: readonly [readonly string[], string][] = [
  [['用户空间', '用户模式'], ' userspace 用户态 '],
  [['内核空间'], ' kernelspace 内核态 '],
  [['可观察性', '可观察'], '可观测'],
  [['剖析'], '分析'],
  [['跟踪'], '追踪'],
  [['网络数据包', '报文', '网络包'], '数据包'],
  [['故障诊断', '故障排查', '排障', '排查'], '诊断'],
  [['类库', '开发库', '库'], ' library '],
];
const CJK_REPLACEMENT = new Map(
  CJK_SPELLINGS.flatMap(([spellings, replacement]) => spellings.map((spelling) => [spelling, replacement])),
);
/** All spellings as one pattern, longest first; 库 is a library except in 数据库 and 仓库. */
const CJK_PHRASES = new RegExp(
  [...CJK_REPLACEMENT.keys()]
    .sort((a, b) => b.length - a.length)
    .map((spelling) => (spelling === '库' ? '(?<!数据|仓)库' : spelling))
    .join('|'),
  'g',
);

/** The terms a Latin word or synonym replacement stands for: none (a stopword), its stem, or the synonym's. */
function computeWordTerms(word: string): readonly string[] {
  const synonym = SYNONYMS.get(word);
  if (synonym) {
    return synonym.split(' ').flatMap((part) => {
      if (isCjkRun(part)) {
        const grams: string[] = [];
        addChineseTerms(part, grams, 'query');
        return grams;
      }
      return [stem(part)];
    });
  }
  return ENGLISH_STOPWORDS.has(word) ? [] : [stem(word)];
}

/** Word -> terms, remembered: the same few thousand words recur across a catalog and its queries. */
const wordTermsCache = new Map<string, readonly string[]>();
const WORD_CACHE_LIMIT = 100_000;

function wordTerms(word: string): readonly string[] {
  let known = wordTermsCache.get(word);
  if (known === undefined) {
    if (wordTermsCache.size >= WORD_CACHE_LIMIT) wordTermsCache.clear();
    known = computeWordTerms(word);
    wordTermsCache.set(word, known);
  }
  return known;
}

/** Index terms of normalised text in either language: English stems and Chinese character pairs, in order. */
export function terms(normalized: string, side: Side = 'query'): string[] {
  let text = normalized;
  if (hasCjk(text)) text = text.replace(CJK_PHRASES, (spelling) => CJK_REPLACEMENT.get(spelling) ?? spelling);
  return termsOfRuns(splitRuns(text), side);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII_WORD = /[a-z0-9+#]+/g;

/**
 * Terms of raw catalog text for the index: `terms(normalizeText(text), 'index')`, with plain ASCII text
 * cut into words in one pass (index builds read megabytes of it).
 */
export function textTerms(text: string): string[] {
  if (!PRINTABLE_ASCII.test(text)) return terms(normalizeText(text), 'index');
  return termsOfRuns(text.toLowerCase().match(ASCII_WORD) ?? [], 'index');
}

function termsOfRuns(runs: readonly string[], side: Side): string[] {
  const out: string[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] as string;
    if (isCjkRun(run)) {
      addChineseTerms(run, out, side);
      continue;
    }
    const next = runs[i + 1];
    if (next !== undefined && PHRASE_HEADS.has(run) && SYNONYMS.has(run + next)) {
      out.push(...wordTerms(run + next));
      i++;
      continue;
    }
    for (const term of wordTerms(run)) out.push(term);
  }
  return out;
}
