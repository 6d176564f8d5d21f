import { alternativeBlocks, projectCard } from '../blocks/card';
import { comparisonMessage } from '../blocks/comparison';
import { type Message, withBlocks } from '../blocks/kit';
import {
  categoriesMessage,
  helpMessage,
  listMessage,
  noMatchMessage,
  notEbpfMessage,
  offTopicMessage,
  SHORTLIST_ROWS,
  shortlistMessage,
} from '../blocks/messages';
import { md } from '../blocks/mrkdwn';
import { type Language, STRINGS } from '../blocks/strings';
import { inTraditional } from '../blocks/traditional';
import type { Catalog, CatalogEntry, NotEbpf } from '../catalog/types';
import { deepFreeze } from '../deep-freeze';
import type { Confidence, Search, SearchResult } from '../search/search';
import { type Command, parseCommand } from './command';
import type { LruMap } from './lru-map';

export interface AnswerContext {
  readonly catalog: Catalog;
  readonly search: Search;
  /** Today's project of the day, for `/ebpf potd` and the Home tab. */
  readonly projectOfTheDay: () => Promise<CatalogEntry | undefined>;
  /** 0 <= x < 1; injected so tests can pick. */
  readonly random: () => number;
  /** Told the confidence of each answered question, and whether it was asked recently (metrics). */
  readonly onAnswer?: (confidence: Confidence | 'none', recent: boolean) => void;
  /** What recent questions found in this catalog, by their text. */
  readonly recent?: LruMap<Found>;
}

/** What a question found: all an answer is made from, and small enough to keep for many questions. */
export interface Found {
  readonly results: readonly SearchResult[];
  readonly suggestions: readonly CatalogEntry[];
  readonly language: Language;
  readonly onTopic: boolean;
  readonly compared?: readonly CatalogEntry[];
  readonly notEbpf?: NotEbpf;
  /** Asked in traditional Chinese: answered so. */
  readonly traditional?: true;
  /** The question's normalised terms. */
  readonly terms: readonly string[];
}

/** Where the answer appears: only to the asker (the card gets a Share button) or to everyone. */
export type Audience = 'asker' | 'everyone';

