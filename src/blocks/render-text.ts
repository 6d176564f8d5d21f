import type { Button, KnownBlock } from '@slack/types';
import type { Message } from './kit';

export interface RenderStyle {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

export const PLAIN: RenderStyle = { bold: (text) => text, dim: (text) => text };
export const ANSI: RenderStyle = {
  bold: (text) => `\x1b[1m${text}\x1b[22m`,
  dim: (text) => `\x1b[2m${text}\x1b[22m`,
};

/** Slack mrkdwn as a terminal shows it: links as "label (url)", entities decoded, *bold* styled. */
function mrkdwn(text: string, style: RenderStyle): string {
  return text
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/:warning:/g, '⚠')
    .replace(/\*([^*\n]+)\*/g, (_, inner: string) => style.bold(inner))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function buttonLine(button: Button): string {
  const label = `[${button.text.text}]`;
  return button.url ? `${label} ${button.url}` : `${label} (button)`;
}

function renderBlock(block: KnownBlock, style: RenderStyle): string[] {
  switch (block.type) {
    case 'header':
      return [style.bold(block.text.text.toUpperCase())];
    case 'section': {
      const lines = block.text ? [mrkdwn(block.text.text, style)] : [];
      for (const field of block.fields ?? []) lines.push(mrkdwn(field.text, style).replace('\n', ': '));
      if (block.accessory?.type === 'image') lines.push(style.dim(`[picture: ${block.accessory.alt_text}]`));
      return lines;
    }
    case 'context':
      return block.elements.map((element) => style.dim('text' in element ? mrkdwn(element.text, style) : ''));
    case 'actions':
      return block.elements.map((element) => (element.type === 'button' ? buttonLine(element) : ''));
    case 'carousel':
      return block.elements.flatMap((card) => [
        [card.title, card.subtitle].flatMap((part) => (part ? [mrkdwn(part.text, style)] : [])).join(' · '),
        ...(card.body ? [mrkdwn(card.body.text, style)] : []),
        ...(card.actions ?? []).map(buttonLine),
      ]);
    case 'context_actions':
      return block.elements.map((element) =>
        element.type === 'feedback_buttons'
          ? style.dim(
              `[${element.positive_button.text.text}] [${element.negative_button.text.text}] (feedback)`,
            )
          : '',
      );
    case 'divider':
      return ['─'.repeat(40)];
    default:
      return [];
  }
}

/** A message the way the Slack client would lay it out, for the terminal of local mode. */
export function renderText(message: Message, style: RenderStyle = PLAIN): string {
  return message.blocks.flatMap((block) => renderBlock(block, style)).join('\n');
}
