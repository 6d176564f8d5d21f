import fc from 'fast-check';

/** Text with everything that breaks chat apps mixed in: mentions, entities, RTL marks, lone surrogates. */
export const hostileText = (maxLength: number) =>
  fc
    .array(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.constantFrom(
          '<!channel>',
          '<!here>',
          '<@U999>',
          '<#C1|x>',
          '<!subteam^S1>',
          '&amp;',
          '<',
          '>',
          '&',
          '\u202e',
          '\u200f',
          '\uD800',
          '\uDFFF',
          '\u0000',
          '\u001b[31m',
          '🐝',
          '中文',
          'cilium',
          ' ',
        ),
      ),
      { maxLength: 40 },
    )
    .map((parts) => [...parts.join('')].slice(0, maxLength).join(''))
    .filter((text) => text.trim().length > 0);
