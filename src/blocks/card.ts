import type { Button } from '@slack/types';
import { CATEGORY_LABELS } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { figuresLine, warningLine } from './figures';
import { actions, type Block, button, context, header, image, type Message, message, section } from './kit';
import { joinMd, link, type Mrkdwn, md, mention, plain } from './mrkdwn';
import { type Language, STRINGS } from './strings';

export const ACTIONS = Object.freeze({
  /** URL buttons: Slack still sends an action, which only needs an ack. */
  link: 'open_link',
  share: 'share_card',
  /** An assistant's card into the channel the user has open beside it. */
  shareTo: 'share_to_channel',
  show: 'show_project',
  homePage: 'home_page',
  homeOrder: 'home_order',
  /** The feedback buttons under an answer (src/feedback/). */
  feedback: 'feedback',
  postInThread: 'post_in_thread',
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
  return button(label, { actionId: `${ACTIONS.link}:${id}`, url });
}

export function showButton(
  entry: CatalogEntry,
  lang: Language,
  others: readonly CatalogEntry[] = [],
): Button {
  const alt = others.map((other) => other.id);
  return button(entry.name, {
    actionId: `${ACTIONS.show}:${entry.id}`,
    value: cardValue({ id: entry.id, lang, ...(alt.length > 0 && { alt }) }),
  });
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

function statusText(entry: CatalogEntry, lang: Language): Mrkdwn {
  const name = STRINGS.statusNames[entry.status][lang];
  // Activity changes with time; archived, moved, donated and concluded projects stay so.
  const asOf =
    entry.status === 'active' || entry.status === 'inactive'
      ? md` ${STRINGS.asOf[lang](entry.checked.slice(0, 7))}`
      : md``;
  const note = entry.status_note ? md` (${entry.status_note[lang]})` : md``;
  const moved = entry.moved_to ? md` → ${link(entry.moved_to, urlLabel(entry.moved_to))}` : md``;
  return md`${name}${asOf}${moved}${note}`;
}

/** The entry's logo, else its repository owner's GitHub avatar; none when neither is known. */
function picture(entry: CatalogEntry) {
  if (entry.logo) return image(entry.logo, `${entry.name} logo`);
  const avatar = entry.github?.avatar_url;
  const owner = (entry.github?.full_name ?? entry.github?.repository)?.split('/')[0];
  return avatar ? image(avatar, `${owner ?? entry.name} on GitHub`) : undefined;
}

function urlLabel(url: string): string {
  return url.replace(/^https:\/\//, '').replace(/\/$/, '');
}

/** The one project card used by every surface: slash command, mention, DM, home, unfurl, potd. */
export function projectCard(entry: CatalogEntry, options: CardOptions = {}): Message {
  const lang = options.lang ?? 'en';
  const category = CATEGORY_LABELS[entry.category][lang];
  const blocks: Block[] = [];

  if (options.heading) blocks.push(context(md`*${options.heading}*`));
  blocks.push(header(entry.name));
  blocks.push(
    section(
      plain(entry.summary[lang]),
      [
        md`*${STRINGS.category[lang]}*\n${category}`,
        md`*${STRINGS.language[lang]}*\n${entry.languages.join(', ')}`,
        md`*${STRINGS.license[lang]}*\n${entry.license ?? STRINGS.unknownLicense[lang]}`,
        md`*${STRINGS.status[lang]}*\n${statusText(entry, lang)}`,
      ],
      picture(entry),
    ),
  );
  const figures = figuresLine(entry, lang);
  if (figures) blocks.push(context(figures));
  const warning = warningLine(entry, lang, options.lookup);
  if (warning) blocks.push(context(warning));
  if (!options.compact) {
    blocks.push(section(plain(entry.description[lang])));
    const line = contextLine(entry, lang, options.lookup);
    if (line) blocks.push(context(line));
  }

  const buttons: Button[] = [linkButton(STRINGS.repository[lang], entry.repository, 'repository')];
  if (entry.homepage) buttons.push(linkButton(STRINGS.website[lang], entry.homepage, 'homepage'));
  if (entry.docs) buttons.push(linkButton(STRINGS.docs[lang], entry.docs, 'docs'));
  if (options.shareable) {
    buttons.push(
      button(STRINGS.share[lang], {
        actionId: ACTIONS.share,
        style: 'primary',
        value: cardValue({ id: entry.id, lang }),
      }),
    );
  }
  blocks.push(actions(buttons, `card:${entry.id}`));
  if (options.sharedBy) blocks.push(context(md`${STRINGS.sharedBy[lang]} ${mention(options.sharedBy)}`));

  const prefix = options.heading ? md`${options.heading}: ` : md``;
  return message(md`${prefix}${entry.name}: ${entry.summary[lang]} ${entry.repository}`, blocks);
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
): Block[] {
  // Slack refuses a block whose buttons repeat an action_id, which is made from the project id.
  const ids = new Set([entry.id]);
  const alternatives = candidates.filter((other) => !ids.has(other.id) && ids.add(other.id)).slice(0, 4);
  if (alternatives.length === 0) return [];
  if (!shareable) {
    const names = joinMd(
      alternatives.map((alternative) => alternative.name),
      ', ',
    );
    return [context(md`${STRINGS.otherMatches[lang]} ${names}`)];
  }
  const row = actions(
    alternatives.map((alternative) =>
      showButton(
        alternative,
        lang,
        [entry, ...alternatives].filter((other) => other !== alternative),
      ),
    ),
    'alternatives',
  );
  return [context(md`${STRINGS.otherMatches[lang]}`), row];
}

function contextLine(
  entry: CatalogEntry,
  lang: Language,
  lookup?: CardOptions['lookup'],
): Mrkdwn | undefined {
  const parts: Mrkdwn[] = [];
  const keywords = entry.keywords[lang].slice(0, 6);
  if (keywords.length > 0) parts.push(md`*${STRINGS.keywords[lang]}:* ${joinMd(keywords, ' · ')}`);
  const related = entry.related
    .map((id) => lookup?.(id)?.name)
    .filter((name): name is string => Boolean(name));
  if (related.length > 0) parts.push(md`*${STRINGS.related[lang]}:* ${joinMd(related, ', ')}`);
  return parts.length > 0 ? joinMd(parts, '\n') : undefined;
}
