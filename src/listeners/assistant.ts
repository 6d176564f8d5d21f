import type { AssistantThreadContextChangedEvent, AssistantThreadStartedEvent } from '@slack/types';
import type { Logger, WebClient } from '@slack/web-api';
import type { AnswerContext } from '../answer/answer';
import { threadAnswer } from '../assistant/reply';
import {
  answerMetadata,
  readThread,
  type ThreadMessage,
  type ThreadState,
  threadMetadata,
} from '../assistant/thread';
import { textMessage } from '../blocks/messages';
import { stripControl } from '../blocks/mrkdwn';
import { type Language, STRINGS } from '../blocks/strings';
import { inTraditional } from '../blocks/traditional';
import { withFeedback } from '../feedback/feedback-block';
import { hasCjk } from '../search/tokens';
import { traditional } from '../text/chinese-script';
import { truncateGraphemes } from '../text/graphemes';

/** Who the bot is in this workspace: its own messages are the only ones a thread's state is read from. */
export interface BotIds {
  readonly botId?: string | undefined;
  readonly botUserId?: string | undefined;
}

/** Longer threads than this many pages of replies are read from their start only. */
const MAX_REPLY_PAGES = 5;
const TITLE_CHARS = 80;

/** The user's language where Slack tells it (their locale; `users:read`), else English. */
async function languageOf(
  client: WebClient,
  userId: string,
  logger: Logger,
): Promise<{ lang: Language; traditional: boolean }> {
  try {
    const { user } = await client.users.info({ user: userId, include_locale: true });
    const locale = user?.locale?.toLowerCase() ?? '';
    if (locale.startsWith('zh')) return { lang: 'zh', traditional: /^zh-(tw|hk|mo|hant)/.test(locale) };
  } catch (error) {
    logger.warn(`could not read the locale of ${userId}; greeting in English`, error);
  }
  return { lang: 'en', traditional: false };
}

/** `assistant_thread_started`: a greeting that remembers the channel in view, and suggested prompts. */
export async function threadStarted(
  event: AssistantThreadStartedEvent,
  client: WebClient,
  logger: Logger,
): Promise<void> {
  const { channel_id: channel, thread_ts: threadTs, user_id: user, context } = event.assistant_thread;
  const { lang, traditional: inTraditionalScript } = await languageOf(client, user, logger);
  const greeting = textMessage(STRINGS.assistantGreeting[lang]);
  const script = (text: string) => (inTraditionalScript ? traditional(text) : text);
  await client.chat.postMessage({
    channel,
    thread_ts: threadTs,
    ...(inTraditionalScript ? inTraditional(greeting) : greeting),
    metadata: threadMetadata(context.channel_id),
  });
  await client.assistant.threads.setSuggestedPrompts({
    channel_id: channel,
    thread_ts: threadTs,
    title: script(STRINGS.assistantPromptsTitle[lang]),
    prompts: STRINGS.assistantPrompts[lang].map(({ title, message }) => ({
      title: script(title),
      message: script(message),
    })),
  });
}

async function threadMessages(
  client: WebClient,
  channel: string,
  threadTs: string,
): Promise<ThreadMessage[]> {
  const messages: ThreadMessage[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_REPLY_PAGES; page++) {
    const reply = await client.conversations.replies({
      channel,
      ts: threadTs,
      include_all_metadata: true,
      limit: 200,
      ...(cursor && { cursor }),
    });
    messages.push(...((reply.messages ?? []) as ThreadMessage[]));
    cursor = reply.response_metadata?.next_cursor;
    if (!reply.has_more || !cursor) break;
  }
  return messages;
}

async function readState(
  client: WebClient,
  channel: string,
  threadTs: string,
  bot: BotIds,
): Promise<{ state: ThreadState; messages: ThreadMessage[] }> {
  const messages = await threadMessages(client, channel, threadTs);
  const isBot = (message: ThreadMessage) =>
    (bot.botId !== undefined && message.bot_id === bot.botId) ||
    (bot.botUserId !== undefined && message.user === bot.botUserId);
  return { state: readThread(messages, isBot), messages };
}

/** `assistant_thread_context_changed`: the greeting's metadata follows the channel the user has open. */
export async function threadContextChanged(
  event: AssistantThreadContextChangedEvent,
  client: WebClient,
  bot: BotIds,
): Promise<boolean> {
  const { channel_id: channel, thread_ts: threadTs, context } = event.assistant_thread;
  const { state, messages } = await readState(client, channel, threadTs, bot);
  const greeting = messages.find((message) => message.ts === state.greetingTs);
  if (!state.greetingTs || !greeting || state.contextChannel === context.channel_id) return false;
  await client.chat.update({
    channel,
    ts: state.greetingTs,
    text: greeting.text ?? '',
    ...(greeting.blocks && { blocks: greeting.blocks as never }),
    metadata: threadMetadata(context.channel_id),
  });
  return true;
}

export interface ThreadQuestion {
  readonly channel: string;
  readonly threadTs: string;
  readonly text: string;
}

/**
 * A question in a thread of the bot's DM (the assistant split view, or a thread the user started): a
 * status and the thread's title while it works when the thread is an assistant thread, then the answer,
 * which may be a follow-up to what the thread showed.
 */
export async function threadQuestion(
  question: ThreadQuestion,
  ctx: AnswerContext,
  client: WebClient,
  bot: BotIds,
  logger: Logger,
): Promise<void> {
  const { channel, threadTs, text } = question;
  const { state } = await readState(client, channel, threadTs, bot).catch((error: unknown) => {
    logger.warn(`could not read thread ${threadTs}; answering without it`, error);
    return { state: { userMessages: 0 } as ThreadState };
  });
  if (state.greetingTs) {
    const lang: Language = hasCjk(text) ? 'zh' : 'en';
    const calls: Promise<unknown>[] = [
      client.assistant.threads.setStatus({
        channel_id: channel,
        thread_ts: threadTs,
        status: STRINGS.assistantStatus[lang],
      }),
    ];
    const title = truncateGraphemes(stripControl(text).replace(/\s+/g, ' ').trim(), TITLE_CHARS);
    if (state.userMessages <= 1 && title)
      calls.push(client.assistant.threads.setTitle({ channel_id: channel, thread_ts: threadTs, title }));
    for (const result of await Promise.allSettled(calls))
      if (result.status === 'rejected')
        logger.warn('could not set the assistant status or title', result.reason);
  }
  const answer = threadAnswer(text, state, ctx);
  const message = withFeedback(answer);
  await client.chat.postMessage({
    channel,
    thread_ts: threadTs,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...(answer.kept && { metadata: answerMetadata(answer.kept) }),
  });
}
