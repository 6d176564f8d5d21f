import fc from 'fast-check';
import { type Answer, answerCommand, parse, type Shown } from '../../src/answer/answer';
import { message, section } from '../../src/blocks/kit';
import { md } from '../../src/blocks/mrkdwn';
import { STRINGS } from '../../src/blocks/strings';
import { feedbackBlock, thanksMessage, withFeedback } from '../../src/feedback/feedback-block';
import { clickKey, feedbackRecord } from '../../src/feedback/feedback-record';
import { encodeFeedbackValue, MAX_TERMS, parseFeedbackValue } from '../../src/feedback/feedback-value';
import { limitViolations, pingsNobody } from '../support/block-limits';
import { catalogContext } from '../support/catalog-context';
import { hostileText } from '../support/hostile-text';

// biome-ignore lint/suspicious/noExplicitAny: blocks are inspected freely; limitViolations checks their shape
type Json = Record<string, any>;

const ctx = catalogContext();
const { catalog } = ctx;
const card: Shown = { kind: 'card', ids: ['cilium'], language: 'en', terms: ['cilium'] };
const buttonsOf = (shown: Shown) => (feedbackBlock(shown) as Json).elements[0];
const parseBack = (value: unknown) => parseFeedbackValue(value, catalog);
const valueWith = (fields: Record<string, unknown>) =>
  JSON.stringify({ o: 'helpful', k: 'card', l: 'en', i: ['cilium'], q: ['cilium'], ...fields });

describe('the feedback block', () => {
  it('is one context_actions block holding Slack feedback buttons, labelled in the language of the answer', () => {
    expect(feedbackBlock(card)).toEqual({
      type: 'context_actions',
      elements: [
        {
          type: 'feedback_buttons',
          action_id: 'feedback',
          positive_button: {
            text: { type: 'plain_text', text: STRINGS.feedbackHelpful.en },
            value: expect.any(String),
          },
          negative_button: {
            text: { type: 'plain_text', text: STRINGS.feedbackNotHelpful.en },
            value: expect.any(String),
          },
        },
      ],
    });
    const zh = buttonsOf({ ...card, language: 'zh' });
    expect([zh.positive_button.text.text, zh.negative_button.text.text]).toEqual([
      STRINGS.feedbackHelpful.zh,
      STRINGS.feedbackNotHelpful.zh,
    ]);
    // asked in traditional Chinese, labelled so (帮 is 幫 there)
    expect(buttonsOf({ ...card, language: 'zh', traditional: true }).positive_button.text.text).toBe(
      '👍 有幫助',
    );
  });

  it('carries back what the answer showed, and which button was clicked', () => {
    const shortlist: Shown = {
      kind: 'shortlist',
      ids: ['pwru', 'retis', 'bcc'],
      language: 'zh',
      traditional: true,
      terms: ['追踪', '数据', '包'],
    };
    const { positive_button: yes, negative_button: no } = buttonsOf(shortlist);
    const { traditional: _, ...rest } = shortlist;
    expect(parseBack(yes.value)).toEqual({ outcome: 'helpful', ...rest, traditional: true });
    expect(parseBack(no.value)).toEqual({ outcome: 'not_helpful', ...rest, traditional: true });
    expect(parseBack(buttonsOf(card).negative_button.value)).toEqual({ outcome: 'not_helpful', ...card });
  });

  it('fits in 2,000 characters whatever was asked, dropping the last terms first', () => {
    // 40 letters outside the BMP take 80 UTF-16 units: 24 of them cannot all fit
    const long = Array.from({ length: 200 }, (_, i) => String.fromCodePoint(0x20000 + i).repeat(40));
    const huge: Shown = {
      kind: 'no_match',
      ids: catalog.entries.slice(0, 5).map((e) => e.id),
      language: 'zh',
      terms: long,
    };
    const value = buttonsOf(huge).positive_button.value as string;
    expect(value.length).toBeLessThanOrEqual(2000);
    const back = parseBack(value);
    expect(back?.ids).toEqual(huge.ids);
    expect(back?.terms.length).toBeGreaterThan(10);
    expect(back?.terms.length).toBeLessThan(MAX_TERMS);
    expect(back?.terms).toEqual(long.slice(0, back?.terms.length));
    // more terms than a question keeps are cut to what a value may carry; noise words are left out
    const many = Array.from({ length: 100 }, (_, i) => `term${i}`);
    expect(
      parseBack(encodeFeedbackValue({ ...card, terms: ['x'.repeat(41), ...many] }, 'helpful'))?.terms,
    ).toEqual(many.slice(0, MAX_TERMS));
  });

  it('stays valid under a real answer to a 5,000 character question', async () => {
    const answer = await answerCommand(
      parse(`cilium ${'x'.repeat(5000)} ${'word '.repeat(900)}`, ctx),
      ctx,
      'asker',
    );
    const withIt = withFeedback(answer) as Json;
    expect(limitViolations(withIt)).toEqual([]);
    const block = withIt.blocks.at(-1);
    expect(block.type).toBe('context_actions');
    expect(parseBack(block.elements[0].positive_button.value)?.ids).toEqual(answer.shown?.ids);
  });
});

