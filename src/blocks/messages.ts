import { CATEGORIES, CATEGORY_LABELS, type Category } from '../catalog/categories';
import type { CatalogEntry, NotEbpf } from '../catalog/types';
import { ACTIONS, showButton } from './card';
import { compactCount } from './figures';
import {
  actions,
  type Block,
  button,
  carousel,
  context,
  header,
  type Message,
  message,
  section,
} from './kit';
import { LIMITS, paginate } from './limits';
import { echo, joinMd, link, type Mrkdwn, md, plain } from './mrkdwn';
import { HELP_TEXT, type Language, STRINGS } from './strings';

/** How much of a user's query is echoed back. */
export const ECHO_CHARS = 200;

export function textMessage(text: Mrkdwn): Message {
  return message(text, [section(text)]);
}

export function helpMessage(note?: Mrkdwn): Message {
  const blocks: Block[] = [];
  if (note) blocks.push(section(note));
  blocks.push(section(HELP_TEXT));
  return message(note ?? md`How to use /ebpf`, blocks);
}

/** Nothing matched: say so kindly, echo the query safely, offer near misses and how to add a project. */
export function noMatchMessage(query: string, suggestions: readonly CatalogEntry[], lang: Language): Message {
  const echoed = echo(query, ECHO_CHARS);
  const said = suggestions.length > 0 ? STRINGS.notSure[lang](echoed) : STRINGS.noMatch[lang](echoed);
  const blocks: Block[] = [section(said)];
  if (suggestions.length > 0) {
    const shown = suggestions.slice(0, 5);
    blocks.push(
      context(STRINGS.didYouMean[lang]),
      actions(
        shown.map((entry) =>
          showButton(
            entry,
            lang,
            shown.filter((other) => other !== entry),
          ),
        ),
        'suggestions',
      ),
    );
  }
  blocks.push(context(STRINGS.proposeEntry[lang]));
  return message(said, blocks);
}

/** How many projects a shortlist (or a list of projects to look at instead) shows. */
export const SHORTLIST_ROWS = 3;

/** Up to `max` projects, each a line with its summary and a button that opens its card. */
function projectRows(entries: readonly CatalogEntry[], lang: Language, max = SHORTLIST_ROWS): Block[] {
  const shown = entries.slice(0, max);
  return shown.map((entry) =>
    section(md`*${entry.name}*: ${entry.summary[lang]}`, [], {
      ...showButton(
        entry,
        lang,
        shown.filter((other) => other !== entry),
      ),
      text: { type: 'plain_text', text: STRINGS.openCard[lang] },
    }),
  );
}

const names = (entries: readonly CatalogEntry[], max = SHORTLIST_ROWS) =>
  joinMd(
    entries.slice(0, max).map((entry) => entry.name),
    ', ',
  );

/** No confident match: the best three as a compact list, each with a button that opens its card. */
export function shortlistMessage(query: string, entries: readonly CatalogEntry[], lang: Language): Message {
  const said = STRINGS.shortlist[lang](echo(query, ECHO_CHARS));
  return message(md`${said} ${names(entries)}`, [
    section(said),
    ...projectRows(entries, lang),
    context(STRINGS.proposeEntry[lang]),
  ]);
}

/**
 * Projects side by side as cards (name, category and languages, summary, its card and repository), for
 * the assistant's lists: Slack's newer carousel, with the names in the message's text as fallback.
 */
export function carouselMessage(said: Mrkdwn, entries: readonly CatalogEntry[], lang: Language): Message {
  const shown = entries.slice(0, 5);
  const cards = shown.map((entry) => ({
    title: md`*${entry.name}*`,
    subtitle: md`${CATEGORY_LABELS[entry.category][lang]} · ${entry.languages.join(', ')}`,
    body: plain(entry.summary[lang]),
    actions: [
      {
        ...showButton(
          entry,
          lang,
          shown.filter((other) => other !== entry),
        ),
        text: { type: 'plain_text' as const, text: STRINGS.openCard[lang] },
      },
      button(STRINGS.repository[lang], {
        actionId: `${ACTIONS.link}:repository:${entry.id}`,
        url: entry.repository,
      }),
    ],
  }));
  return message(md`${said} ${names(shown, shown.length)}`, [section(said), carousel(cards)]);
}

/** A shortlist (no confident match) as a carousel: the assistant's form of `shortlistMessage`. */
export function shortlistCarousel(query: string, entries: readonly CatalogEntry[], lang: Language): Message {
  return carouselMessage(
    STRINGS.shortlist[lang](echo(query, ECHO_CHARS)),
    entries.slice(0, SHORTLIST_ROWS),
    lang,
  );
}

