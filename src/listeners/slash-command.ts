import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerCommand, parse } from '../answer/answer';
import { helpMessage } from '../blocks/messages';
import { md } from '../blocks/mrkdwn';
import { withFeedback } from '../feedback/feedback-block';
import type { Outcome } from '../metrics';
import type { ListenerDeps } from './deps';

/** `/ebpf ...`: the answer goes back in the ack body, the fastest reply, shown only to the asker. */
export function slashCommand(deps: ListenerDeps) {
  return async ({
    command,
    ack,
    respond,
    logger,
    context,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<Outcome> => {
    const ctx = deps.context();
    const parsed = parse(command.text ?? '', ctx);
    if (parsed.kind === 'potd' && parsed.action !== 'show') {
      await ack();
      const reply = deps.potdCommand
        ? await deps
            .potdCommand(parsed, {
              channelId: command.channel_id,
              installation: deps.installationOf(context),
            })
            .catch((error: unknown) => {
              logger.error(`potd ${parsed.action} failed in ${command.channel_id}`, error);
              return helpMessage(md`Sorry, that did not work. Please try again in a minute.`);
            })
        : helpMessage(md`Project of the day subscriptions are not enabled on this server.`);
      await respond({ response_type: 'ephemeral', ...reply });
      return 'ok';
    }
    const message = withFeedback(await answerCommand(parsed, ctx, 'asker'));
    await ack({ response_type: 'ephemeral', ...message });
    return 'ok';
  };
}
