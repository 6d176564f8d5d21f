import type {
  AllMiddlewareArgs,
  BlockAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
} from '@slack/bolt';
import { type AnswerContext, answerQuery, type Shown } from '../answer/answer';
import { type Block, withBlocks } from '../blocks/kit';
import { textMessage } from '../blocks/messages';
import { BUTTON_EXPIRED, NO_TEXT_TO_LOOK_UP, STRINGS } from '../blocks/strings';
import { parseThreadPostValue, postedBy, postInThreadBlock, questionOf } from '../blocks/thread-post';
import { inTraditional } from '../blocks/traditional';
import { withFeedback } from '../feedback/feedback-block';
import type { Outcome } from '../metrics';
import { platformCode } from '../web-api/platform-error';
import type { ListenerDeps } from './deps';

/** The message shortcut's callback id; manifest.yml declares the same. */
export const ASK_SHORTCUT = 'ask_ebpf_bot';

/** What Slack answers when the bot may not post in a conversation. */
const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/** A block added to an answer, in the answer's script (traditional Chinese when it was asked so). */
function inScript(block: Block, shown: Shown | undefined): Block {
  return shown?.traditional ? inTraditional(block) : block;
}

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * "Ask ebpf-bot" on a message: its text is the question (someone else's text, escaped like any query),
 * answered only to the person who asked, with a button that posts the answer in the message's thread.
 */
export function messageShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, respond }: ShortcutArgs): Promise<Outcome> => {
    await ack();
    const question = questionOf(shortcut.message.text ?? '');
    if (!question) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...textMessage(NO_TEXT_TO_LOOK_UP),
      });
      return 'ok';
    }
    const { message, shown } = answerQuery(question, deps.context(), 'asker');
    const post = {
      channel: shortcut.channel.id,
      threadTs: shortcut.message.thread_ts ?? shortcut.message.ts,
      question,
    };
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...withFeedback({
        message: withBlocks(message, [inScript(postInThreadBlock(post, shown?.language ?? 'en'), shown)]),
        shown,
      }),
    });
    return 'ok';
  };
}

/** "Post in thread": the same answer, for everyone, in the thread; then the asker's copy goes. */
export async function postInThread(
  {
    action,
    body,
    respond,
    client,
    logger,
  }: Pick<ActionArgs, 'action' | 'body' | 'respond' | 'client' | 'logger'>,
  ctx: AnswerContext,
): Promise<Outcome> {
  const post = parseThreadPostValue('value' in action ? action.value : undefined);
  if (!post) {
    await respond({ response_type: 'ephemeral', replace_original: false, ...textMessage(BUTTON_EXPIRED) });
    return 'ok';
  }
  const { message, shown } = answerQuery(post.question, ctx, 'everyone');
  const lang = shown?.language ?? 'en';
  const posted = withFeedback({
    message: withBlocks(message, [inScript(postedBy(body.user.id, lang), shown)]),
    shown,
  });
  try {
    await client.chat.postMessage({
      channel: post.channel,
      thread_ts: post.threadTs,
      text: posted.text,
      blocks: posted.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (error) {
    if (!NOT_A_MEMBER.has(platformCode(error) ?? '')) throw error;
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...textMessage(STRINGS.notInConversation[lang]),
    });
    return 'ok';
  }
  // Only once the answer is in the thread does the private copy go; a failure above leaves it for a retry.
  await respond({ delete_original: true }).catch((error: unknown) =>
    logger.warn('could not remove the ephemeral answer', error),
  );
  return 'ok';
}
