import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { CATEGORY_LABELS } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { escapeMrkdwn } from './escape';
import { LIMITS, truncate } from './limits';
import { type Language, STRINGS } from './strings';

/** A message as every surface sends it: blocks plus the plain `text` used by notifications. */
export interface Message {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

export const ACTIONS = Object.freeze({
  /** URL buttons: Slack still sends an action, which only needs an ack. */
  link: 'open_link',
  share: 'share_card',
  show: 'show_project',
  homePage: 'home_page',
});

/** What a card's buttons carry back: the project and the language it was shown in. */
export interface CardRef {
  readonly id: string;
  readonly lang: Language;
  /** The other matches of the same question, so a swapped card can still offer them. */
  readonly alt?: readonly string[];
}

export function cardValue(ref: CardRef): string {
  return JSON.stringify(ref);
}

export interface CardOptions {
  readonly lang?: Language;
  /** Adds the Share button: the card was shown only to the asker. */
  readonly shareable?: boolean;
  /** The user who shared the card into the channel. */
  readonly sharedBy?: string;
  /** A line above the project name, e.g. "Project of the day". */
  readonly heading?: string;
  /** Looks up related projects' names. */
  readonly lookup?: (id: string) => CatalogEntry | undefined;
  /** Fewer blocks, for link unfurls. */
  readonly compact?: boolean;
}

function linkButton(label: string, url: string, id: string): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(label, LIMITS.buttonText) },
    url: url.slice(0, LIMITS.buttonUrl),
    action_id: `${ACTIONS.link}:${id}`,
  };
}

export function showButton(
  entry: CatalogEntry,
  lang: Language,
  others: readonly CatalogEntry[] = [],
): Button {
  const alt = others.map((other) => other.id);
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(entry.name, LIMITS.buttonText) },
    action_id: `${ACTIONS.show}:${entry.id}`.slice(0, LIMITS.actionId),
    value: cardValue({ id: entry.id, lang, ...(alt.length > 0 && { alt }) }),
  };
}

/** Reads a button value back; undefined when it is not one of ours. */
export function parseCardValue(value: string | undefined): CardRef | undefined {
  try {
    const ref = JSON.parse(value ?? '') as Partial<CardRef>;
    if (typeof ref.id !== 'string' || (ref.lang !== 'en' && ref.lang !== 'zh')) return undefined;
    const alt = Array.isArray(ref.alt)
      ? ref.alt.filter((id): id is string => typeof id === 'string').slice(0, 4)
      : [];
    return { id: ref.id, lang: ref.lang, alt };
  } catch {
    return undefined;
  }
}

function statusText(entry: CatalogEntry, lang: Language): string {
  const name = STRINGS.statusNames[entry.status][lang];
  const note = entry.status_note ? ` (${escapeMrkdwn(entry.status_note[lang])})` : '';
  const moved = entry.moved_to ? ` → <${entry.moved_to}|${escapeMrkdwn(urlLabel(entry.moved_to))}>` : '';
  return `${name}${moved}${note}`;
}

function urlLabel(url: string): string {
  return url.replace(/^https:\/\//, '').replace(/\/$/, '');
}

/** The one project card used by every surface: slash command, mention, DM, home, unfurl, potd. */
export function projectCard(entry: CatalogEntry, options: CardOptions = {}): Message {
  const lang = options.lang ?? 'en';
  const category = CATEGORY_LABELS[entry.category][lang];
  const blocks: KnownBlock[] = [];

  if (options.heading) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `*${escapeMrkdwn(options.heading)}*` }],
    });
  }
  blocks.push({
    type: 'header',
    text: { type: 'plain_text', text: truncate(entry.name, LIMITS.headerText), emoji: false },
  });
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(entry.summary[lang]), LIMITS.sectionText) },
    fields: [
      { type: 'mrkdwn', text: `*${STRINGS.category[lang]}*\n${category}` },
      { type: 'mrkdwn', text: `*${STRINGS.language[lang]}*\n${escapeMrkdwn(entry.languages.join(', '))}` },
      {
        type: 'mrkdwn',
        text: `*${STRINGS.license[lang]}*\n${escapeMrkdwn(entry.license ?? STRINGS.unknownLicense[lang])}`,
      },
      {
        type: 'mrkdwn',
        text: truncate(`*${STRINGS.status[lang]}*\n${statusText(entry, lang)}`, LIMITS.fieldText),
      },
    ],
  });
  if (!options.compact) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(entry.description[lang]), LIMITS.sectionText) },
    });
    const context = contextLine(entry, lang, options.lookup);
    if (context)
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: truncate(context, LIMITS.sectionText) }],
      });
  }

  const buttons: Button[] = [linkButton(STRINGS.repository[lang], entry.repository, 'repository')];
  if (entry.homepage) buttons.push(linkButton(STRINGS.website[lang], entry.homepage, 'homepage'));
  if (entry.docs) buttons.push(linkButton(STRINGS.docs[lang], entry.docs, 'docs'));
  if (options.shareable) {
    buttons.push({
      type: 'button',
      style: 'primary',
      text: { type: 'plain_text', text: STRINGS.share[lang] },
      action_id: ACTIONS.share,
      value: cardValue({ id: entry.id, lang }),
    });
  }
  blocks.push({ type: 'actions', block_id: `card:${entry.id}`.slice(0, LIMITS.blockId), elements: buttons });

  if (options.sharedBy) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${STRINGS.sharedBy[lang]} <@${options.sharedBy}>` }],
    });
  }

  const prefix = options.heading ? `${options.heading}: ` : '';
  const text = truncate(
    `${prefix}${entry.name}: ${entry.summary[lang]} ${entry.repository}`,
    LIMITS.fallbackText,
  );
  return { text: escapeMrkdwn(text), blocks };
}

/**
 * The other likely matches of a question, appended to its card's blocks: buttons that swap the card in place when only
 * the asker sees it, names when everyone does (one reader should not swap a card for all).
 */
export function alternativeBlocks(
  entry: CatalogEntry,
  candidates: readonly CatalogEntry[],
  lang: Language,
  shareable: boolean,
): KnownBlock[] {
  // Slack refuses a block whose buttons repeat an action_id, which is made from the project id.
  const ids = new Set([entry.id]);
  const alternatives = candidates.filter((other) => !ids.has(other.id) && ids.add(other.id)).slice(0, 4);
  if (alternatives.length === 0) return [];
  if (!shareable) {
    const names = alternatives.map((alternative) => escapeMrkdwn(alternative.name)).join(', ');
    return [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${STRINGS.otherMatches[lang]} ${names}` }] },
    ];
  }
  const row: ActionsBlock = {
    type: 'actions',
    block_id: 'alternatives',
    elements: alternatives.map((alternative) =>
      showButton(
        alternative,
        lang,
        [entry, ...alternatives].filter((other) => other !== alternative),
      ),
    ),
  };
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text: STRINGS.otherMatches[lang] }] }, row];
}

function contextLine(entry: CatalogEntry, lang: Language, lookup?: CardOptions['lookup']): string {
  const parts: string[] = [];
  const keywords = entry.keywords[lang].slice(0, 6).map(escapeMrkdwn).join(' · ');
  if (keywords) parts.push(`*${STRINGS.keywords[lang]}:* ${keywords}`);
  const related = entry.related
    .map((id) => lookup?.(id)?.name)
    .filter((name): name is string => Boolean(name))
    .map(escapeMrkdwn);
  if (related.length > 0) parts.push(`*${STRINGS.related[lang]}:* ${related.join(', ')}`);
  return parts.join('\n');
}
