import type { GithubFacts } from '../github/facts';
import type { Category } from './categories';

export type SurveyGroup =
  | 'main'
  | 'emerging'
  | 'infrastructure'
  | 'emerging-infrastructure'
  | 'library'
  | 'helper-library';
export type Status = 'active' | 'inactive' | 'archived' | 'moved' | 'donated' | 'concluded';

/** Text written in both catalog languages. */
export interface Bilingual<T = string> {
  readonly en: T;
  readonly zh: T;
}

/** One catalog project, as validated against catalog/schema.json. */
export interface CatalogEntry {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly category: Category;
  readonly group?: SurveyGroup;
  readonly keywords: Bilingual<readonly string[]>;
  readonly summary: Bilingual;
  readonly description: Bilingual;
  readonly repository: string;
  readonly homepage?: string;
  readonly docs?: string;
  readonly languages: readonly string[];
  readonly license?: string;
  readonly status: Status;
  readonly moved_to?: string;
  readonly status_note?: Bilingual;
  readonly ebpf_source?: string;
  /** When the facts were last checked against the project's repository (YYYY-MM-DD). */
  readonly checked: string;
  /** The date of the newest commit on the default branch seen at that check (YYYY-MM-DD). */
  readonly newest_commit: string;
  /** Facts that make a project one experts name first (a prior in ranking). */
  readonly prominence?: Prominence;
  /** Needs people bring to the project, in their words. */
  readonly problems?: Bilingual<readonly string[]>;
  /** What people wrongly expect of it, and where to go instead. */
  readonly not_for?: Bilingual;
  /** When to pick it over its neighbours: "choose it when …" (comparisons). */
  readonly choose_when?: Bilingual;
  /** What it needs of the kernel, as its repository states it (comparisons). */
  readonly kernel?: KernelNeeds;
  readonly related: readonly string[];
  /** A square logo to show on the card (https); the repository owner's avatar stands in without one. */
  readonly logo?: string;
  /** Terms of the project's own documentation and their weights, 1..3 (`doc-terms.json`). */
  readonly doc_terms?: Readonly<Record<string, number>>;
  /** What GitHub said at the last sync (`github.json`), with the day of that sync. */
  readonly github?: GithubFacts & { readonly synced: string };
}

export interface KernelNeeds {
  readonly checked: string;
  /** The oldest Linux version the project names ("5.10"). */
  readonly min?: string;
  readonly needs: Bilingual;
  /** owner/repo path@commit where the project states it. */
  readonly source: string;
}

export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  readonly byId: ReadonlyMap<string, CatalogEntry>;
  /** Well-known software that is not an eBPF project (`not-ebpf.yaml`). */
  readonly notEbpf: readonly NotEbpf[];
}

/** Software people name that is not an eBPF project, and the catalog projects to offer instead. */
export interface NotEbpf {
  /** Lower-case, as people type them. */
  readonly names: readonly string[];
  readonly kind: string;
  /** What it is and how eBPF relates to it, in our words. */
  readonly what: Bilingual;
  /** Catalog ids, best first. */
  readonly offer: readonly string[];
}

/** A problem in one catalog file, located for the contributor who has to fix it. */
export interface CatalogIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly field: string;
  readonly message: string;
}

/** Checkable facts behind "the one experts name first" (catalog/schema.json describes each). */
export interface Prominence {
  readonly checked: string;
  readonly kernel_tree: boolean;
  readonly debian?: readonly string[];
  readonly cncf?: 'sandbox' | 'incubating' | 'graduated';
  readonly cncf_parent?: string;
  readonly ebpf_io?: 'major' | 'listed';
  readonly stars?: number;
  readonly stars_seen?: string;
}
