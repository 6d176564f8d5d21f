import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { findProject } from '../answer/find-project';
import { STEP_ERRORS } from '../blocks/strings';
import type { Outcome } from '../metrics';
import type { ListenerDeps } from './deps';

/** The custom step's callback id; manifest.yml declares the function under the same. */
export const FIND_PROJECT_STEP = 'find_ebpf_project';

export type StepArgs = SlackEventMiddlewareArgs<'function_executed'> & AllMiddlewareArgs;

/**
 * The "Find an eBPF project" workflow step: `functions.completeSuccess` with the best match, or
 * `functions.completeError` saying why there is none. Bolt calls both with the event's own token.
 */
export function workflowStep(deps: ListenerDeps) {
  return async ({ event, inputs, ack, complete, fail, context, logger }: StepArgs): Promise<Outcome> => {
    // Bolt leaves function_executed events for the listener to acknowledge.
    await ack();
    // A retry means the first delivery is being handled: answering it too would complete the step twice.
    if (context.retryNum) {
      logger.debug(`ignoring retry ${context.retryNum} of a function_executed event`);
      return 'ignored';
    }
    // A step the manifest declares but this code does not know: say so, rather than leave the workflow waiting.
    if (event.function.callback_id !== FIND_PROJECT_STEP) {
      await fail({ error: STEP_ERRORS.unknownStep });
      return 'ignored';
    }
    const result = findProject(inputs.question, deps.context().search);
    if ('error' in result) await fail({ error: result.error });
    else await complete({ outputs: result.outputs });
    return 'ok';
  };
}
