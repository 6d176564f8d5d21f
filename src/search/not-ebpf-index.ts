import type { NotEbpf } from '../catalog/types';
import { compactKey } from '../text/normalize';
import { hasCjk, isCjkRun } from './tokens';

/** Longest name, in words ("new relic", "aqua security"). */
const MAX_NAME_WORDS = 3;

/** Where a question names well-known software that is not an eBPF project: runs `start`..`end`. */
export interface NotEbpfMention {
  readonly record: NotEbpf;
  readonly start: number;
  readonly end: number;
}

/** The names of `not-ebpf.yaml`, looked up in a question as catalog names are. */
export class NotEbpfIndex {
  private readonly byKey = new Map<string, NotEbpf>();
  /** Chinese is written without spaces: these are looked for inside a run ("红帽有哪些"). */
  private readonly chineseNames: [string, NotEbpf][] = [];

  constructor(records: readonly NotEbpf[]) {
    for (const record of records)
      for (const name of record.names) {
        const key = compactKey(name);
        if (hasCjk(key)) this.chineseNames.push([key, record]);
        else this.byKey.set(key, record);
      }
  }

  /** The first such name in a question's runs: at each place, the longest phrase that is one. */
  find(runs: readonly string[]): NotEbpfMention | undefined {
    for (let start = 0; start < runs.length; start++) {
      const run = runs[start] as string;
      if (isCjkRun(run)) {
        const named = this.chineseNames.find(([name]) => run.includes(name));
        if (named) return { record: named[1], start, end: start };
        continue;
      }
      let phrase = '';
      let found: NotEbpfMention | undefined;
      for (let end = start; end < Math.min(start + MAX_NAME_WORDS, runs.length); end++) {
        phrase += runs[end];
        const record = this.byKey.get(phrase);
        if (record) found = { record, start, end };
      }
      if (found) return found;
    }
    return undefined;
  }
}
