import fc from 'fast-check';
import {
  echo,
  echoCode,
  joinMd,
  link,
  Mrkdwn,
  md,
  mention,
  plain,
  truncateMd,
} from '../../src/blocks/mrkdwn';
import { truncateGraphemes } from '../../src/text/graphemes';

describe('mrkdwn is made only from escaped values', () => {
  it('keeps template literals and escapes every value', () => {
    expect(md`*${'<!channel> & co'}*`.text).toBe('*&lt;!channel&gt; &amp; co*');
    expect(md`${3} of ${md`_${'<@U1>'}_`}`.text).toBe('3 of _&lt;@U1&gt;_');
    expect(joinMd(['<a>', md`*b*`], ' & ').text).toBe('&lt;a&gt; &amp; *b*');
  });

  it('cannot be constructed outside its module', () => {
    const Forged = Mrkdwn as unknown as new (key: unknown, text: string) => Mrkdwn;
    expect(() => new Forged(Symbol('mrkdwn'), '<!channel>')).toThrow(TypeError);
  });

  it('links only URLs that cannot break out of the link syntax', () => {
    expect(link('https://cilium.io', 'Cilium <b>').text).toBe('<https://cilium.io|Cilium &lt;b&gt;>');
    expect(link('https://x.io|<!here>', 'X').text).toBe('X');
    expect(link('javascript:alert(1)', 'X').text).toBe('X');
  });

  it('mentions only user ids', () => {
    expect(mention('U123ABC').text).toBe('<@U123ABC>');
    expect(mention('!channel').text).toBe('!channel');
    expect(mention('U1><!here').text).toBe('U1&gt;&lt;!here');
  });

  it('echoes user text on one line, without control characters or lone surrogates', () => {
    expect(echo(' a\n\tb\u0007 \uD800 ', 50).text).toBe('a b \uFFFD');
    expect(echoCode('x`y<', 10).text).toBe('`xʼy&lt;`');
  });
});

describe('echoed text shows what it says', () => {
  it.each([
    ['a right-to-left override that shows exe.txt for txt.exe', 'invoice\u202Etxt.exe', 'invoicetxt.exe'],
    ['isolates and marks', '\u2067cilium\u2069 \u200Ffalco\u200E', 'cilium falco'],
    ['a zero-width space inside a name', 'cil\u200Bium', 'cilium'],
    ['a byte-order mark and a word joiner', '\uFEFFtetra\u2060gon', 'tetragon'],
    ['a joiner between letters', 'bp\u200Dftrace', 'bpftrace'],
  ])('removes %s', (_what, input, expected) => {
    expect(echo(input, 100).text).toBe(expected);
  });

  it.each([
    ['an emoji family (joiners between emoji)', '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'],
    ['a Persian word with a non-joiner', '\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645'],
  ])('keeps %s', (_what, input) => {
    expect(echo(input, 100).text).toBe(input);
  });
});

describe('truncation never splits a character, an entity or a link', () => {
  it('cuts by grapheme', () => {
    expect(truncateGraphemes('🐝🐝🐝', 2)).toBe('🐝…');
    expect(truncateGraphemes('👩‍👩‍👧👩‍👩‍👧', 1)).toBe('…');
    expect(truncateGraphemes('👩‍👩‍👧👩‍👩‍👧', 2)).toBe('👩‍👩‍👧👩‍👩‍👧');
    expect(truncateGraphemes('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
  });

  it('backs out of a half entity or a half link', () => {
    expect(truncateMd(plain('ab&cdef'), 5).text).toBe('ab…');
    expect(truncateMd(md`x ${link('https://a.io/long/path', 'A')} y`, 8).text).toBe('x…');
    expect(truncateMd(plain('short'), 5).text).toBe('short');
  });

  it('keeps every cut well formed and within its limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.integer({ min: 1, max: 40 }),
        (text, max) => {
          const cut = truncateMd(plain(text), max).text;
          expect(cut.isWellFormed()).toBe(true);
          expect([...new Intl.Segmenter().segment(cut)].length).toBeLessThanOrEqual(max);
          expect(cut).not.toMatch(/&[a-z]*$|&[a-z]*…$/);
        },
      ),
      { numRuns: 500 },
    );
  });
});
