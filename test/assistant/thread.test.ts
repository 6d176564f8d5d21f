import { threadAnswer } from '../../src/assistant/reply';
import {
  ANSWER_EVENT,
  answerMetadata,
  readThread,
  THREAD_EVENT,
  type ThreadMessage,
} from '../../src/assistant/thread';
import { STRINGS } from '../../src/blocks/strings';
import { limitViolations } from '../support/block-limits';
import { catalogContext } from '../support/catalog-context';

const isBot = (message: ThreadMessage) => message.bot_id === 'BBOT';

describe('what a thread remembers', () => {
  const answer = (ids: string, by = 'BBOT'): ThreadMessage => ({
    ts: String(Math.random()),
    bot_id: by,
    metadata: { event_type: ANSWER_EVENT, event_payload: { kind: 'shortlist', ids, language: 'en' } },
  });

  it('reads the latest answer, the greeting and its channel, and counts the user messages', () => {
    const state = readThread(
      [
        { ts: '1.0', user: 'U1' },
        {
          ts: '1.1',
          bot_id: 'BBOT',
          metadata: { event_type: THREAD_EVENT, event_payload: { channel_id: 'C42' } },
        },
        { ts: '1.2', user: 'U1' },
        answer('aya,libbpf'),
        { ts: '1.4', user: 'U1' },
        answer('cilium,calico'),
      ],
      isBot,
    );
    expect(state).toEqual({
      greetingTs: '1.1',
      contextChannel: 'C42',
      lastShown: { kind: 'shortlist', ids: ['cilium', 'calico'], language: 'en' },
      userMessages: 2,
    });
  });

  it('trusts only its own messages and only well-formed payloads', () => {
    const state = readThread(
      [
        {
          ts: '3',
          bot_id: 'BBOT',
          metadata: { event_type: THREAD_EVENT, event_payload: { channel_id: '<#C1>' } },
        },
        answer('aya'),
        answer('cilium', 'BOTHER'),
        answer('<!channel>'),
        answer('a,b,c,d,e,f'),
        {
          ts: '2',
          bot_id: 'BBOT',
          metadata: { event_type: ANSWER_EVENT, event_payload: { kind: 'hack', ids: 'aya', language: 'en' } },
        },
      ],
      isBot,
    );
    expect(state.lastShown?.ids).toEqual(['aya']);
    expect(state.greetingTs).toBe('3');
    expect(state.contextChannel).toBeUndefined();
    // Another app's message counts as a message from someone else.
    expect(state.userMessages).toBe(1);
  });

  it('round-trips what an answer showed through its metadata', () => {
    const shown = { kind: 'comparison', ids: ['falco', 'tetragon'], language: 'zh' } as const;
    expect(
      readThread([{ ts: '1', bot_id: 'BBOT', metadata: answerMetadata(shown) }], isBot).lastShown,
    ).toEqual(shown);
  });
});

describe('an answer in a thread', () => {
  const ctx = catalogContext();
  const header = (blocks: readonly { type: string; text?: { text: string } }[]) =>
    blocks.find((block) => block.type === 'header')?.text?.text;
  const previous = { kind: 'shortlist', ids: ['cilium-ebpf', 'aya', 'libbpf-rs'], language: 'en' } as const;

  it('narrows the list it showed and keeps the narrowed list for the next follow-up', () => {
    const reply = threadAnswer('which of them is written in Rust?', { lastShown: previous }, ctx);
    expect(limitViolations(reply.message)).toEqual([]);
    expect(reply.message.text).toContain('Aya');
    expect(reply.message.text).not.toContain('cilium/ebpf');
    expect(reply.kept).toEqual({ kind: 'shortlist', ids: ['aya', 'libbpf-rs'], language: 'en' });
    expect(reply.shown?.kind).toBe('shortlist');
  });

  it('opens a position as a card and keeps the list, so the next position counts from it', () => {
    const reply = threadAnswer('the second one', { lastShown: previous }, ctx);
    expect(header(reply.message.blocks as never)).toBe('Aya');
    expect(reply.kept).toEqual(previous);
    expect(reply.shown).toMatchObject({ kind: 'card', ids: ['aya'] });
  });

  it('says when nothing is left, in the question’s language and script', () => {
    const none = threadAnswer('只要 Apache 許可的，用 Python 寫的', { lastShown: previous }, ctx);
    expect(none.kept).toEqual(previous);
    expect(none.message.text).toBe('上面的專案裡沒有用 Python 寫的。');
  });

  it('answers a new question as a new question, and one it cannot read as a follow-up with a note', () => {
    const fresh = threadAnswer('cilium vs calico', { lastShown: previous }, ctx);
    expect(fresh.kept).toMatchObject({ kind: 'comparison', ids: ['cilium', 'calico'] });
    const unclear = threadAnswer('which of them is the nicest?', { lastShown: previous }, ctx);
    expect(JSON.stringify(unclear.message.blocks[0])).toContain(STRINGS.followUpUnclear.en.text);
    expect(limitViolations(unclear.message)).toEqual([]);
  });
});
