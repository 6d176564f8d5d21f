import { CATEGORIES, CATEGORY_LABELS, type Category } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { showButton } from './card';
import { actions, type Block, context, header, type Message, message, section } from './kit';
import { LIMITS, paginate } from './limits';
import { echo, joinMd, link, type Mrkdwn, md } from './mrkdwn';
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

/** No confident match: the best three as a compact list, each with a button that opens its card. */
export function shortlistMessage(query: string, entries: readonly CatalogEntry[], lang: Language): Message {
  const said = STRINGS.shortlist[lang](echo(query, ECHO_CHARS));
  const shown = entries.slice(0, 3);
  const rows = shown.map((entry) =>
    section(md`*${entry.name}*: ${entry.summary[lang]}`, [], {
      ...showButton(
        entry,
        lang,
        shown.filter((other) => other !== entry),
      ),
      text: { type: 'plain_text', text: STRINGS.openCard[lang] },
    }),
  );
  return message(
    md`${said} ${joinMd(
      shown.map((entry) => entry.name),
      ', ',
    )}`,
    [section(said), ...rows, context(STRINGS.proposeEntry[lang])],
  );
}

/** A question about something else entirely: say what the bot knows, and how to ask it. */
export function offTopicMessage(query: string, lang: Language): Message {
  const said = STRINGS.offTopic[lang](echo(query, ECHO_CHARS));
  return message(said, [section(said), context(STRINGS.offTopicExamples[lang])]);
}

function projectLink(entry: CatalogEntry): Mrkdwn {
  return link(entry.repository, entry.name);
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
export function catalogSections(entries: readonly CatalogEntry[]): Block[] {
  return CATEGORIES.flatMap((category): Block[] => {
    const members = entries.filter((entry) => entry.category === category);
    if (members.length === 0) return [];
    // A big category continues in further sections rather than being cut at a section's limit.
    const sections: Block[] = [];
    let text = md`*${CATEGORY_LABELS[category].en}* (${members.length})\n`;
    let first = true;
    for (const projectLinkText of members.map(projectLink)) {
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

export function listMessage(entries: readonly CatalogEntry[], category?: Category): Message {
  if (!category) {
    return message(
      md`${entries.length} eBPF projects by category`,
      firstPage(
        header(`${entries.length} eBPF projects`),
        catalogSections(entries),
        (hidden) => md`…${hidden} more sections: the App Home tab has them all.`,
      ),
    );
  }
  const members = entries.filter((entry) => entry.category === category);
  const sections = members.map((entry) => section(md`${projectLink(entry)}: ${entry.summary.en}`));
  return message(
    md`${CATEGORY_LABELS[category].en}: ${joinMd(
      members.map((entry) => entry.name),
      ', ',
    )}`,
    firstPage(
      header(`${CATEGORY_LABELS[category].en} (${members.length})`),
      sections,
      (hidden) => md`…and ${hidden} more: the App Home tab lists every project.`,
    ),
  );
}