/** Well-known software that is not an eBPF project: say so kindly, what it is, and what to look at instead. */
export function notEbpfMessage(other: NotEbpf, offers: readonly CatalogEntry[], lang: Language): Message {
  const said = md`${STRINGS.notEbpf[lang](echo(other.names[0] ?? '', ECHO_CHARS))} ${other.what[lang]}`;
  return message(md`${said} ${names(offers)}`, [
    section(said),
    ...(offers.length > 0 ? [context(STRINGS.insteadLookAt[lang]), ...projectRows(offers, lang)] : []),
  ]);
}

/** A question about something else entirely: say what the bot knows, and how to ask it. */
export function offTopicMessage(query: string, lang: Language): Message {
  const said = STRINGS.offTopic[lang](echo(query, ECHO_CHARS));
  return message(said, [section(said), context(STRINGS.offTopicExamples[lang])]);
}

/** How a list of projects is ordered: by name (the default) or most stars first. */
export type ListOrder = 'name' | 'stars';

function projectLink(entry: CatalogEntry, order: ListOrder = 'name'): Mrkdwn {
  const stars =
    order === 'stars' && entry.github?.stars !== undefined
      ? md` ⭐ ${compactCount(entry.github.stars, 'en')}`
      : md``;
  return md`${link(entry.repository, entry.name)}${stars}`;
}

/** Projects by name, or most stars first (those without figures last, by name). */
export function ordered(entries: readonly CatalogEntry[], order: ListOrder = 'name'): CatalogEntry[] {
  const sorted = [...entries].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  return order === 'stars'
    ? sorted.sort((a, b) => (b.github?.stars ?? -1) - (a.github?.stars ?? -1))
    : sorted;
}

/** Whether any entry has GitHub figures to order by. */
export function hasFigures(entries: readonly CatalogEntry[]): boolean {
  return entries.some((entry) => entry.github?.stars !== undefined);
}

export function categoriesMessage(entries: readonly CatalogEntry[], unknown?: string): Message {
  const note = unknown ? md`There is no category “${echo(unknown, ECHO_CHARS)}”. ` : md``;
  const lines = CATEGORIES.map((category) => {
    const count = entries.filter((entry) => entry.category === category).length;
    return md`• \`${category}\`: ${CATEGORY_LABELS[category].en} / ${CATEGORY_LABELS[category].zh} (${count})`;
  });
  return textMessage(md`${note}*Categories* (use \`/ebpf list <category>\`)\n${joinMd(lines, '\n')}`);
}

/** Every project, grouped by category: one section per category keeps it far below the block limit. */
export function catalogSections(entries: readonly CatalogEntry[], order: ListOrder = 'name'): Block[] {
  return CATEGORIES.flatMap((category): Block[] => {
    const members = ordered(
      entries.filter((entry) => entry.category === category),
      order,
    );
    if (members.length === 0) return [];
    // A big category continues in further sections rather than being cut at a section's limit.
    const sections: Block[] = [];
    let text = md`*${CATEGORY_LABELS[category].en}* (${members.length})\n`;
    let first = true;
    for (const projectLinkText of members.map((entry) => projectLink(entry, order))) {
      const piece = first ? projectLinkText : md` · ${projectLinkText}`;
      first = false;
      if (text.text.length + piece.text.length > LIMITS.sectionText) {
        sections.push(section(text));
        text = projectLinkText;
      } else {
        text = md`${text}${piece}`;
      }
    }
    sections.push(section(text));
    return sections;
  });
}

/** Blocks up to what one message holds, then a line saying how many more there are and where. */
function firstPage(header: Block, blocks: readonly Block[], more: (hidden: number) => Mrkdwn): Block[] {
  const [page = []] = paginate(blocks, LIMITS.messageBlocks - 2, LIMITS.totalBlockText - 500);
  const hidden = blocks.length - page.length;
  return [header, ...page, ...(hidden > 0 ? [context(more(hidden))] : [])];
}

export function listMessage(
  entries: readonly CatalogEntry[],
  category?: Category,
  order: ListOrder = 'name',
): Message {
  if (!category) {
    return message(
      md`${entries.length} eBPF projects by category`,
      firstPage(
        header(`${entries.length} eBPF projects${order === 'stars' ? ', most stars first' : ''}`),
        catalogSections(entries, order),
        (hidden) => md`…${hidden} more sections: the App Home tab has them all.`,
      ),
    );
  }
  const members = ordered(
    entries.filter((entry) => entry.category === category),
    order,
  );
  const sections = members.map((entry) => section(md`${projectLink(entry, order)}: ${entry.summary.en}`));
  return message(
    md`${CATEGORY_LABELS[category].en}: ${joinMd(
      members.map((entry) => entry.name),
      ', ',
    )}`,
    firstPage(
      header(
        `${CATEGORY_LABELS[category].en} (${members.length})${order === 'stars' ? ', most stars first' : ''}`,
      ),
      sections,
      (hidden) => md`…and ${hidden} more: the App Home tab lists every project.`,
    ),
  );
}
