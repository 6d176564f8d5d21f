import fc from 'fast-check';
import { ACTIONS } from '../../src/blocks/card';
import { LIMITS } from '../../src/blocks/limits';
import { STRINGS } from '../../src/blocks/strings';
import {
  parseThreadPostValue,
  postInThreadBlock,
  questionOf,
  threadPostValue,
} from '../../src/blocks/thread-post';
import { MAX_QUERY_CHARS } from '../../src/search/query';
import { hostileText } from '../support/hostile-text';

/** The "Post in thread" button of the message shortcut: what its value carries, and how it is read back. */

const post = { channel: 'C0123ABCD', threadTs: '1700000000.000100', question: 'what is cilium?' };

describe('the question a message shortcut reads', () => {
  it('is the message text without control or invisible characters, trimmed', () => {
    expect(questionOf('  what is\u0000 cil\u200bium?\u202e \n')).toBe('what is cilium?');
    expect(questionOf('介绍一下 eCapture')).toBe('介绍一下 eCapture');
    expect(questionOf('')).toBe('');
    expect(questionOf(' \u200b\u0007 ')).toBe('');
  });

  it('is cut to what search reads, never inside a surrogate pair', () => {
    expect(questionOf(`cilium ${'x'.repeat(40_000)}`)).toHaveLength(MAX_QUERY_CHARS);
    const bees = questionOf(`a${'🐝'.repeat(400)}`);
    expect(bees.isWellFormed()).toBe(true);
    expect(bees.length).toBe(MAX_QUERY_CHARS - 1);
  });
});

describe('the Post in thread button', () => {
  it('carries the conversation, the thread and the question, and reads them back', () => {
    const block = postInThreadBlock(post, 'zh') as unknown as { elements: Record<string, unknown>[] };
    const [button] = block.elements;
    expect(button).toMatchObject({
      action_id: ACTIONS.postInThread,
      text: { text: STRINGS.postInThread.zh },
    });
    expect(parseThreadPostValue(button?.value)).toEqual(post);
  });

  it('fits any message text in a button value, and reads back exactly what it carried', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(400), fc.string({ unit: 'binary', maxLength: 5000 })), (text) => {
        const question = questionOf(text);
        fc.pre(question.length > 0);
        const value = threadPostValue({ ...post, question });
        expect([...value].length).toBeLessThanOrEqual(LIMITS.buttonValue);
        expect(value).not.toMatch(/[<>&]/);
        expect(parseThreadPostValue(value)).toEqual({ ...post, question });
      }),
      { numRuns: 500 },
    );
    for (const worst of ['<', '"\\', '&>'].map((chars) => questionOf(chars.repeat(10_000)))) {
      const value = threadPostValue({ ...post, channel: `C${'X'.repeat(30)}`, question: worst });
      expect(value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
      expect(parseThreadPostValue(value)?.question).toBe(worst);
    }
  });

  it.each([
    ['nothing', undefined],
    ['not JSON', 'cilium'],
    ['JSON but no object', '"x"'],
    ['null', 'null'],
    ['a list', '["C1","1.2","q"]'],
    [
      'a channel that is not an id',
      JSON.stringify({ ...JSON.parse(threadPostValue(post)), channel: '<!channel>' }),
    ],
    ['a user id as channel', JSON.stringify({ ...JSON.parse(threadPostValue(post)), channel: 'U123ABC' })],
    [
      'a timestamp that is not one',
      JSON.stringify({ ...JSON.parse(threadPostValue(post)), thread_ts: '1.2.3' }),
    ],
    ['an empty question', JSON.stringify({ ...JSON.parse(threadPostValue(post)), question: '' })],
    [
      'a question too long',
      JSON.stringify({ ...JSON.parse(threadPostValue(post)), question: 'x'.repeat(301) }),
    ],
    [
      'a question with control characters',
      JSON.stringify({ ...JSON.parse(threadPostValue(post)), question: 'a\u0000b' }),
    ],
    [
      'a question of another type',
      JSON.stringify({ ...JSON.parse(threadPostValue(post)), question: ['cilium'] }),
    ],
    ['a huge value', `{"channel":"C1","thread_ts":"1.2","question":"${'x'.repeat(5000)}"}`],
  ])('refuses %s', (_, value) => {
    expect(parseThreadPostValue(value)).toBeUndefined();
  });
});
