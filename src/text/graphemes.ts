const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts text to at most `max` user-perceived characters, ending with an ellipsis when it had to cut.
 * Cutting by grapheme never splits a surrogate pair, an emoji sequence or a letter from its accent.
 */
export function truncateGraphemes(text: string, max: number): string {
  // A grapheme is at least one UTF-16 unit, so text this short cannot be over the limit.
  if (text.length <= max) return text;
  let kept = 0;
  let end = 0;
  for (const { index } of segmenter.segment(text)) {
    if (kept === max - 1) end = index;
    if (kept === max) return `${text.slice(0, end).trimEnd()}…`;
    kept++;
  }
  return text;
}