describe('reading a value back', () => {
  it.each([
    ['no value', undefined],
    ['a number', 7],
    ['not JSON', '{"o":"helpful"'],
    ['JSON null', 'null'],
    ['a JSON array', '[]'],
    ['a JSON string', '"helpful"'],
    ['over 2,000 characters', valueWith({ q: ['a'.repeat(2000)] })],
    ['an unknown kind', valueWith({ k: 'essay' })],
    ['a kind from the prototype', valueWith({ k: 'toString' })],
    ['an unknown outcome', valueWith({ o: 'meh' })],
    ['an unknown language', valueWith({ l: 'fr' })],
    ['traditional English', valueWith({ h: 1 })],
    ['a field of its own', valueWith({ user: 'U1' })],
    ['a __proto__ field', valueWith({}).replace('{', '{"__proto__":{"o":"x"},')],
    ['ids that are not a list', valueWith({ i: 'cilium' })],
    ['ids that are not strings', valueWith({ i: [{ id: 'cilium' }] })],
    ['more ids than an answer shows', valueWith({ i: Array.from({ length: 11 }, () => 'cilium') })],
    ['more terms than a question keeps', valueWith({ q: Array.from({ length: 25 }, (_, i) => `t${i}`) })],
    ['a term that is not a string', valueWith({ q: [['cilium']] })],
    ['no terms', valueWith({ q: undefined })],
  ])('rejects %s', (_, value) => {
    expect(parseBack(value)).toBeUndefined();
  });

  it('drops projects not in the catalog and terms that are not normalised words, once each', () => {
    const back = parseBack(
      valueWith({
        i: ['cilium', 'no-such-project', 'cilium', 'constructor'],
        q: ['packet', '<!channel>', '<@U999>', 'x'.repeat(41), 'drop packet', '', 'packet', 'c++', '丢包'],
      }),
    );
    expect(back).toEqual({
      outcome: 'helpful',
      kind: 'card',
      language: 'en',
      ids: ['cilium'],
      terms: ['packet', 'c++', '丢包'],
    });
  });

  it('never throws and never lets through what it was not built from, whatever comes back', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText(3000),
          fc.json(),
          fc
            .record({
              o: fc.constantFrom('helpful', 'not_helpful', 'x'),
              k: fc.constantFrom('card', 'off_topic', 'essay'),
              l: fc.constantFrom('en', 'zh'),
              i: fc.array(fc.oneof(fc.constantFrom('cilium', 'falco'), hostileText(20)), { maxLength: 12 }),
              q: fc.array(hostileText(30), { maxLength: 30 }),
            })
            .map((fields) => JSON.stringify(fields)),
        ),
        (value) => {
          const back = parseBack(value);
          if (!back) return;
          for (const id of back.ids) expect(catalog.byId.has(id)).toBe(true);
          for (const term of back.terms) expect(term).toMatch(/^[\p{L}\p{N}+#]{1,40}$/u);
          expect(back.terms.length).toBeLessThanOrEqual(MAX_TERMS);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('withFeedback', () => {
  const plain = message(md`help`, [section(md`help`)]);

  it('adds the block under answers to a question, off-topic ones too, and leaves other replies alone', async () => {
    const answer = await answerCommand(parse('how do I set up a VPN on my mac', ctx), ctx, 'everyone');
    expect(answer.shown?.kind).toBe('off_topic');
    const blocks = withFeedback(answer).blocks;
    expect(blocks).toHaveLength(answer.message.blocks.length + 1);
    expect(blocks.at(-1)?.type).toBe('context_actions');
    const help: Answer = { message: plain };
    expect(withFeedback(help)).toBe(plain);
  });

  it('never takes a message past 50 blocks', () => {
    const of = (count: number): Answer => ({
      message: message(
        md`many`,
        Array.from({ length: count }, (_, i) => section(md`${i}`)),
      ),
      shown: card,
    });
    expect(withFeedback(of(49)).blocks).toHaveLength(50);
    expect(withFeedback(of(50)).blocks).toHaveLength(50);
    expect(withFeedback(of(50)).blocks.some((block) => block.type === 'context_actions')).toBe(false);
  });
});

describe('what a click leaves behind', () => {
  it('thanks in the language and script of the answer, pinging nobody', () => {
    const value = { outcome: 'helpful', ...card } as const;
    expect(thanksMessage(value).text).toBe(STRINGS.feedbackThanks.en.text);
    expect(thanksMessage({ ...value, language: 'zh' }).text).toBe(STRINGS.feedbackThanks.zh.text);
    expect(thanksMessage({ ...value, language: 'zh', traditional: true }).text).toBe('謝謝你的反饋。');
    expect(limitViolations(thanksMessage(value))).toEqual([]);
    expect(pingsNobody(thanksMessage(value))).toBe(true);
  });

  it('keeps what was shown and how it was judged, nothing of who judged it', () => {
    const at = new Date('2026-02-01T12:00:00Z');
    const record = feedbackRecord(
      'T:T1',
      { outcome: 'not_helpful', ...card },
      { messageTs: '1.1', actionTs: '2.2' },
      at,
    );
    expect(Object.keys(record).sort()).toEqual([
      'at',
      'click',
      'ids',
      'installation',
      'kind',
      'language',
      'outcome',
      'terms',
    ]);
    expect(record).toMatchObject({
      installation: 'T:T1',
      at,
      outcome: 'not_helpful',
      kind: 'card',
      ids: ['cilium'],
    });
    // one click delivered twice has one key; another click, message or workspace another
    const key = clickKey('T:T1', { messageTs: '1.1', actionTs: '2.2' });
    expect(record.click).toBe(key);
    expect(key).not.toContain('1.1');
    for (const other of [
      clickKey('T:T2', { messageTs: '1.1', actionTs: '2.2' }),
      clickKey('T:T1', { messageTs: '1.2', actionTs: '2.2' }),
      clickKey('T:T1', { messageTs: '1.1', actionTs: '2.3' }),
    ])
      expect(other).not.toBe(key);
  });
});