/** The kinds of answer a question gets. */
export const ANSWER_KINDS = ['card', 'shortlist', 'comparison', 'not_ebpf', 'no_match', 'off_topic'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** Whether a value read back from Slack (a button, message metadata) names a kind of answer. */
export function isAnswerKind(value: unknown): value is AnswerKind {
  return (ANSWER_KINDS as readonly unknown[]).includes(value);
}

/** What the answer to a question showed: what feedback and a thread's follow-ups refer to. */
export interface Shown {
  readonly kind: AnswerKind;
  /** The projects shown, in order (the card's project first). */
  readonly ids: readonly string[];
  readonly language: Language;
  /** The question's normalised terms (stems and Chinese bigrams), never its raw text. */
  readonly terms: readonly string[];
  /** Asked, and so answered, in traditional Chinese: what is added to the answer is written so too. */
  readonly traditional?: true;
}

/** A reply, and for an answered question what it showed. */
export interface Answer {
  readonly message: Message;
  readonly shown?: Shown;
}

/** Parses a `/ebpf` text or a question and answers it; potd subscriptions are handled by the caller. */
export function parse(text: string, ctx: AnswerContext): Command {
  return parseCommand(
    text,
    (name) => ctx.search.search(name, { limit: 1 }).results[0]?.confidence === 'exact',
  );
}

export async function answerCommand(
  command: Command,
  ctx: AnswerContext,
  audience: Audience,
): Promise<Answer> {
  if (command.kind === 'query') return answerQuery(command.text, ctx, audience);
  return { message: await answerOther(command, ctx, audience) };
}

async function answerOther(
  command: Exclude<Command, { kind: 'query' }>,
  ctx: AnswerContext,
  audience: Audience,
): Promise<Message> {
  switch (command.kind) {
    case 'help':
      return helpMessage(command.note);
    case 'categories':
      return categoriesMessage(ctx.catalog.entries, command.unknown);
    case 'list':
      return listMessage(ctx.catalog.entries, command.category, command.order);
    case 'random': {
      const entries = ctx.catalog.entries;
      const entry = entries[Math.floor(ctx.random() * entries.length)] as CatalogEntry;
      return cardFor(entry, ctx, audience, 'en');
    }
    case 'potd': {
      const entry = await ctx.projectOfTheDay();
      if (!entry) return helpMessage(md`There is no project of the day yet.`);
      return projectCard(entry, {
        heading: STRINGS.potdHeading.en,
        shareable: audience === 'asker',
        lookup: lookup(ctx),
      });
    }
  }
}

function lookup(ctx: AnswerContext) {
  return (id: string) => ctx.catalog.byId.get(id);
}

/**
 * Cards without their alternatives, per entry object: a catalog reload brings new entry objects, so
 * the cards of the old catalog go with it. Frozen, because every answer shares them.
 */
const cards = new WeakMap<CatalogEntry, Map<string, Message>>();

export function cardFor(
  entry: CatalogEntry,
  ctx: AnswerContext,
  audience: Audience,
  lang: Language,
  alternatives: readonly CatalogEntry[] = [],
): Message {
  const shareable = audience === 'asker';
  let ofEntry = cards.get(entry);
  if (!ofEntry) {
    ofEntry = new Map();
    cards.set(entry, ofEntry);
  }
  const key = `${lang}:${audience}`;
  let card = ofEntry.get(key);
  if (!card) {
    card = deepFreeze(projectCard(entry, { lang, shareable, lookup: lookup(ctx) }));
    ofEntry.set(key, card);
  }
  if (alternatives.length === 0) return card;
  return withBlocks(card, alternativeBlocks(entry, alternatives, lang, shareable));
}

/**
 * The best match as a card, other likely matches as buttons unless the match is exact. Without a
 * confident match the answer says so and offers the near misses instead of guessing.
 */
export function answerQuery(text: string, ctx: AnswerContext, audience: Audience): Answer {
  const recent = ctx.recent?.get(text);
  const found = recent ?? find(text, ctx);
  if (!recent) ctx.recent?.set(text, found);
  ctx.onAnswer?.(found.results[0]?.confidence ?? 'none', recent !== undefined);
  const message = answerFound(text, found, ctx, audience);
  return { message: found.traditional ? inTraditional(message) : message, shown: shownBy(found) };
}

/** What `answerFound` shows for what was found, in the same order of cases. */
export function shownBy(found: Found): Shown {
  const [best] = found.results;
  const of = (kind: AnswerKind, entries: readonly CatalogEntry[]): Shown => ({
    kind,
    ids: entries.map((entry) => entry.id),
    language: found.language,
    terms: found.terms,
    ...(found.traditional && { traditional: true }),
  });
  const all = found.results.map((result) => result.entry);
  const rows = all.slice(0, SHORTLIST_ROWS);
  if (found.compared) return of('comparison', found.compared);
  if (!best || best.confidence === 'weak') {
    if (found.notEbpf) return of('not_ebpf', rows);
    if (!found.onTopic) return of('off_topic', []);
    if (best) return of('shortlist', rows);
    return of('no_match', found.suggestions);
  }
  return of('card', best.confidence === 'exact' ? [best.entry] : all);
}

function answerFound(text: string, found: Found, ctx: AnswerContext, audience: Audience): Message {
  const [best, ...others] = found.results;
  if (found.compared) return comparisonMessage(found.compared, found.language);
  if (!best || best.confidence === 'weak') {
    if (found.notEbpf)
      return notEbpfMessage(
        found.notEbpf,
        found.results.map((result) => result.entry),
        found.language,
      );
    if (!found.onTopic) return offTopicMessage(text, found.language);
    if (best)
      return shortlistMessage(
        text,
        found.results.map((result) => result.entry),
        found.language,
      );
    return noMatchMessage(text, found.suggestions, found.language);
  }
  const alternatives = best.confidence === 'exact' ? [] : others.map((result) => result.entry);
  return cardFor(best.entry, ctx, audience, found.language, alternatives);
}

function find(text: string, ctx: AnswerContext): Found {
  const { results, suggestions, query, onTopic, compared, notEbpf } = ctx.search.search(text, { limit: 5 });
  return {
    results,
    suggestions,
    language: query.language,
    onTopic,
    ...(compared && { compared }),
    ...(notEbpf && { notEbpf }),
    ...(query.traditional && { traditional: true }),
    terms: query.terms,
  };
}
