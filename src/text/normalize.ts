/**
 * Text normalisation shared by the catalog (to detect two projects claiming one name) and the search
 * (to match what people type). NFKC folds full-width forms and compatibility characters.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Typographic punctuation that English text is full of: dashes, quotes, ellipsis, no-break space. */
const TYPOGRAPHIC = /[\u00a0\u2010-\u2015\u2018-\u201f\u2026\u00b7]/g;

/** Lower-case NFKC text with every run of separators turned into one space. */
export function normalizeText(input: string): string {
  // Most text is plain ASCII once typographic punctuation is gone: NFKC changes nothing there, and
  // Unicode classes are needlessly slow.
  if (PRINTABLE_ASCII.test(input)) return asciiWords(input);
  const text = input.replace(TYPOGRAPHIC, ' ');
  return PRINTABLE_ASCII.test(text) ? asciiWords(text) : separateWords(text.normalize('NFKC').toLowerCase());
}

function asciiWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Whether a non-ASCII character is a letter or digit; Unicode property regexes are slow per character. */
const wordCharCache = new Map<number, boolean>();

/** Whether the character starting at `i` (a code unit, or a surrogate pair) is a letter or a digit. */
function isWordChar(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 0x80)
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x23;
  if (code >= 0x4e00 && code <= 0x9fff) return true; // CJK ideographs, most of non-ASCII catalog text
  const point = text.codePointAt(i) as number;
  let known = wordCharCache.get(point);
  if (known === undefined) {
    if (wordCharCache.size > 100_000) wordCharCache.clear();
    known = WORD_CHAR.test(String.fromCodePoint(point));
    wordCharCache.set(point, known);
  }
  return known;
}

/** Every run of characters that are not letters, digits, + or # becomes one space, none at the ends. */
function separateWords(text: string): string {
  let out = '';
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // the second half of a surrogate pair
    if (isWordChar(text, i)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out += out ? ` ${text.slice(start, i)}` : text.slice(start, i);
      start = -1;
    }
  }
  if (start >= 0) out += out ? ` ${text.slice(start)}` : text.slice(start);
  return out;
}

/** A name with all separators removed, so "bpf trace", "BPF-Trace" and "bpftrace" are one key. */
export function compactKey(text: string): string {
  return normalizeText(text).replace(/ /g, '');
}
