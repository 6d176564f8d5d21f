import { STEP_ERRORS } from '../blocks/strings';
import type { CatalogEntry } from '../catalog/types';
import type { Confidence, Search } from '../search/search';

/** What the "Find an eBPF project" step hands the workflow's next steps: plain English text. */
export interface ProjectOutputs {
  readonly name: string;
  readonly repository_url: string;
  readonly summary: string;
  /** `weak`: the best of several likely matches, not a sure one. */
  readonly confidence: Confidence;
}

export type StepResult = { readonly outputs: ProjectOutputs } | { readonly error: string };

/** "A, B or C" (`or`), "A, B and C" (`and`). */
function list(entries: readonly CatalogEntry[], last: 'or' | 'and'): string {
  const names = entries.map((entry) => entry.name);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}`;
}

function outputsOf(entry: CatalogEntry, confidence: Confidence): ProjectOutputs {
  return {
    name: entry.name,
    repository_url: entry.repository,
    summary: entry.summary.en.replace(/\s+/g, ' ').trim(),
    confidence,
  };
}

/**
 * The step's input (a project name or a question) to its outputs, or to why there are none. The cases
 * follow the chat answer's: a weak best match on topic is still a result (the workflow can check
 * `confidence`); a comparison (one output cannot hold two projects), well-known software that is not
 * eBPF, an off-topic question and no match are errors.
 * Errors never repeat the input: a workflow shows them to people other than the one who typed it.
 */
export function findProject(input: unknown, search: Search): StepResult {
  const question = typeof input === 'string' ? input.trim() : '';
  if (!question) return { error: STEP_ERRORS.empty };
  const { results, suggestions, onTopic, notEbpf, compared } = search.search(question, { limit: 3 });
  if (compared) return { error: STEP_ERRORS.compared(list(compared, 'and')) };
  const [best] = results;
  if (best && best.confidence !== 'weak') return { outputs: outputsOf(best.entry, best.confidence) };
  if (notEbpf) {
    const offers = list(
      results.map((result) => result.entry),
      'or',
    );
    return { error: STEP_ERRORS.notEbpf(notEbpf.names[0] ?? 'That', notEbpf.what.en, offers) };
  }
  if (!onTopic) return { error: STEP_ERRORS.offTopic };
  if (best) return { outputs: outputsOf(best.entry, best.confidence) };
  return { error: STEP_ERRORS.noMatch(list(suggestions.slice(0, 3), 'or')) };
}
