import { type AnswerKind, isAnswerKind, type Shown } from '../answer/answer';
import type { Language } from '../blocks/strings';
import { CONVERSATION_ID } from '../web-api/slack-ids';

/**
 * A thread remembers itself in the metadata of the bot's own messages (Slack keeps it with the message),
 * so any replica in any workspace can read what a thread showed with one `conversations.replies`, and
 * nothing about a conversation is stored on our side.
 */
export const ANSWER_EVENT = 'ebpf_bot_answer';
/** On the greeting of an assistant thread: the channel the user was looking at. */
export const THREAD_EVENT = 'ebpf_bot_assistant_thread';

export interface MessageMetadata {
  readonly event_type: string;
  readonly event_payload: Record<string, string>;
}

/** What a thread's answer showed, as kept in its metadata. */
export interface ShownInThread {
  readonly kind: AnswerKind;
  readonly ids: readonly string[];
  readonly language: Language;
}

export function answerMetadata(shown: ShownInThread): MessageMetadata {
  return {
    event_type: ANSWER_EVENT,
    event_payload: { kind: shown.kind, ids: shown.ids.join(','), language: shown.language },
  };
}

export function threadMetadata(contextChannel: string | undefined): MessageMetadata {
  return { event_type: THREAD_EVENT, event_payload: { channel_id: contextChannel ?? '' } };
}

/** A message as `conversations.replies` returns it, with the fields read here. */
export interface ThreadMessage {
  readonly ts?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly text?: string;
  readonly blocks?: unknown[];
  readonly metadata?: { readonly event_type?: string; readonly event_payload?: unknown };
}

export interface ThreadState {
  /** The greeting of an assistant thread (split view), when the bot posted one. */
  readonly greetingTs?: string;
  /** The channel the user had open beside the assistant, as Slack last told it. */
  readonly contextChannel?: string;
  /** What the latest answer in the thread showed. */
  readonly lastShown?: ShownInThread;
  /** Messages in the thread not written by the bot (after the greeting, in an assistant thread). */
  readonly userMessages: number;
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function payloadOf(message: ThreadMessage, eventType: string): Record<string, unknown> | undefined {
  const payload = message.metadata?.event_type === eventType ? message.metadata.event_payload : undefined;
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : undefined;
}

function shownIn(payload: Record<string, unknown>): ShownInThread | undefined {
  const { kind, ids, language } = payload;
  if (!isAnswerKind(kind) || typeof ids !== 'string') return undefined;
  if (language !== 'en' && language !== 'zh') return undefined;
  const list = ids === '' ? [] : ids.split(',');
  if (list.length > 5 || !list.every((id) => ID.test(id))) return undefined;
  return { kind, ids: list, language };
}

/**
 * What a thread's messages (oldest first) say of it. Only the bot's own messages are read for state:
 * another app could post metadata of the same type.
 */
export function readThread(
  messages: readonly ThreadMessage[],
  isBot: (message: ThreadMessage) => boolean,
): ThreadState {
  let state: ThreadState = { userMessages: 0 };
  for (const message of messages) {
    if (!isBot(message)) {
      state = { ...state, userMessages: state.userMessages + 1 };
      continue;
    }
    const greeting = payloadOf(message, THREAD_EVENT);
    if (greeting && message.ts) {
      const channel = greeting.channel_id;
      const { contextChannel: _, ...rest } = state;
      // The thread's root comes before the greeting; only the questions after it count.
      state = {
        ...rest,
        userMessages: 0,
        greetingTs: message.ts,
        ...(typeof channel === 'string' && CONVERSATION_ID.test(channel) && { contextChannel: channel }),
      };
    }
    const answer = payloadOf(message, ANSWER_EVENT);
    const shown = answer && shownIn(answer);
    if (shown) state = { ...state, lastShown: shown };
  }
  return state;
}

/** The thread keeps what an answer showed; only what the reader can refer back to by position. */
export function keptOf(shown: Shown): ShownInThread {
  return { kind: shown.kind, ids: shown.ids.slice(0, 5), language: shown.language };
}
