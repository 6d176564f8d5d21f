import { LIMITS } from '../../src/blocks/limits';

type Json = Record<string, unknown>;
const length = (text: unknown) => [...String(text ?? '')].length;

function textOf(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  const node = value as Json;
  const own = typeof node.text === 'string' ? [node.text] : [];
  return [...own, ...Object.values(node).flatMap(textOf)];
}

/** Every way a message or Home view breaks Slack's Block Kit limits; empty when it is valid. */
export function limitViolations(
  payload: { text?: unknown; blocks?: unknown },
  surface: 'message' | 'home' = 'message',
): string[] {
  const problems: string[] = [];
  const blocks = (payload.blocks ?? []) as Json[];
  const max = surface === 'home' ? LIMITS.homeBlocks : LIMITS.messageBlocks;
  if (blocks.length > max) problems.push(`${blocks.length} blocks > ${max}`);
  if (surface === 'message' && (typeof payload.text !== 'string' || !payload.text))
    problems.push('no text fallback');
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `blocks[${i}] (${block.type})`;
    const text = block.text as Json | undefined;
    if (block.block_id !== undefined) {
      if (length(block.block_id) > LIMITS.blockId) problems.push(`${at} block_id too long`);
      if (blockIds.has(String(block.block_id))) problems.push(`${at} duplicate block_id ${block.block_id}`);
      blockIds.add(String(block.block_id));
    }
    if (block.type === 'header') {
      if (text?.type !== 'plain_text') problems.push(`${at} header must be plain_text`);
      if (length(text?.text) > LIMITS.headerText || !text?.text)
        problems.push(`${at} header text length ${length(text?.text)}`);
    }
    if (block.type === 'section') {
      if (text && (length(text.text) > LIMITS.sectionText || !text.text))
        problems.push(`${at} text length ${length(text.text)}`);
      const fields = (block.fields ?? []) as Json[];
      if (fields.length > LIMITS.sectionFields) problems.push(`${at} ${fields.length} fields`);
      for (const field of fields)
        if (length(field.text) > LIMITS.fieldText || !field.text) problems.push(`${at} field length`);
      if (!text && fields.length === 0) problems.push(`${at} empty section`);
      const accessory = block.accessory as Json;
      if (accessory?.type === 'image') {
        if (!/^https:\/\//.test(String(accessory.image_url)) || length(accessory.image_url) > LIMITS.imageUrl)
          problems.push(`${at} image url`);
        if (!accessory.alt_text || length(accessory.alt_text) > LIMITS.altText)
          problems.push(`${at} alt text`);
      }
    }
    if (block.type === 'context') {
      const elements = block.elements as Json[];
      if (elements.length === 0 || elements.length > LIMITS.contextElements)
        problems.push(`${at} ${elements.length} elements`);
      for (const element of elements) if (!element.text) problems.push(`${at} empty context text`);
    }
    if (block.type === 'table') {
      if (surface !== 'message') problems.push(`${at} tables are for messages`);
      if (blocks.filter((other) => other.type === 'table').length > 1)
        problems.push(`${at} more than one table`);
      const rows = block.rows as Json[][];
      if (!Array.isArray(rows) || rows.length === 0 || rows.length > LIMITS.tableRows)
        problems.push(`${at} ${rows?.length} rows`);
      const width = rows?.[0]?.length ?? 0;
      for (const row of rows ?? []) {
        if (row.length === 0 || row.length > LIMITS.tableColumns || row.length !== width)
          problems.push(`${at} a row of ${row.length} cells`);
        for (const cell of row) {
          if (cell.type === 'raw_text') {
            if (!cell.text || length(cell.text) > LIMITS.tableCellText)
              problems.push(`${at} raw_text cell length`);
          } else if (cell.type !== 'rich_text' || !Array.isArray(cell.elements) || cell.elements.length === 0)
            problems.push(`${at} cell of type ${cell.type}`);
        }
      }
      const settings = (block.column_settings ?? []) as Json[];
      if (settings.length > LIMITS.tableColumns) problems.push(`${at} ${settings.length} column settings`);
    }
    if (block.type === 'carousel') {
      if (surface !== 'message') problems.push(`${at} carousels are for messages`);
      const cards = (block.elements ?? []) as Json[];
      if (cards.length === 0 || cards.length > LIMITS.carouselCards)
        problems.push(`${at} ${cards.length} cards`);
      cards.forEach((card, c) => {
        const where = `${at} card ${c}`;
        if (card.type !== 'card') problems.push(`${where} of type ${card.type}`);
        const parts = [
          ['title', LIMITS.cardTitle],
          ['subtitle', LIMITS.cardSubtitle],
          ['body', LIMITS.cardBody],
        ] as const;
        for (const [part, max] of parts) {
          const text = card[part] as Json | undefined;
          if (text !== undefined && (text.type !== 'mrkdwn' || !text.text || length(text.text) > max))
            problems.push(`${where} ${part} length ${length(text.text)}`);
        }
        if (!card.title && !card.body && !card.actions && !card.hero_image) problems.push(`${where} empty`);
        buttonProblems(where, (card.actions ?? []) as Json[]);
      });
    }
    if (block.type === 'context_actions') {
      if (surface !== 'message') problems.push(`${at} context_actions are for messages`);
      const elements = (Array.isArray(block.elements) ? block.elements : []) as Json[];
      if (elements.length === 0 || elements.length > LIMITS.contextActionsElements)
        problems.push(`${at} ${elements.length} elements`);
      for (const element of elements) {
        if (element.action_id !== undefined) {
          const id = String(element.action_id);
          if (!id || length(id) > LIMITS.actionId) problems.push(`${at} bad action_id`);
          if (actionIds.has(id)) problems.push(`${at} duplicate action_id ${id}`);
          actionIds.add(id);
        }
        const plainText = (label: unknown, what: string) => {
          const text = label as Json | undefined;
          if (text?.type !== 'plain_text' || !text.text || length(text.text) > LIMITS.buttonText)
            problems.push(`${at} ${what} text must be plain_text of 1 to ${LIMITS.buttonText} characters`);
        };
        if (element.type === 'feedback_buttons') {
          for (const side of ['positive_button', 'negative_button'] as const) {
            const choice = element[side] as Json | undefined;
            plainText(choice?.text, side);
            if (
              typeof choice?.value !== 'string' ||
              !choice.value ||
              length(choice.value) > LIMITS.buttonValue
            )
              problems.push(`${at} ${side} value length ${length(choice?.value)}`);
            if (
              choice?.accessibility_label !== undefined &&
              length(choice.accessibility_label) > LIMITS.buttonText
            )
              problems.push(`${at} ${side} accessibility_label too long`);
          }
        } else if (element.type === 'icon_button') {
          plainText(element.text, 'icon_button');
          if (typeof element.icon !== 'string' || !element.icon)
            problems.push(`${at} icon_button without icon`);
        } else problems.push(`${at} element of type ${element.type}`);
      }
    }
    if (block.type === 'actions') {
      const elements = block.elements as Json[];
      if (elements.length === 0 || elements.length > LIMITS.actionsElements)
        problems.push(`${at} ${elements.length} elements`);
      buttonProblems(at, elements);
    }
  });
  function buttonProblems(at: string, elements: readonly Json[]): void {
    for (const element of elements) {
      const label = (element.text as Json | undefined)?.text;
      if (!label || length(label) > LIMITS.buttonText)
        problems.push(`${at} button text length ${length(label)}`);
      if (
        element.url !== undefined &&
        (length(element.url) > LIMITS.buttonUrl || !/^https?:\/\//.test(String(element.url)))
      )
        problems.push(`${at} bad url`);
      if (element.value !== undefined && length(element.value) > LIMITS.buttonValue)
        problems.push(`${at} value too long`);
      const id = String(element.action_id ?? '');
      if (!id || length(id) > LIMITS.actionId) problems.push(`${at} bad action_id`);
      if (actionIds.has(id)) problems.push(`${at} duplicate action_id ${id}`);
      actionIds.add(id);
    }
  }
  const total = textOf({ blocks }).reduce((sum, text) => sum + length(text), 0);
  if (total > LIMITS.totalBlockText) problems.push(`${total} characters of block text`);
  return problems;
}

/** Slack control sequences that would notify someone if they came from user text. */
export const PINGS = /<!(channel|here|everyone)|<!subteam\^|<@U(?!1>)[A-Z0-9]*>|<#C/;

/** Every string Slack parses as mrkdwn: the top-level text and each non-plain_text text object. */
export function mrkdwnTexts(payload: unknown, top = true): string[] {
  if (!payload || typeof payload !== 'object') return [];
  const node = payload as Json;
  const own = typeof node.text === 'string' && (top || node.type === 'mrkdwn') ? [node.text] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, value]) =>
      key === 'text' && typeof value === 'string' ? [] : mrkdwnTexts(value, false),
    ),
  ];
}

/** True when nothing Slack parses could notify anyone (plain_text is shown as typed and pings nobody). */
export function pingsNobody(payload: unknown): boolean {
  return mrkdwnTexts(payload).every((text) => !PINGS.test(text));
}
