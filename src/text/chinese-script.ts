import type { ConverterFunction } from 'opencc-js';
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
 * Simplified → traditional with Taiwan's words, from OpenCC's `cn → twp` tables, with the largest held
 * flat. OpenCC builds its 49,000 simplified-to-traditional phrases into a trie of a `Map` per character
 * (about 40 MB of heap and half a second to build); a `Map` from phrase to replacement gives the same
 * longest match in a tenth of the memory. The small Taiwan phrase and variant tables stay OpenCC's, applied
 * to the whole text rather than to OpenCC's segments (so 集群 becomes 叢集 inside longer words too).
 */
function flatTraditional(): ConverterFunction {
  const { Locale, ConverterFactory } = opencc('cn2t');
  const replacements = new Map<string, string>();
  /** The longest phrase starting with each character. */
  const longest = new Map<string, number>();
  // A dictionary group's later tables lose to its earlier ones, as in OpenCC's trie.
  for (const table of [...((Locale.from.cn ?? [])[0] as string[])].reverse())
    for (const line of table.split('|')) {
      const space = line.indexOf(' ');
      const from = line.slice(0, space);
      replacements.set(from, line.slice(space + 1));
      const first = from.charAt(0);
      if (from.length > (longest.get(first) ?? 0)) longest.set(first, from.length);
    }
  const taiwan = ConverterFactory(...(Locale.to.twp ?? []));
  return (text: string) => {
    let out = '';
    for (let i = 0; i < text.length; ) {
      let matched = 0;
      const most = Math.min(longest.get(text.charAt(i)) ?? 0, text.length - i);
      for (let length = most; length > 0 && matched === 0; length--) {
        const replacement = replacements.get(text.slice(i, i + length));
        if (replacement !== undefined) {
          out += replacement;
          matched = length;
        }
      }
      if (matched === 0) {
        const code = text.charCodeAt(i);
        matched = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
        out += text.slice(i, i + matched);
      }
      i += matched;
    }
    return taiwan(out);
  };
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
