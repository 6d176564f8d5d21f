import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { LinkUnfurls } from '@slack/web-api';
import { answerCommand, parse } from '../answer/answer';
import { projectCard } from '../blocks/card';
import { homeView } from '../blocks/home';
import { md } from '../blocks/mrkdwn';
import { withFeedback } from '../feedback/feedback-block';
import type { Outcome, Surface } from '../metrics';
import { threadContextChanged, threadQuestion, threadStarted } from './assistant';
import type { ListenerDeps } from './deps';

/** The events this app subscribes to; manifest.yml lists the same (a test keeps them in step). */
export const BOT_EVENTS = [
  'app_mention',
  'message.im',
  'app_home_opened',
  'link_shared',
  'app_uninstalled',
  'tokens_revoked',
  'assistant_thread_started',
  'assistant_thread_context_changed',
  'function_executed',
] as const;

/** The event types handled and the surface of each (`message.im` arrives as a `message` event). */
export const EVENT_SURFACES: Readonly<Record<string, Surface>> = {
  app_mention: 'mention',
  message: 'dm',
  app_home_opened: 'home',
  link_shared: 'unfurl',
  app_uninstalled: 'install',
  tokens_revoked: 'install',
  assistant_thread_started: 'assistant',
  assistant_thread_context_changed: 'assistant',
};

type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;

/** `<@U123> what is x` -> `what is x`. */
function withoutLeadingMention(text: string): string {
  return text.replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s:,]*/, '');
}

/**
 * Handles every event type, dispatching on it. Slack's retried deliveries are dropped:
 * Bolt acknowledges events before middleware runs, so a retry means the first delivery is being handled.
 */
export function events(deps: ListenerDeps) {
  return async ({ event, client, context, logger }: EventArgs): Promise<Outcome> => {
    if (context.retryNum) {
      logger.debug(`ignoring retry ${context.retryNum} of a ${event.type} event`);
      return 'ignored';
    }
    const ctx = deps.context();
    switch (event.type) {
      case 'app_mention':
      case 'message': {
        if (event.type === 'message' && (event.channel_type !== 'im' || event.subtype !== undefined))
          return 'ignored';
        if ('bot_id' in event && event.bot_id) return 'ignored';
        if ('user' in event && event.user === context.botUserId) return 'ignored';
        const text = 'text' in event ? (event.text ?? '') : '';
        const threadTs = 'thread_ts' in event ? event.thread_ts : undefined;
        const command = parse(withoutLeadingMention(text), ctx);
        if (event.type === 'message' && threadTs && command.kind === 'query') {
          await threadQuestion(
            { channel: event.channel, threadTs, text: command.text },
            ctx,
            client,
            context,
            logger,
          );
          return 'ok';
        }
        const message = withFeedback(
          command.kind === 'potd' && command.action !== 'show'
            ? await answerCommand(
                { kind: 'help', note: md`Use \`/ebpf potd subscribe\` in the channel to subscribe it.` },
                ctx,
                'everyone',
              )
            : await answerCommand(command, ctx, 'everyone'),
        );
        // In a channel the answer goes in a thread; in a DM it stays in the conversation unless asked in a thread.
        const thread = event.type === 'app_mention' ? (threadTs ?? event.ts) : threadTs;
        await client.chat.postMessage({
          channel: event.channel,
          ...(thread && { thread_ts: thread }),
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        return 'ok';
      }
      case 'assistant_thread_started':
        await threadStarted(event, client, logger);
        return 'ok';
      case 'assistant_thread_context_changed':
        return (await threadContextChanged(event, client, context)) ? 'ok' : 'ignored';
      case 'app_home_opened': {
        if (event.tab !== 'home') return 'ignored';
        await client.views.publish({
          user_id: event.user,
          view: homeView(ctx.catalog.entries, await ctx.projectOfTheDay()),
        });
        return 'ok';
      }
      case 'link_shared': {
        const unfurls: LinkUnfurls = {};
        for (const link of event.links) {
          const [best] = ctx.search.search(link.url, { limit: 1 }).results;
          if (best?.confidence === 'exact')
            unfurls[link.url] = { blocks: projectCard(best.entry, { compact: true }).blocks };
        }
        if (Object.keys(unfurls).length === 0) return 'ignored';
        const target =
          event.unfurl_id && event.source
            ? { unfurl_id: event.unfurl_id, source: event.source as 'composer' | 'conversations_history' }
            : { channel: event.channel, ts: event.message_ts };
        await client.chat.unfurl({ ...target, unfurls });
        return 'ok';
      }
      case 'app_uninstalled':
      case 'tokens_revoked': {
        // A revoked user token leaves the bot installed; only the bot's own token matters here.
        if (event.type === 'tokens_revoked' && (event.tokens.bot ?? []).length === 0) return 'ignored';
        await deps.uninstalled?.(deps.installationOf(context), event.type);
        return 'ok';
      }
      default:
        return 'ignored';
    }
  };
}
