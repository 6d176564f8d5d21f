import type { KnownBlock } from '@slack/types';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { type Message, showButton } from './card';
import { echo, escapeMrkdwn } from './escape';
import { LIMITS, paginate, truncate } from './limits';
import { HELP_TEXT, type Language, STRINGS } from './strings';

/** How much of a user's query is echoed back. */
const ECHO_CHARS = 200;

export function textMessage(markdown: string): Message {
  const text = truncate(markdown, LIMITS.sectionText);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function helpMessage(note?: string): Message {
  const blocks: KnownBlock[] = [];
  if (note)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(note, LIMITS.sectionText) } });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: HELP_TEXT } });
  return { text: note ?? 'How to use /ebpf', blocks };
}

/** Nothing matched: say so kindly, echo the query safely, offer near misses and how to add a project. */
export function noMatchMessage(query: string, suggestions: readonly CatalogEntry[], lang: Language): Message {
  const echoed = echo(query, ECHO_CHARS);
  const said = suggestions.length > 0 ? STRINGS.notSure[lang](echoed) : STRINGS.noMatch[lang](echoed);
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: said } }];
  if (suggestions.length > 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: STRINGS.didYouMean[lang] }] });
    blocks.push({
      type: 'actions',
      block_id: 'suggestions',
      elements: suggestions.slice(0, 5).map((entry, _, shown) =>
        showButton(
          entry,
          lang,
          shown.filter((other) => other !== entry),
        ),
      ),
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: STRINGS.proposeEntry[lang] }] });
  return { text: said, blocks };
}

function projectLink(entry: CatalogEntry): string {
  return `<${entry.repository}|${escapeMrkdwn(entry.name)}>`;
}

export function categoriesMessage(entries: readonly CatalogEntry[], unknown?: string): Message {
  const note = unknown ? `There is no category “${echo(unknown, ECHO_CHARS)}”. ` : '';
  const lines = CATEGORIES.map((category) => {
    const count = entries.filter((entry) => entry.category === category).length;
    return `• \`${category}\`: ${CATEGORY_LABELS[category].en} / ${CATEGORY_LABELS[category].zh} (${count})`;
  });
  return textMessage(`${note}*Categories* (use \`/ebpf list <category>\`)\n${lines.join('\n')}`);
}

/** Every project, grouped by category: one section per category keeps it far below the block limit. */
export function catalogSections(entries: readonly CatalogEntry[]): KnownBlock[] {
  const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
  return CATEGORIES.flatMap((category): KnownBlock[] => {
    const members = entries.filter((entry) => entry.category === category);
    if (members.length === 0) return [];
    // A big category continues in further sections rather than being cut at a section's limit.
    const sections: KnownBlock[] = [];
    let text = `*${CATEGORY_LABELS[category].en}* (${members.length})\n`;
    for (const link of members.map(projectLink)) {
      const piece = text.endsWith('\n') ? link : ` · ${link}`;
      if (text.length + piece.length > LIMITS.sectionText) {
        sections.push(section(text));
        text = link;
      } else {
        text += piece;
      }
    }
    sections.push(section(text));
    return sections;
  });
}

/** Blocks up to what one message holds, then a line saying how many more there are and where. */
function firstPage(
  header: KnownBlock,
  blocks: readonly KnownBlock[],
  more: (hidden: number) => string,
): KnownBlock[] {
  const [page = []] = paginate(blocks, LIMITS.messageBlocks - 2, LIMITS.totalBlockText - 500);
  const hidden = blocks.length - page.length;
  return [
    header,
    ...page,
    ...(hidden > 0
      ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: more(hidden) }] } as KnownBlock]
      : []),
  ];
}

export function listMessage(entries: readonly CatalogEntry[], category?: Category): Message {
  if (!category) {
    const header: KnownBlock = {
      type: 'header',
      text: { type: 'plain_text', text: `${entries.length} eBPF projects` },
    };
    return {
      text: `${entries.length} eBPF projects by category`,
      blocks: firstPage(
        header,
        catalogSections(entries),
        (hidden) => `…${hidden} more sections: the App Home tab has them all.`,
      ),
    };
  }
  const members = entries.filter((entry) => entry.category === category);
  const header: KnownBlock = {
    type: 'header',
    text: { type: 'plain_text', text: `${CATEGORY_LABELS[category].en} (${members.length})` },
  };
  const sections = members.map(
    (entry): KnownBlock => ({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(`${projectLink(entry)}: ${escapeMrkdwn(entry.summary.en)}`, LIMITS.sectionText),
      },
    }),
  );
  return {
    text: truncate(
      `${CATEGORY_LABELS[category].en}: ${members.map((entry) => entry.name).join(', ')}`,
      LIMITS.fallbackText,
    ),
    blocks: firstPage(
      header,
      sections,
      (hidden) => `…and ${hidden} more: the App Home tab lists every project.`,
    ),
  };
}
