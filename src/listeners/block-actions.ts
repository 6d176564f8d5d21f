import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { cardFor } from '../answer/answer';
import { ACTIONS, parseCardValue, projectCard } from '../blocks/card';
import { decodePosition, homeView } from '../blocks/home';
import { textMessage } from '../blocks/messages';
import { md } from '../blocks/mrkdwn';
import type { CatalogEntry } from '../catalog/types';
import { withFeedback } from '../feedback/feedback-block';
import type { Outcome } from '../metrics';
import type { ListenerDeps } from './deps';
import { feedbackClick } from './feedback-click';
import { postInThread } from './message-shortcut';
import { shareToChannel } from './share-to-channel';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** Every button, dispatching on the action id. */
export function blockActions(deps: ListenerDeps) {
  const feedback = feedbackClick(deps);
  return async (args: ActionArgs): Promise<Outcome> => {
    const { ack, action, body, respond, client, logger } = args;
    await ack();
    const [kind] = action.action_id.split(':');
    if (kind === ACTIONS.feedback) return feedback(args);
    const value = 'value' in action ? action.value : undefined;
    const ctx = deps.context();

    if (kind === ACTIONS.homePage || kind === ACTIONS.homeOrder) {
      await client.views.publish({
        user_id: body.user.id,
        view: homeView(ctx.catalog.entries, await ctx.projectOfTheDay(), decodePosition(value)),
      });
      return 'ok';
    }
    if (kind === ACTIONS.shareTo) return shareToChannel(args, ctx);
    if (kind === ACTIONS.postInThread) return postInThread({ action, body, respond, client, logger }, ctx);
    if (kind !== ACTIONS.share && kind !== ACTIONS.show) return 'ignored'; // link buttons: the ack is all

    const ref = parseCardValue(value);
    const entry = ref && ctx.catalog.byId.get(ref.id);
    if (!ref || !entry) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...textMessage(md`That project is no longer in the catalog.`),
      });
      return 'ok';
    }
    if (kind === ACTIONS.show) {
      const others = (ref.alt ?? [])
        .map((id) => ctx.catalog.byId.get(id))
        .filter((other): other is CatalogEntry => Boolean(other));
      // The button does not carry the question, so the swapped card's feedback has its projects only.
      const card = withFeedback({
        message: cardFor(entry, ctx, 'asker', ref.lang, others),
        shown: {
          kind: 'card',
          ids: [entry.id, ...others.map((other) => other.id)],
          language: ref.lang,
          terms: [],
        },
      });
      // A message only the asker sees turns into the card; one the channel sees stays, and the card goes to the clicker.
      const shownToAsker = body.container?.is_ephemeral !== false;
      await respond(
        shownToAsker
          ? { replace_original: true, ...card }
          : { response_type: 'ephemeral', replace_original: false, ...card },
      );
      return 'ok';
    }
    const shared = projectCard(entry, {
      lang: ref.lang,
      sharedBy: body.user.id,
      lookup: (id) => ctx.catalog.byId.get(id),
    });
    await respond({ response_type: 'in_channel', replace_original: false, ...shared });
    // Only once the card is visible does the private copy go; a failure above leaves it for a retry.
    await respond({ delete_original: true }).catch((error: unknown) =>
      logger.warn('could not remove the ephemeral card', error),
    );
    return 'ok';
  };
}
