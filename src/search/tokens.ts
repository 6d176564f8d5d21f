/**
 * Word handling shared by the index and the query, so both sides of a match are cut the same way.
 * English text becomes light stems; Chinese (written without spaces) becomes character bigrams.
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}+#]+/gu;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;

export function hasCjk(text: string): boolean {
  return !ASCII.test(text) && CJK.test(text);
}

/** Splits normalised text into runs: Latin words and whole CJK runs, in order. */
export function splitRuns(normalized: string): string[] {
  if (ASCII.test(normalized)) return normalized ? normalized.split(' ') : [];
  return normalized.match(RUNS) ?? [];
}

export function isCjkRun(run: string): boolean {
  return hasCjk(run);
}

/** Words that carry no meaning for finding a project. */
const ENGLISH_STOPWORDS = new Set(
  `a about all also an and any anything are as at be best bpf by can could do does ebpf e bpf for from get give good
  has have help how i if in into is it its know like look looking me my need of on one or our out please program
  programs project projects recommend show so some something suggest tell than that the their them there these this
  those thing to tool tools up use used uses using via want way we what whats which who why will with without would you
  your there's what's is there any`.split(/\s+/),
);

/** Suffix stripping good enough to join trace/traces/tracing/traced and profile/profiler/profiling. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ers') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('er') && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('es') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  // running -> runn -> run
  if (w.length > 3 && w.at(-1) === w.at(-2) && !/[aeiouls]/.test(w.at(-1) ?? '')) w = w.slice(0, -1);
  return w;
}

/** Meaningful English stems of a text. */
export function englishTerms(normalized: string): string[] {
  const terms: string[] = [];
  for (const run of splitRuns(normalized)) {
    if (isCjkRun(run) || ENGLISH_STOPWORDS.has(run)) continue;
    terms.push(stem(run));
  }
  return terms;
}

/** Chinese filler that would otherwise match every description: question words, "tool", "support"... */
const CHINESE_STOP_BIGRAMS = new Set(
  `什么 是什 么是 哪个 哪些 有没 没有 一个 一下 可以 能够 用于 用来 使用 基于 支持 工具 项目 怎么 如何 请问 推荐 介绍 一款 这个 那个 我们 我想 想要 需要 可用 用的 的工 的项 的 吗`.split(
    /\s+/,
  ),
);

/** Particles that glue a Chinese sentence together; a pair across one is never a topic. */
const CHINESE_PARTICLES = /[的了吗呢吧啊么哪些里在把被和与及或着怎]+/u;

/** Overlapping character pairs of every CJK phrase; a lone character says too little to count. */
export function cjkBigrams(normalized: string): string[] {
  const grams: string[] = [];
  const phrases = splitRuns(normalized)
    .filter(isCjkRun)
    .flatMap((run) => run.split(CHINESE_PARTICLES));
  for (const phrase of phrases) {
    const chars = [...phrase];
    for (let i = 0; i + 1 < chars.length; i++) {
      const gram = `${chars[i]}${chars[i + 1]}`;
      if (!CHINESE_STOP_BIGRAMS.has(gram)) grams.push(gram);
    }
  }
  return grams;
}

/** Spellings of one idea folded into one word, on both the index and the query side. */
const CANONICAL_PHRASES: readonly [RegExp, string][] = [
  [/\buser ?(space|land|mode)\b|用户空间|用户模式/g, ' userspace 用户态 '],
  [/\bkernel ?space\b|内核空间/g, ' kernelspace 内核态 '],
  [/\bk8s\b/g, 'kubernetes'],
  [/\bkube ?proxy\b/g, 'kubeproxy'],
  [/\bflame ?graphs?\b/g, 'flamegraph'],
  [/\bssl\b/g, 'tls'],
  [/\bload ?balanc(er|ers|ing)?\b|\blbs?\b/g, 'loadbalancer'],
  [/\bservice ?mesh(es)?\b/g, 'servicemesh'],
  [/\bsys ?calls?\b|\bsystem calls?\b/g, 'syscall'],
  [/\blayer ?([2-7])\b/g, 'l$1'],
  [/\bopen ?telemetry\b|\botel\b/g, 'opentelemetry'],
  [/\bu ?probes?\b/g, 'uprobe'],
  [/\bk ?probes?\b/g, 'kprobe'],
  [/\bfire ?walls?\b/g, 'firewall'],
  [/可观察性|可观察/g, '可观测'],
  [/剖析/g, '分析'],
  [/跟踪/g, '追踪'],
  [/报文|网络包|网络数据包/g, '数据包'],
  [/排障|排查|故障诊断|故障排查/g, '诊断'],
  [/类库|开发库|(?<![数仓])库/g, ' library '],
];

export function canonicalize(normalized: string): string {
  let text = normalized;
  for (const [pattern, replacement] of CANONICAL_PHRASES) text = text.replace(pattern, replacement);
  return text;
}

/** Index terms of a text in either language. */
export function terms(normalized: string): string[] {
  const text = canonicalize(normalized);
  return [...englishTerms(text), ...cjkBigrams(text)];
}
