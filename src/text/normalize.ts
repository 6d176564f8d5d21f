/**
 * Text normalisation shared by the catalog (to detect two projects claiming one name) and the search
 * (to match what people type). NFKC folds full-width forms and compatibility characters.
 */

/** Lower-case NFKC text with every run of separators turned into one space. */
export function normalizeText(text: string): string {
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
