import { textTerms } from '../search/tokens';

/**
 * Evidence from a project's own documentation: the terms (English stems, Chinese character pairs) that
 * set its README and docs apart from the other projects', with a weight of 1 to 3. Term statistics
 * only, never sentences. Lists of tools, gadgets and subcommands count most: people ask in their words
 * ("opensnoop", "trace_open", "bpftool prog").
 */
export interface ProjectDocs {
  readonly id: string;
  readonly repository: string;
  /** The commit the documentation was read at. */
  readonly commit: string;
  /** Documentation files read, as repository paths. */
  readonly paths: readonly string[];
  /** Folders whose entries were listed (tools/, gadgets/…). */
  readonly listed: readonly string[];
  /** The text of every file read. */
  readonly texts: readonly string[];
  /** Names of the entries of the listed folders, extensions removed. */
  readonly names: readonly string[];
}

export interface DocTerms {
  readonly repository: string;
  readonly commit: string;
  readonly paths: readonly string[];
  readonly listed: readonly string[];
  /** Term → weight (1..3), the most distinctive first. */
  readonly terms: Readonly<Record<string, number>>;
}

export const DOC_TERMS_LIMITS = Object.freeze({
  /** Terms kept per project: enough for its tools and topics, few enough to stay evidence, not text. */
  terms: 150,
  /** Characters read per project, whatever its docs hold. */
  chars: 400_000,
});

const MARKUP = [
  /```[a-z]*|~~~/g, // fences (the commands inside them stay: people ask with them)
  /!\[[^\]]*\]\([^)]*\)/g, // images and badges
  /\]\([^)]*\)/g, // link targets
  /<[^>\n]{1,200}>/g, // HTML tags
  /https?:\/\/\S+/g,
  /\b[0-9a-f]{12,}\b/g, // hashes
  /[A-Za-z0-9+/=]{60,}/g, // base64
];

/** Text of a documentation file, without markup, links or encoded data. */
export function plainText(text: string): string {
  let out = text;
  for (const pattern of MARKUP) out = out.replace(pattern, ' ');
  return out;
}

/** A tool's name from a listed file name: `opensnoop.py` → `opensnoop`, `trace_open/` → `trace open`. */
export function listedName(file: string): string {
  return file
    .replace(/\/$/, '')
    .replace(/\.(py|bt|c|h|md|mdx|rst|txt|8|yaml|yml|go|rs|sh|lua)$/i, '')
    .replace(/[_.-]+/g, ' ');
}

/** Not a number, a version, an address or a date: letters, at most one digit in a row, no `+`. */
const USEFUL_TERM = /^(?!0x)(?!.*\d\d)[^+]{2,30}$/;

/** How often each term appears in one project's docs; listed names count as if said five times. */
function termCounts(docs: ProjectDocs): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string, by: number) => counts.set(term, (counts.get(term) ?? 0) + by);
  let budget = DOC_TERMS_LIMITS.chars;
  for (const text of docs.texts) {
    if (budget <= 0) break;
    const part = text.slice(0, budget);
    budget -= part.length;
    for (const term of textTerms(plainText(part))) add(term, 1);
  }
  for (const name of docs.names) for (const term of textTerms(listedName(name))) add(term, 5);
  return counts;
}

/**
 * Each project's most distinctive terms (TF-IDF across the projects given), weighted 3, 2 or 1 by thirds
 * of that ranking. Deterministic: ties go by term.
 */
export function buildDocTerms(projects: readonly ProjectDocs[]): Record<string, DocTerms> {
  const counts = projects.map(termCounts);
  const documentFrequency = new Map<string, number>();
  for (const projectCounts of counts)
    for (const term of projectCounts.keys())
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const n = projects.length;
  const out: Record<string, DocTerms> = {};
  projects.forEach((docs, i) => {
    const ranked = [...(counts[i] as Map<string, number>)]
      .filter(([term]) => USEFUL_TERM.test(term))
      .map(([term, count]): [string, number] => [
        term,
        // Rarer across the projects counts more; a term in every project's docs counts least.
        Math.log(1 + count) * Math.log((n + 1) / (documentFrequency.get(term) as number)),
      ])
      .filter(([, score]) => score > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, DOC_TERMS_LIMITS.terms);
    const third = Math.ceil(ranked.length / 3);
    out[docs.id] = {
      repository: docs.repository,
      commit: docs.commit,
      paths: docs.paths,
      listed: docs.listed,
      terms: Object.fromEntries(ranked.map(([term], rank) => [term, 3 - Math.floor(rank / third)])),
    };
  });
  return out;
}
