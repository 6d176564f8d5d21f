import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { LruMap } from '../answer/lru-map';
import { thanksMessage } from '../feedback/feedback-block';
import { feedbackRecord } from '../feedback/feedback-record';
import { parseFeedbackValue } from '../feedback/feedback-value';
import type { Outcome } from '../metrics';
import type { ListenerDeps } from './deps';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** Clicks this process saw lately: one Slack delivers again is answered once, even with storing off. */
const RECENT_CLICKS = 10_000;

/**
 * A click on the feedback buttons under an answer (already acknowledged): counted, stored unless
 * storing is off, and thanked only to the one who clicked. A value that is not ours is ignored; a
 * store that fails is logged, and the click is still thanked.
 */
export function feedbackClick(deps: ListenerDeps) {
  const recent = new LruMap<true>(RECENT_CLICKS);
  return async ({ action, body, context, respond, logger }: ActionArgs): Promise<Outcome> => {
    const value = parseFeedbackValue('value' in action ? action.value : undefined, deps.context().catalog);
    const messageTs: unknown = body.container?.message_ts;
    const actionTs: unknown = action.action_ts;
    if (!value || typeof messageTs !== 'string' || typeof actionTs !== 'string') return 'ignored';
    const record = feedbackRecord(deps.installationOf(context), value, { messageTs, actionTs }, new Date());
    if (recent.get(record.click)) return 'ignored';
    recent.set(record.click, true);
    const fresh = deps.saveFeedback
      ? await deps.saveFeedback(record).catch((error: unknown) => {
          logger.error('could not store a feedback click (thanked all the same)', error);
          return true;
        })
      : true;
    // Another replica took this click's first delivery, and answered it.
    if (!fresh) return 'ignored';
    deps.metrics?.feedback(value.outcome, value.kind);
    await respond({ response_type: 'ephemeral', replace_original: false, ...thanksMessage(value) });
    return 'ok';
  };
}
