/**
 * Escapes text for Slack mrkdwn: only &, < and > are special, and escaping them turns `<!channel>`
 * or `<@U123>` typed by a user into plain text that pings nobody.
 */
export function escapeMrkdwn(text: string): string {
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Control characters other than tab and newline have no business in a chat message, and a lone
 * surrogate is not text at all (it becomes U+FFFD, as any UTF-8 encoder would make it).
 */
export function stripControl(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  );
}

/** User text made safe to echo back: no control characters, no mention or link syntax. */
export function echo(text: string, max: number): string {
  const chars = [...stripControl(text).replace(/\s+/g, ' ').trim()];
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
  return escapeMrkdwn(cut);
}
