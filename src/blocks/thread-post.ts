import { MAX_QUERY_CHARS } from '../search/query';
import { CONVERSATION_ID } from '../web-api/slack-ids';
import { ACTIONS } from './card';
import { actions, type Block, button, context } from './kit';
import { LIMITS } from './limits';
import { md, mention, stripControl } from './mrkdwn';
import { type Language, STRINGS } from './strings';

/** Where the "Post in thread" button posts an answer, and the question it answers. */
export interface ThreadPost {
  readonly channel: string;
  /** The thread of the message the shortcut was used on: its own, or the message itself. */
  readonly threadTs: string;
  readonly question: string;
}

const TS = /^\d{1,12}\.\d{1,9}$/;

/**
 * A message's text as a question: without control or invisible characters, and no longer than search
 * reads (`MAX_QUERY_CHARS`), so it fits in a button value whatever the message held.
 */
export function questionOf(text: string): string {
  const cut = stripControl(text).trim().slice(0, MAX_QUERY_CHARS);
  // Cutting by UTF-16 unit may leave half of a surrogate pair at the end.
  return cut.replace(/[\uD800-\uDBFF]$/, '').trimEnd();
}

/**
 * JSON, with `<`, `>` and `&` written as `\u003c`… so that not even a value holds what reads as a
 * mention. At most six characters a question unit and 100 of the rest: below Slack's 2,000.
 */
export function threadPostValue(post: ThreadPost): string {
  return JSON.stringify({ channel: post.channel, thread_ts: post.threadTs, question: post.question }).replace(
    /[<>&]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Reads a button value back, strictly: a channel id, a message timestamp and a question exactly as
 * `questionOf` makes them; undefined for anything else.
 */
export function parseThreadPostValue(value: unknown): ThreadPost | undefined {
  if (typeof value !== 'string' || value.length > LIMITS.buttonValue) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const { channel, thread_ts: threadTs, question } = parsed as Record<string, unknown>;
  if (typeof channel !== 'string' || !CONVERSATION_ID.test(channel)) return undefined;
  if (typeof threadTs !== 'string' || !TS.test(threadTs)) return undefined;
  if (typeof question !== 'string' || !question || questionOf(question) !== question) return undefined;
  return { channel, threadTs, question };
}

/** The button under the answer only the asker sees. */
export function postInThreadBlock(post: ThreadPost, lang: Language): Block {
  return actions(
    [button(STRINGS.postInThread[lang], { actionId: ACTIONS.postInThread, value: threadPostValue(post) })],
    ACTIONS.postInThread,
  );
}

/** Under the answer in the thread: who asked for it there. */
export function postedBy(userId: string, lang: Language): Block {
  return context(md`${STRINGS.sharedBy[lang]} ${mention(userId)}`);
}
