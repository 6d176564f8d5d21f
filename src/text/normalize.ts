/**
 * Text normalisation shared by the catalog (to detect two projects claiming one name) and the search
 * (to match what people type). NFKC folds full-width forms and compatibility characters.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Lower-case NFKC text with every run of separators turned into one space. */
export function normalizeText(text: string): string {
  // Most chat text is plain ASCII, where NFKC changes nothing and Unicode classes are needlessly slow.
  if (PRINTABLE_ASCII.test(text)) {
    return text
      .toLowerCase()
      .replace(/[^a-z0-9+#]+/g, ' ')
      .trim();
  }
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim();
}

/** A name with all separators removed, so "bpf trace", "BPF-Trace" and "bpftrace" are one key. */
export function compactKey(text: string): string {
  return normalizeText(text).replace(/ /g, '');
}
