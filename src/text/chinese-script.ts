import type { ConverterFunction } from 'opencc-js';
import { PhraseTable } from './phrase-table';
import { CANTONESE_WORDS, REGIONAL_TERMS } from './regional-terms';

/**
 * Traditional Chinese and the words of Taiwan and Hong Kong, read as the simplified, mainland text the
 * catalog is written in: OpenCC's Taiwan-phrase conversion (網路 → 网络, 記憶體 → 内存, 效能 → 性能), then
 * the terms it leaves (封包 → 数据包, 預設 → 默认) and common Cantonese words. The converters load on first
 * use: most questions are English or simplified already.
 */
let charactersToSimplified: ConverterFunction | undefined;
let toMainland: ConverterFunction | undefined;
let toTaiwan: ConverterFunction | undefined;

// opencc-js publishes its converters as subpath exports, which this project's module resolution does not
// read; the types are the package's own.
function opencc(subpath: 't2cn' | 'cn2t'): typeof import('opencc-js') {
  return require(`opencc-js/${subpath}`);
}

const CJK = /[\u3400-\u9fff]/;

export interface Simplified {
  readonly text: string;
  /** Whether the text was written in traditional characters. */
  readonly traditional: boolean;
}

export function simplified(text: string): Simplified {
  if (!CJK.test(text)) return { text, traditional: false };
  // Only traditional characters say the text is traditional: Taiwan's phrases read differently in
  // simplified text (程序 is a program in Beijing and a process in Taipei).
  charactersToSimplified ??= opencc('t2cn').Converter({ from: 't', to: 'cn' });
  if (charactersToSimplified(text) === text) return { text, traditional: false };
  toMainland ??= opencc('t2cn').Converter({ from: 'twp', to: 'cn' });
  let out = toMainland(text);
  for (const [regional, mainland] of REGIONAL_TERMS)
    if (out.includes(regional)) out = out.replaceAll(regional, mainland);
  for (const [cantonese, mandarin] of CANTONESE_WORDS)
    if (out.includes(cantonese)) out = out.replaceAll(cantonese, mandarin);
  return { text: out, traditional: true };
}

/**
 * Simplified → traditional with Taiwan's words, from OpenCC's `cn → twp` tables: its 49,000
 * simplified-to-traditional phrases searched where they lie (`PhraseTable`) rather than in OpenCC's trie
 * (about 40 MB of heap and half a second to build). The small Taiwan phrase and variant tables stay
 * OpenCC's, applied to the whole text rather than to OpenCC's segments (so 集群 becomes 叢集 inside
 * longer words too).
 */
function flatTraditional(): ConverterFunction {
  const { Locale, ConverterFactory } = opencc('cn2t');
  const phrases = new PhraseTable((Locale.from.cn ?? [])[0] as string[]);
  const taiwan = ConverterFactory(...(Locale.to.twp ?? []));
  return (text: string) => taiwan(phrases.replace(text));
}

/** Simplified text in traditional characters with Taiwan's words, for answering a traditional question. */
export function traditional(text: string): string {
  if (!CJK.test(text)) return text;
  toTaiwan ??= flatTraditional();
  return toTaiwan(text);
}

/** Loads both converters now, at start-up, so that no one's first traditional question waits for them. */
export function preloadChineseScript(): void {
  simplified('繁體');
  traditional('简体');
}
