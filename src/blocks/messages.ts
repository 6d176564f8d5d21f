import type { KnownBlock } from '@slack/types';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { type Message, showButton } from './card';
import { echo, escapeMrkdwn } from './escape';
import { LIMITS, truncate } from './limits';
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
  return CATEGORIES.flatMap((category): KnownBlock[] => {
    const members = entries.filter((entry) => entry.category === category);
    if (members.length === 0) return [];
    const text = `*${CATEGORY_LABELS[category].en}* (${members.length})\n${members.map(projectLink).join(' · ')}`;
    return [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } }];
  });
}

export function listMessage(entries: readonly CatalogEntry[], category?: Category): Message {
  if (!category) {
    return {
      text: `${entries.length} eBPF projects by category`,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: `${entries.length} eBPF projects` } },
        ...catalogSections(entries),
      ],
    };
  }
  const members = entries.filter((entry) => entry.category === category);
  const shown = members.slice(0, LIMITS.messageBlocks - 3);
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: `${CATEGORY_LABELS[category].en} (${members.length})` },
    },
    ...shown.map(
      (entry): KnownBlock => ({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncate(`${projectLink(entry)}: ${escapeMrkdwn(entry.summary.en)}`, LIMITS.sectionText),
        },
      }),
    ),
  ];
  if (members.length > shown.length) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${members.length - shown.length} more` }],
    });
  }
  return {
    text: `${CATEGORY_LABELS[category].en}: ${members.map((entry) => entry.name).join(', ')}`,
    blocks,
  };
}
