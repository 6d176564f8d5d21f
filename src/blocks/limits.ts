import type { KnownBlock } from '@slack/types';

/**
 * Slack's Block Kit limits (shared/notes/slack-platform.md has the sources). Builders cut text to
 * these with an ellipsis (src/blocks/kit.ts); tests check every payload against them.
 */
export const LIMITS = Object.freeze({
  messageBlocks: 50,
  homeBlocks: 100,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  /** A context_actions block (feedback buttons, icon buttons) holds at most 5 elements. */
  contextActionsElements: 5,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  imageUrl: 3000,
  altText: 2000,
  blockId: 255,
  /** Table blocks: one per message, 100 rows of at most 20 cells. Cells are kept short to stay readable. */
  tableRows: 100,
  tableColumns: 20,
  tableCellText: 300,
  /** Card blocks, shown side by side in a carousel of at most ten. */
  cardTitle: 150,
  cardSubtitle: 150,
  cardBody: 200,
  carouselCards: 10,
  /** Top-level `text` is cut by Slack above 40,000; notifications show far less. */
  fallbackText: 3000,
  /** Undocumented aggregate of all block text; Slack rejects somewhere above 11,000. */
  totalBlockText: 10_000,
});

/** Characters of text a block carries (section text and fields, context elements). */
export function blockChars(block: KnownBlock): number {
  if (block.type === 'section') {
    return (
      (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((sum, field) => sum + field.text.length, 0)
    );
  }
  if (block.type === 'context')
    return block.elements.reduce((sum, element) => sum + ('text' in element ? element.text.length : 0), 0);
  if (block.type === 'header') return block.text.text.length;
  if (block.type === 'table')
    return block.rows.flat().reduce((sum, cell) => sum + JSON.stringify(cell).length, 0);
  return 0;
}

/** Splits blocks into pages that each stay within a block count and a text budget. */
export function paginate<B extends KnownBlock>(
  blocks: readonly B[],
  maxBlocks: number,
  maxChars: number,
): B[][] {
  const pages: B[][] = [[]];
  let chars = 0;
  for (const block of blocks) {
    const size = blockChars(block);
    const page = pages.at(-1) as B[];
    if (page.length > 0 && (page.length >= maxBlocks || chars + size > maxChars)) {
      pages.push([block]);
      chars = size;
    } else {
      page.push(block);
      chars += size;
    }
  }
  return pages;
}
