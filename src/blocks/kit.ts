import type {
  ActionsBlock,
  Button,
  CardBlock,
  FeedbackButtons,
  ImageElement,
  KnownBlock,
  RawTextElement,
  RichTextBlock,
} from '@slack/types';
import { truncateGraphemes } from '../text/graphemes';
import { LIMITS } from './limits';
import { type Mrkdwn, truncateMd } from './mrkdwn';

declare const built: unique symbol;

/**
 * A Block Kit block made by the builders below. Its mrkdwn came from a Mrkdwn value, so it is escaped;
 * an object literal is not a Block, which keeps unescaped text out of every message by construction.
 */
export type Block = KnownBlock & { readonly [built]: true };

/** A message as every surface sends it: blocks plus the `text` notifications show (mrkdwn too). */
export interface Message {
  readonly text: string;
  readonly blocks: Block[];
  readonly [built]: true;
}

const asBlock = (block: KnownBlock) => block as Block;
const mrkdwn = (text: Mrkdwn, max: number) => ({ type: 'mrkdwn' as const, text: truncateMd(text, max).text });

export function message(text: Mrkdwn, blocks: readonly Block[]): Message {
  return { text: truncateMd(text, LIMITS.fallbackText).text, blocks: [...blocks] } as unknown as Message;
}

/** The same message with more blocks after its own. */
export function withBlocks(base: Message, more: readonly Block[]): Message {
  return more.length === 0
    ? base
    : ({ text: base.text, blocks: [...base.blocks, ...more] } as unknown as Message);
}

/** The same message with a note before its own blocks, still within Slack's block count. */
export function withNote(base: Message, note: Block): Message {
  return {
    text: base.text,
    blocks: [note, ...base.blocks].slice(0, LIMITS.messageBlocks),
  } as unknown as Message;
}

export function section(
  text: Mrkdwn,
  fields: readonly Mrkdwn[] = [],
  accessory?: Button | ImageElement,
): Block {
  return asBlock({
    type: 'section',
    text: mrkdwn(text, LIMITS.sectionText),
    ...(fields.length > 0 && { fields: fields.map((field) => mrkdwn(field, LIMITS.fieldText)) }),
    ...(accessory && { accessory }),
  });
}

export function context(...elements: Mrkdwn[]): Block {
  return asBlock({
    type: 'context',
    elements: elements.map((element) => mrkdwn(element, LIMITS.sectionText)),
  });
}

/** Plain text, which Slack never reads as a mention or link. */
export function header(text: string): Block {
  return asBlock({
    type: 'header',
    text: { type: 'plain_text', text: truncateGraphemes(text, LIMITS.headerText), emoji: false },
  });
}

export function divider(): Block {
  return asBlock({ type: 'divider' });
}

export function actions(elements: readonly Button[], blockId?: string): Block {
  const block: ActionsBlock = { type: 'actions', elements: [...elements] };
  if (blockId) block.block_id = blockId.slice(0, LIMITS.blockId);
  return asBlock(block);
}

export interface ButtonOptions {
  readonly actionId: string;
  readonly url?: string;
  readonly value?: string;
  readonly style?: 'primary' | 'danger';
}

export interface CardParts {
  readonly title: Mrkdwn;
  readonly subtitle?: Mrkdwn;
  readonly body?: Mrkdwn;
  readonly actions?: readonly Button[];
}

/** Cards side by side (Slack's newer `carousel` of `card` blocks); the message's text stays the fallback. */
export function carousel(cards: readonly CardParts[]): Block {
  const elements: CardBlock[] = cards.slice(0, LIMITS.carouselCards).map((card) => ({
    type: 'card',
    title: mrkdwn(card.title, LIMITS.cardTitle),
    ...(card.subtitle && { subtitle: mrkdwn(card.subtitle, LIMITS.cardSubtitle) }),
    ...(card.body && { body: mrkdwn(card.body, LIMITS.cardBody) }),
    ...(card.actions && card.actions.length > 0 && { actions: [...card.actions] }),
  }));
  return asBlock({ type: 'carousel', elements });
}

/** One of the two buttons of `feedbackButtons`: its label (plain text) and the value a click sends back. */
export interface FeedbackChoice {
  readonly label: string;
  readonly value: string;
}

/** A context_actions block holding Slack's thumbs up and down control, under one action id. */
export function feedbackButtons(actionId: string, positive: FeedbackChoice, negative: FeedbackChoice): Block {
  const choice = (of: FeedbackChoice): FeedbackButtons['positive_button'] => ({
    text: { type: 'plain_text', text: truncateGraphemes(of.label, LIMITS.buttonText) },
    value: of.value.slice(0, LIMITS.buttonValue),
  });
  return asBlock({
    type: 'context_actions',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: actionId.slice(0, LIMITS.actionId),
        positive_button: choice(positive),
        negative_button: choice(negative),
      },
    ],
  });
}

/** A picture beside a section's text; undefined when the URL could not be shown. */
export function image(url: string, altText: string): ImageElement | undefined {
  if (!/^https:\/\/\S+$/.test(url) || url.length > LIMITS.imageUrl) return undefined;
  return { type: 'image', image_url: url, alt_text: truncateGraphemes(altText, LIMITS.altText) };
}

/** A button; its label is plain text. */
export function button(label: string, options: ButtonOptions): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncateGraphemes(label, LIMITS.buttonText) },
    action_id: options.actionId.slice(0, LIMITS.actionId),
    ...(options.url && { url: options.url.slice(0, LIMITS.buttonUrl) }),
    ...(options.value !== undefined && { value: options.value.slice(0, LIMITS.buttonValue) }),
    ...(options.style && { style: options.style }),
  };
}

/** A table cell: plain text, which Slack never reads as markup, or a link. */
export type TableCell = RawTextElement | RichTextBlock;

export function textCell(text: string): TableCell {
  return { type: 'raw_text', text: truncateGraphemes(text || '-', LIMITS.tableCellText) };
}

export function linkCell(url: string, label: string): TableCell {
  return {
    type: 'rich_text',
    elements: [
      {
        type: 'rich_text_section',
        elements: [
          {
            type: 'link',
            url: url.slice(0, LIMITS.buttonUrl),
            text: truncateGraphemes(label, LIMITS.tableCellText),
          },
        ],
      },
    ],
  };
}

/** Rows of cells, the first a header row; wrapped so that long cells stay readable. One per message. */
export function table(rows: readonly (readonly TableCell[])[]): Block {
  const width = Math.min(rows[0]?.length ?? 0, LIMITS.tableColumns);
  return asBlock({
    type: 'table',
    column_settings: Array.from({ length: width }, () => ({ is_wrapped: true })),
    rows: rows.slice(0, LIMITS.tableRows).map((row) => row.slice(0, width)),
  });
}
