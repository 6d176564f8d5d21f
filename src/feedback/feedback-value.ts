import { type AnswerKind, isAnswerKind, type Shown } from '../answer/answer';
import { LIMITS } from '../blocks/limits';
import type { Language } from '../blocks/strings';
import type { Catalog } from '../catalog/types';
import type { FeedbackOutcome } from '../store/store';

/** What a feedback button carries back: which of the two was clicked, and what the answer showed. */
export interface FeedbackValue {
  readonly outcome: FeedbackOutcome;
  readonly kind: AnswerKind;
  readonly language: Language;
  readonly traditional?: true;
  readonly ids: readonly string[];
  readonly terms: readonly string[];
}

const OUTCOMES: Readonly<Record<FeedbackOutcome, true>> = { helpful: true, not_helpful: true };

/** An answer shows five projects at most; a value naming more was not made here. */
export const MAX_IDS = 10;
/** As many terms as a question keeps (src/search/query.ts). */
export const MAX_TERMS = 24;
/** Longer "words" are pasted noise, not terms worth reviewing. */
export const MAX_TERM_CHARS = 40;
/** What normalised text is made of: letters, digits, + and # (src/text/normalize.ts). */
const TERM = new RegExp(`^[\\p{L}\\p{N}+#]{1,${MAX_TERM_CHARS}}$`, 'u');

const isTerm = (term: unknown): term is string => typeof term === 'string' && TERM.test(term);

/**
 * The value of one feedback button: short keys, the outcome first. Within Slack's 2,000 characters
 * whatever the question was: the last terms go first, then the last projects.
 */
export function encodeFeedbackValue(shown: Shown, outcome: FeedbackOutcome): string {
  const ids = shown.ids.slice(0, MAX_IDS);
  const terms = shown.terms.filter(isTerm).slice(0, MAX_TERMS);
  const encode = () =>
    JSON.stringify({
      o: outcome,
      k: shown.kind,
      l: shown.language,
      ...(shown.traditional && { h: 1 }),
      i: ids,
      q: terms,
    });
  let value = encode();
  while (value.length > LIMITS.buttonValue) {
    if (terms.length > 0) terms.pop();
    else ids.pop();
    value = encode();
  }
  return value;
}

const strings = (value: unknown, max: number): value is string[] =>
  Array.isArray(value) && value.length <= max && value.every((item) => typeof item === 'string');

/**
 * Reads a value Slack sent back, trusting none of it: anything but a value this module made, with a
 * known outcome, kind and language, is undefined. Projects no longer in the catalog and terms that are
 * not normalised words are dropped.
 */
export function parseFeedbackValue(value: unknown, catalog: Catalog): FeedbackValue | undefined {
  if (typeof value !== 'string' || value.length > LIMITS.buttonValue) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const { o, k, l, h, i, q, ...rest } = data as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return undefined;
  if (typeof o !== 'string' || !Object.hasOwn(OUTCOMES, o)) return undefined;
  if (!isAnswerKind(k)) return undefined;
  if (l !== 'en' && l !== 'zh') return undefined;
  if (h !== undefined && !(h === 1 && l === 'zh')) return undefined;
  if (!strings(i, MAX_IDS) || !strings(q, MAX_TERMS)) return undefined;
  return {
    outcome: o as FeedbackOutcome,
    kind: k,
    language: l,
    ...(h === 1 && { traditional: true }),
    ids: [...new Set(i.filter((id) => catalog.byId.has(id)))],
    terms: [...new Set(q.filter(isTerm))],
  };
}
