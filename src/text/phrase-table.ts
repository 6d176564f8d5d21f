/**
 * OpenCC's replacement tables (`from to|from to|…`) searched where they lie: each phrase is an offset
 * into its table's own string, sorted, so a longest match needs no string per phrase. OpenCC builds a trie
 * of a `Map` per character (about 40 MB of heap); a `Map` of phrases took 6.5 MB; these arrays take under
 * 1 MB, and building them makes no string per phrase either.
 */
export class PhraseTable {
  private readonly tables: readonly string[];
  /** Per phrase, in sorted order: its table, where its text and its replacement start, and their lengths. */
  private readonly table: Uint8Array;
  private readonly from: Uint32Array;
  private readonly fromLength: Uint8Array;
  private readonly to: Uint32Array;
  private readonly toLength: Uint8Array;
  /** The longest phrase starting with each UTF-16 code unit. */
  private readonly longest = new Uint8Array(0x10000);

  /** Where the same phrase is in two tables, the earlier table's replacement wins (as in OpenCC's trie). */
  constructor(tables: readonly string[]) {
    this.tables = tables;
    let count = 0;
    for (const text of tables)
      for (let at = text.indexOf('|'); at >= 0; at = text.indexOf('|', at + 1)) count++;
    count += tables.length;
    const table = new Uint8Array(count);
    const from = new Uint32Array(count);
    const fromLength = new Uint8Array(count);
    const to = new Uint32Array(count);
    const toLength = new Uint8Array(count);
    let n = 0;
    tables.forEach((text, t) => {
      for (let start = 0; start < text.length; ) {
        let end = text.indexOf('|', start);
        if (end < 0) end = text.length;
        const space = text.indexOf(' ', start);
        if (space > start && space < end) {
          table[n] = t;
          from[n] = start;
          fromLength[n] = Math.min(space - start, 255);
          to[n] = space + 1;
          toLength[n] = Math.min(end - space - 1, 255);
          n++;
        }
        start = end + 1;
      }
    });
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const key = (i: number) => ({
      text: tables[table[i] as number] as string,
      start: from[i] as number,
      length: fromLength[i] as number,
    });
    order.sort((a, b) => compareKeys(key(a), key(b)) || (table[a] as number) - (table[b] as number));
    // Keep the first of each run of equal phrases: the earliest table's.
    const kept = order.filter(
      (entry, i) => i === 0 || compareKeys(key(order[i - 1] as number), key(entry)) !== 0,
    );
    this.table = Uint8Array.from(kept, (i) => table[i] as number);
    this.from = Uint32Array.from(kept, (i) => from[i] as number);
    this.fromLength = Uint8Array.from(kept, (i) => fromLength[i] as number);
    this.to = Uint32Array.from(kept, (i) => to[i] as number);
    this.toLength = Uint8Array.from(kept, (i) => toLength[i] as number);
    for (let i = 0; i < kept.length; i++) {
      const first = (tables[this.table[i] as number] as string).charCodeAt(this.from[i] as number);
      this.longest[first] = Math.max(this.longest[first] as number, this.fromLength[i] as number);
    }
  }

  /** The phrase equal to `text[at, at + length)`, or -1. */
  private find(text: string, at: number, length: number): number {
    const wanted = { text, start: at, length };
    let low = 0;
    let high = this.from.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const diff = compareKeys(
        {
          text: this.tables[this.table[middle] as number] as string,
          start: this.from[middle] as number,
          length: this.fromLength[middle] as number,
        },
        wanted,
      );
      if (diff === 0) return middle;
      if (diff < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** The text with each longest matching phrase, left to right, replaced. */
  replace(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; ) {
      let matched = 0;
      const most = Math.min(this.longest[text.charCodeAt(i)] as number, text.length - i);
      for (let length = most; length > 0 && matched === 0; length--) {
        const found = this.find(text, i, length);
        if (found >= 0) {
          const replacement = this.to[found] as number;
          out += (this.tables[this.table[found] as number] as string).slice(
            replacement,
            replacement + (this.toLength[found] as number),
          );
          matched = length;
        }
      }
      if (matched === 0) {
        const code = text.charCodeAt(i);
        matched = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
        out += text.slice(i, i + matched);
      }
      i += matched;
    }
    return out;
  }
}

/** A stretch of a string. */
interface Span {
  readonly text: string;
  readonly start: number;
  readonly length: number;
}

/** Code-unit order of two stretches, without cutting either out of its string. */
function compareKeys(a: Span, b: Span): number {
  for (let k = 0; k < a.length && k < b.length; k++) {
    const diff = a.text.charCodeAt(a.start + k) - b.text.charCodeAt(b.start + k);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}
