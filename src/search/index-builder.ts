import { CATEGORY_LABELS } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { textTerms } from './tokens';

/**
 * How much a word counts by where it appears (BM25F): curated keywords say most about what a project
 * does, the problems people bring say it in their words, a description says much else besides. `b` is
 * how much a long field is discounted; `domain` fields name what the catalog is about.
 */
const FIELDS = [
  { name: 'keywords', weight: 3, b: 0.3, domain: true },
  { name: 'name', weight: 2, b: 0, domain: true },
  { name: 'summary', weight: 2, b: 0.3, domain: true },
  { name: 'category', weight: 1.5, b: 0, domain: true },
  { name: 'problems', weight: 1.5, b: 0.6, domain: false },
  { name: 'languages', weight: 1, b: 0, domain: false },
  { name: 'description', weight: 1, b: 0.6, domain: false },
] as const;
type Field = (typeof FIELDS)[number]['name'];
const FIELD_INDEX = new Map<Field, number>(FIELDS.map((field, i) => [field.name, i]));

/** BM25's term-frequency saturation: a word said five times is not five times the answer. */
const K1 = 1.2;

/**
 * The capability index as flat arrays: for term `t`, its entries and their saturated BM25F weights are
 * at `entryOffsets[t]` up to `entryOffsets[t + 1]`; passages (problems and summaries) list their terms,
 * to be compared with a question one by one. One allocation per array instead of several per term keeps
 * the index compact and quick to build and to read.
 */
export interface IndexData {
  readonly entryCount: number;
  readonly vocabulary: ReadonlyMap<string, number>;
  readonly idf: Float64Array;
  /** 1 where the term appears in a domain field of some entry (keywords, names, summaries, categories). */
  readonly domain: Uint8Array;
  readonly entryOffsets: Int32Array;
  readonly entryIds: Int32Array;
  readonly entryWeights: Float32Array;
  /** Entry `e`'s passages are numbers `entryPassages[e]` up to `entryPassages[e + 1]`. */
  readonly entryPassages: Int32Array;
  /** Passage `p`'s distinct terms are at `passageTermOffsets[p]` up to `passageTermOffsets[p + 1]`. */
  readonly passageTermOffsets: Int32Array;
  readonly passageTerms: Int32Array;
  /** Per passage: the summed rarity of its distinct terms. */
  readonly passageWeight: Float64Array;
}

interface FieldText {
  readonly field: Field;
  readonly text: string;
  /** Problems and summaries are also matched one by one: a question usually asks one thing. */
  readonly passage: boolean;
}

function fieldTexts(entry: CatalogEntry): FieldText[] {
  const label = CATEGORY_LABELS[entry.category];
  const texts: FieldText[] = [
    { field: 'keywords', text: entry.keywords.en.join(' ; '), passage: false },
    { field: 'keywords', text: entry.keywords.zh.join(' ; '), passage: false },
    { field: 'name', text: [entry.name, ...entry.aliases].join(' ; '), passage: false },
    { field: 'summary', text: entry.summary.en, passage: true },
    { field: 'summary', text: entry.summary.zh, passage: true },
    { field: 'category', text: `${label.en} ; ${label.zh}`, passage: false },
    { field: 'languages', text: entry.languages.join(' ; '), passage: false },
    { field: 'description', text: entry.description.en, passage: false },
    { field: 'description', text: entry.description.zh, passage: false },
  ];
  for (const problem of entry.problems?.en ?? [])
    texts.push({ field: 'problems', text: problem, passage: true });
  for (const problem of entry.problems?.zh ?? [])
    texts.push({ field: 'problems', text: problem, passage: true });
  return texts;
}

/** An Int32Array that grows as it is pushed to. */
class IntList {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length * 2);
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

function grow<T extends Int32Array | Uint8Array>(array: T, size: number, fill = 0): T {
  const grown = new (array.constructor as new (size: number) => T)(size);
  grown.set(array);
  if (fill !== 0) grown.fill(fill, array.length);
  return grown;
}

/**
 * Two passes over the catalog text: the first cuts every text into term ids once and counts lengths
 * and document frequencies, the second writes each entry's weights and each passage's terms straight
 * into arrays sized by those counts.
 */
