import { type Answer, type AnswerContext, answerQuery, cardFor, type Shown } from '../answer/answer';
import { type Block, type Message, section, withBlocks, withNote } from '../blocks/kit';
import { carouselMessage, shortlistCarousel, textMessage } from '../blocks/messages';
import type { Mrkdwn } from '../blocks/mrkdwn';
import { type Language, STRINGS } from '../blocks/strings';
import { inTraditional } from '../blocks/traditional';
import { CATEGORY_LABELS } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { parseQuery } from '../search/query';
import { traditional } from '../text/chinese-script';
import { type Filter, type License, readFollowUp } from './follow-up';
import { shareToChannelBlock } from './share';
import { keptOf, type ShownInThread, type ThreadState } from './thread';

/** An answer in a thread, and what the thread keeps for the next follow-up. */
export interface ThreadAnswer extends Answer {
  readonly kept?: ShownInThread;
}

const LICENSE_NAMES: Readonly<Record<License, string>> = {
  apache: 'Apache',
  mit: 'MIT',
  gpl: 'GPL',
  lgpl: 'LGPL',
  agpl: 'AGPL',
  bsd: 'BSD',
};

function entriesOf(ids: readonly string[], ctx: AnswerContext): CatalogEntry[] {
  return ids
    .map((id) => ctx.catalog.byId.get(id))
    .filter((entry): entry is CatalogEntry => entry !== undefined);
}

function phrase(filter: Exclude<Filter, { by: 'activity' }>, lang: Language): Mrkdwn {
  switch (filter.by) {
    case 'language':
      return STRINGS.writtenIn[lang](filter.language);
    case 'license':
      return STRINGS.licensedAs[lang](LICENSE_NAMES[filter.license]);
    case 'category':
      return STRINGS.inCategory[lang](CATEGORY_LABELS[filter.category][lang]);
    case 'active':
      return STRINGS.stillActive[lang];
  }
}

/**
 * Answers a message in a thread: a follow-up narrows or opens what the thread showed last, anything else
 * is a new question. A follow-up that cannot be understood says so and is searched as a new question.
 * A card gets a button that shares it in the channel the user has open beside the assistant.
 */
export function threadAnswer(
  text: string,
  thread: Pick<ThreadState, 'lastShown' | 'contextChannel'>,
  ctx: AnswerContext,
): ThreadAnswer {
  const answer = answerInThread(text, thread.lastShown, ctx);
  const [id] = answer.shown?.kind === 'card' ? answer.shown.ids : [];
  const entry = id === undefined ? undefined : ctx.catalog.byId.get(id);
  if (!entry || !thread.contextChannel || !answer.shown) return answer;
  const { language } = answer.shown;
  const label = answer.shown.traditional
    ? traditional(STRINGS.shareToChannel[language])
    : STRINGS.shareToChannel[language];
  const share = shareToChannelBlock(entry, language, thread.contextChannel, label);
  return { ...answer, message: withBlocks(answer.message, share) };
}

function answerInThread(text: string, previous: ShownInThread | undefined, ctx: AnswerContext): ThreadAnswer {
  const shown = entriesOf(previous?.ids ?? [], ctx);
  const followUp = readFollowUp(text, shown);
  const query = parseQuery(text);
  const script = <T extends Message | Block>(reply: T) => (query.traditional ? inTraditional(reply) : reply);
  if (!followUp || followUp.kind === 'unclear') {
    const answer = answerQuery(text, ctx, 'everyone');
    const language = answer.shown?.language ?? query.language;
    const listed = answer.shown?.kind === 'shortlist' ? entriesOf(answer.shown.ids, ctx) : undefined;
    const reply = listed ? script(shortlistCarousel(text, listed, language)) : answer.message;
    return {
      message: followUp ? withNote(reply, script(section(STRINGS.followUpUnclear[language]))) : reply,
      ...(answer.shown && { shown: answer.shown, kept: keptOf(answer.shown) }),
    };
  }
  const lang = query.language;
  const of = (kind: Shown['kind'], entries: readonly CatalogEntry[]): Shown => ({
    kind,
    ids: entries.map((entry) => entry.id),
    language: lang,
    terms: query.terms,
    ...(query.traditional && { traditional: true }),
  });
  switch (followUp.kind) {
    case 'pick':
      // The thread keeps its list, so "and the third one?" still counts from it.
      return {
        message: script(cardFor(followUp.entry, ctx, 'everyone', lang)),
        shown: of('card', [followUp.entry]),
        ...(previous && { kept: previous }),
      };
    case 'out_of_range':
      return {
        message: script(textMessage(STRINGS.onlyShown[lang](followUp.count))),
        ...(previous && { kept: previous }),
      };
    case 'narrow': {
      const { filter, entries } = followUp;
      if (entries.length === 0) {
        const none = STRINGS.narrowedToNone[lang](
          phrase(filter.by === 'activity' ? { by: 'active' } : filter, lang),
        );
        return { message: script(textMessage(none)), ...(previous && { kept: previous }) };
      }
      const said =
        filter.by === 'activity'
          ? STRINGS.byActivity[lang]
          : lang === 'en'
            ? STRINGS.narrowedTo.en(phrase(filter, lang), entries.length)
            : STRINGS.narrowedTo.zh(phrase(filter, lang));
      const narrowed = of('shortlist', entries);
      return {
        message: script(carouselMessage(said, entries, lang)),
        shown: narrowed,
        kept: keptOf(narrowed),
      };
    }
  }
}
