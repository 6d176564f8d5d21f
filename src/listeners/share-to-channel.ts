import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AnswerContext } from '../answer/answer';
import { parseShareValue } from '../assistant/share';
import { projectCard } from '../blocks/card';
import { textMessage } from '../blocks/messages';
import { md } from '../blocks/mrkdwn';
import { STRINGS } from '../blocks/strings';
import type { Outcome } from '../metrics';
import { platformCode } from '../web-api/platform-error';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** Slack's answers when the bot may not post in a channel: the user can fix these, so they are told how. */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/** "Share in the channel you are viewing" under an assistant's card: the card, posted there, signed by the clicker. */
export async function shareToChannel(
  { action, body, respond, client }: ActionArgs,
  ctx: AnswerContext,
): Promise<Outcome> {
  const ref = parseShareValue('value' in action ? action.value : undefined);
  const entry = ref && ctx.catalog.byId.get(ref.id);
  const reply = (text: ReturnType<typeof md>) =>
    respond({ response_type: 'ephemeral', replace_original: false, ...textMessage(text) });
  if (!ref || !entry) {
    await reply(md`That project is no longer in the catalog.`);
    return 'ok';
  }
  const card = projectCard(entry, {
    lang: ref.lang,
    sharedBy: body.user.id,
    lookup: (id) => ctx.catalog.byId.get(id),
  });
  try {
    await client.chat.postMessage({
      channel: ref.channel,
      ...card,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (error) {
    if (!CANNOT_POST.has(platformCode(error) ?? '')) throw error;
    await reply(STRINGS.cannotPostThere[ref.lang]);
    return 'ok';
  }
  await reply(STRINGS.sharedToChannel[ref.lang]);
  return 'ok';
}
