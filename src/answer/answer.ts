import { alternativeBlocks, type Message, projectCard } from '../blocks/card';
import { categoriesMessage, helpMessage, listMessage, noMatchMessage } from '../blocks/messages';
import { type Language, STRINGS } from '../blocks/strings';
import type { Catalog, CatalogEntry } from '../catalog/types';
import { deepFreeze } from '../deep-freeze';
import type { Confidence, Search } from '../search/search';
import { type Command, parseCommand } from './command';
import type { RecentAnswers } from './recent-answers';

export interface AnswerContext {
  readonly catalog: Catalog;
  readonly search: Search;
  /** Today's project of the day, for `/ebpf potd`. */
  readonly projectOfTheDay: () => CatalogEntry | undefined;
  /** 0 <= x < 1; injected so tests can pick. */
  readonly random: () => number;
  /** Told the confidence of each answered question, and whether it was answered before (metrics). */
  readonly onAnswer?: (confidence: Confidence | 'none', repeated: boolean) => void;
  /** Answers to recent questions, for this catalog only. */
  readonly recent?: RecentAnswers<RecentAnswer>;
}

export interface RecentAnswer {
  readonly message: Message;
  readonly confidence: Confidence | 'none';
}

/** Where the answer appears: only to the asker (the card gets a Share button) or to everyone. */
export type Audience = 'asker' | 'everyone';

/** Parses a `/ebpf` text or a question and answers it; potd subscriptions are handled by the caller. */
export function parse(text: string, ctx: AnswerContext): Command {
  return parseCommand(
    text,
    (name) => ctx.search.search(name, { limit: 1 }).results[0]?.confidence === 'exact',
  );
}

export function answerCommand(command: Command, ctx: AnswerContext, audience: Audience): Message {
  switch (command.kind) {
    case 'help':
      return helpMessage(command.note);
    case 'categories':
      return categoriesMessage(ctx.catalog.entries, command.unknown);
    case 'list':
      return listMessage(ctx.catalog.entries, command.category);
    case 'random': {
      const entries = ctx.catalog.entries;
      const entry = entries[Math.floor(ctx.random() * entries.length)] as CatalogEntry;
      return cardFor(entry, ctx, audience, 'en');
    }
    case 'potd': {
      const entry = ctx.projectOfTheDay();
      if (!entry) return helpMessage('There is no project of the day yet.');
      return projectCard(entry, {
        heading: STRINGS.potdHeading.en,
        shareable: audience === 'asker',
        lookup: lookup(ctx),
      });
    }
    case 'query':
      return answerQuery(command.text, ctx, audience);
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
  const ofEntry = cards.get(entry) ?? new Map<string, Message>();
  cards.set(entry, ofEntry);
  const key = `${lang}:${audience}`;
  let card = ofEntry.get(key);
  if (!card) {
    card = deepFreeze(projectCard(entry, { lang, shareable, lookup: lookup(ctx) }));
    ofEntry.set(key, card);
  }
  if (alternatives.length === 0) return card;
  return {
    text: card.text,
    blocks: [...card.blocks, ...alternativeBlocks(entry, alternatives, lang, shareable)],
  };
}

/**
 * The best match as a card, other likely matches as buttons unless the match is exact. Without a
 * confident match the answer says so and offers the near misses instead of guessing.
 */
export function answerQuery(text: string, ctx: AnswerContext, audience: Audience): Message {
  const key = `${audience}:${text}`;
  const recent = ctx.recent?.get(key);
  if (recent) {
    ctx.onAnswer?.(recent.confidence, true);
    return recent.message;
  }
  const answer = deepFreeze(searchAndAnswer(text, ctx, audience));
  ctx.recent?.set(key, answer);
  ctx.onAnswer?.(answer.confidence, false);
  return answer.message;
}

function searchAndAnswer(text: string, ctx: AnswerContext, audience: Audience): RecentAnswer {
  const { results, suggestions, query } = ctx.search.search(text, { limit: 5 });
  const [best, ...others] = results;
  const confidence = best?.confidence ?? 'none';
  if (!best || best.confidence === 'weak') {
    const near = best ? results.map((result) => result.entry) : suggestions;
    return { message: noMatchMessage(text, near, query.language), confidence };
  }
  const alternatives = best.confidence === 'exact' ? [] : others.map((result) => result.entry);
  return { message: cardFor(best.entry, ctx, audience, query.language, alternatives), confidence };
}
