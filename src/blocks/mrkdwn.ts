import { truncateGraphemes } from '../text/graphemes';

/** Not exported: nothing outside this module can construct a Mrkdwn. */
const MAKER = Symbol('mrkdwn');

/**
 * Text that is safe to send to Slack as mrkdwn. Only this module makes one: template literals written
 * in our code are trusted, and every value put into them is escaped, so text a user typed (or a
 * catalog contributor wrote) can never become a mention, a broadcast or a link.
 */
export class Mrkdwn {
  constructor(
    key: typeof MAKER,
    readonly text: string,
  ) {
    if (key !== MAKER) throw new TypeError('Mrkdwn is made by md``, plain(), link() and friends');
  }
}

const make = (text: string) => new Mrkdwn(MAKER, text);

/** Any value that may go into mrkdwn: strings and numbers are escaped, Mrkdwn is kept as it is. */
export type MrkdwnValue = string | number | Mrkdwn;

/**
 * Escapes text for Slack mrkdwn: only &, < and > are special, and escaping them turns `<!channel>`
 * or `<@U123>` into plain text that pings nobody.
 */
export function escapeMrkdwn(text: string): string {
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function piece(value: MrkdwnValue): string {
  return value instanceof Mrkdwn ? value.text : escapeMrkdwn(String(value));
}

/** md`*${title}*: ${summary}`: the literal parts as written, every value escaped. */
export function md(strings: TemplateStringsArray, ...values: readonly MrkdwnValue[]): Mrkdwn {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += piece(value) + (strings[i + 1] ?? '');
  });
  return make(text);
}

/** Plain text (catalog or user text) as mrkdwn: escaped. */
export function plain(text: string): Mrkdwn {
  return make(escapeMrkdwn(text));
}

export function joinMd(parts: readonly MrkdwnValue[], separator: string): Mrkdwn {
  return make(parts.map(piece).join(escapeMrkdwn(separator)));
}

const LINKABLE = /^https:\/\/[^\s<>|]+$/;

/** `<url|label>`; a URL that could break out of the link syntax is shown as the label alone. */
export function link(url: string, label: string): Mrkdwn {
  return LINKABLE.test(url) ? make(`<${url}|${escapeMrkdwn(label)}>`) : plain(label);
}

/** A mention of a user id that came from Slack itself (never from message text). */
export function mention(userId: string): Mrkdwn {
  return /^[UW][A-Z0-9]{1,24}$/.test(userId) ? make(`<@${userId}>`) : plain(userId);
}

/**
 * Invisible characters that change how the text around them reads: bidirectional overrides, embeddings,
 * isolates and marks (which can show `exe.txt` as `txt.exe`), and zero-width spaces and joiners (which
 * hide words or make two names look alike). A joiner between two emoji, and a non-joiner between two
 * letters (Persian, Indic scripts), is kept: there it is part of the text.
 */
const INVISIBLE =
  /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})|(?<!\p{L}\p{M}*)\u200c|\u200c(?!\p{L})/gu;

/**
 * Control characters other than tab and newline have no business in a chat message, nor have the
 * invisible characters above; a lone surrogate is not text at all (it becomes U+FFFD, as any UTF-8
 * encoder would make it).
 */
export function stripControl(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
      .replace(INVISIBLE, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  );
}

/** What a user typed, to quote back: one line, no control characters, at most `max` characters. */
export function echo(text: string, max: number): Mrkdwn {
  return plain(truncateGraphemes(stripControl(text).replace(/\s+/g, ' ').trim(), max));
}

/** What a user typed, quoted as `code` (a backtick would end the code span, so it becomes ʼ). */
export function echoCode(text: string, max: number): Mrkdwn {
  return md`\`${echo(text.replace(/`/g, 'ʼ'), max)}\``;
}

/**
 * Cuts mrkdwn to `max` characters without leaving half an entity (`&am…`) or half a link: a cut
 * inside either moves back to before it.
 */
export function truncateMd(value: Mrkdwn, max: number): Mrkdwn {
  const cut = truncateGraphemes(value.text, max);
  if (cut === value.text) return value;
  const body = cut.slice(0, -1);
  const openLink = body.lastIndexOf('<');
  const openEntity = body.lastIndexOf('&');
  let end = body.length;
  if (openLink > body.lastIndexOf('>')) end = openLink;
  if (openEntity > body.lastIndexOf(';') && openEntity >= body.length - 5) end = Math.min(end, openEntity);
  return make(`${body.slice(0, end).trimEnd()}…`);
}