export function buildIndex(entries: readonly CatalogEntry[]): IndexData {
  const n = entries.length;
  const fieldCount = FIELDS.length;
  const vocabulary = new Map<string, number>();
  let capacity = 4096;
  let documentFrequency = new Int32Array(capacity);
  let lastEntry = new Int32Array(capacity).fill(-1);
  let lastPassage = new Int32Array(capacity).fill(-1);
  let domain = new Uint8Array(capacity);

  // Every text of every entry as a run of term ids.
  const ids = new IntList();
  const textEnd = new IntList();
  const textField = new IntList();
  /** Per text: its passage number, or -1. */
  const textPassage = new IntList();
  const entryTextEnd = new Int32Array(n);
  const lengths = new Float64Array(n * fieldCount);
  let passageCount = 0;
  const entryPassages = new Int32Array(n + 1);

  entries.forEach((entry, index) => {
    for (const { field, text, passage } of fieldTexts(entry)) {
      const f = FIELD_INDEX.get(field) as number;
      const isDomain = FIELDS[f]?.domain === true;
      const passageId = passage ? passageCount : -1;
      let count = 0;
      for (const term of textTerms(text)) {
        let id = vocabulary.get(term);
        if (id === undefined) {
          id = vocabulary.size;
          vocabulary.set(term, id);
          if (id === capacity) {
            capacity *= 2;
            documentFrequency = grow(documentFrequency, capacity);
            lastEntry = grow(lastEntry, capacity, -1);
            lastPassage = grow(lastPassage, capacity, -1);
            domain = grow(domain, capacity);
          }
        }
        ids.push(id);
        count++;
        if (isDomain) domain[id] = 1;
        if (lastEntry[id] !== index) {
          lastEntry[id] = index;
          documentFrequency[id] = (documentFrequency[id] as number) + 1;
        }
      }
      if (count === 0) continue;
      lengths[index * fieldCount + f] = (lengths[index * fieldCount + f] as number) + count;
      textEnd.push(ids.length);
      textField.push(f);
      textPassage.push(passageId);
      if (passageId >= 0) passageCount++;
    }
    entryTextEnd[index] = textEnd.length;
    entryPassages[index + 1] = passageCount;
  });

  const termCount = vocabulary.size;
  const idf = new Float64Array(termCount);
  const entryOffsets = new Int32Array(termCount + 1);
  for (let id = 0; id < termCount; id++) {
    const df = documentFrequency[id] as number;
    idf[id] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    entryOffsets[id + 1] = (entryOffsets[id] as number) + df;
  }
  const norms = FIELDS.map((field, f) => {
    let sum = 0;
    for (let entry = 0; entry < n; entry++) sum += lengths[entry * fieldCount + f] as number;
    return { ...field, average: sum / n || 1 };
  });

  const entryIds = new Int32Array(entryOffsets[termCount] as number);
  const entryWeights = new Float32Array(entryIds.length);
  const passageTermOffsets = new Int32Array(passageCount + 1);
  const passageTerms = new IntList();
  const passageWeight = new Float64Array(passageCount);
  const entryCursor = entryOffsets.slice(0, termCount);
  const tf = new Float64Array(termCount);
  const touched = new IntList();
  lastPassage.fill(-1);

  let text = 0;
  for (let entry = 0; entry < n; entry++) {
    const end = entryTextEnd[entry] as number;
    for (; text < end; text++) {
      const f = textField.get(text);
      const { weight, b, average } = norms[f] as (typeof norms)[number];
      const increment = weight / (1 - b + (b * (lengths[entry * fieldCount + f] as number)) / average);
      const passage = textPassage.get(text);
      if (passage >= 0) passageTermOffsets[passage] = passageTerms.length;
      for (let i = text === 0 ? 0 : textEnd.get(text - 1); i < textEnd.get(text); i++) {
        const id = ids.get(i);
        if (tf[id] === 0) touched.push(id);
        tf[id] = (tf[id] as number) + increment;
        if (passage >= 0 && lastPassage[id] !== passage) {
          lastPassage[id] = passage;
          passageTerms.push(id);
          passageWeight[passage] = (passageWeight[passage] as number) + (idf[id] as number);
        }
      }
    }
    for (let i = 0; i < touched.length; i++) {
      const id = touched.get(i);
      const frequency = tf[id] as number;
      const at = entryCursor[id] as number;
      entryCursor[id] = at + 1;
      entryIds[at] = entry;
      entryWeights[at] = (frequency * (K1 + 1)) / (frequency + K1);
      tf[id] = 0;
    }
    touched.length = 0;
  }
  passageTermOffsets[passageCount] = passageTerms.length;

  return {
    entryCount: n,
    vocabulary,
    idf,
    domain: domain.slice(0, termCount),
    entryOffsets,
    entryIds,
    entryWeights,
    entryPassages,
    passageTermOffsets,
    passageTerms: passageTerms.toArray(),
    passageWeight,
  };
}
