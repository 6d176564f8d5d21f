import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
} from '@slack/bolt';
import type { Outcome, Surface } from '../metrics';
import { blockActions } from './block-actions';
import type { ListenerDeps } from './deps';
import { EVENT_SURFACES, events } from './events';
import { ASK_SHORTCUT, messageShortcut } from './message-shortcut';
import { slashCommand } from './slash-command';
import { type StepArgs, workflowStep } from './workflow-step';

export const SLASH_COMMAND = '/ebpf';

/**
 * The bot scopes the code needs, each for a reason: app_mention events (app_mentions:read), replies
 * and posts (chat:write), /ebpf (commands), DMs (im:history), unfurls (links:read, links:write), and
 * for the project of the day: is the bot in the channel (channels:read, groups:read) and did a post go
 * out before a crash (channels:history, groups:history); the assistant split view: its status, title and
 * prompts (assistant:write), its threads read back for follow-ups (im:history) and the user's locale for
 * the greeting (users:read). manifest.yml requests exactly these.
 */
export const BOT_SCOPES = [
  'app_mentions:read',
  'assistant:write',
  'channels:history',
  'channels:read',
  'chat:write',
  'commands',
  'groups:history',
  'groups:read',
  'im:history',
  'links:read',
  'links:write',
  'users:read',
] as const;

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** Times a handler, counts its outcome and tracks it until done; errors still reach Bolt's error handler. */
function observed<A>(
  deps: ListenerDeps,
  surface: Surface,
  handler: (args: A) => Promise<Outcome>,
): (args: A) => Promise<void> {
  const { metrics, inFlight } = deps;
  const run = async (args: A) => {
    const done = metrics?.startRequest(surface);
    try {
      done?.(await handler(args));
    } catch (error) {
      done?.('error');
      throw error;
    }
  };
  return inFlight ? (args) => inFlight.track(run(args)) : run;
}

/**
 * One global middleware that hands each request to its surface's handler. Bolt runs every listener's
 * matchers on every request, and the listener machinery costs more than the dispatch itself: with no
 * listeners registered, slash commands ran about 10% faster than with three listeners (load benchmark).
 * Events are acknowledged by Bolt before middleware runs, except function_executed; commands, actions,
 * shortcuts and workflow steps are acked by handlers.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const command = observed(deps, 'command', slashCommand(deps));
  const action = observed(deps, 'action', blockActions(deps));
  const shortcut = observed(deps, 'shortcut', messageShortcut(deps));
  const step = observed(deps, 'step', workflowStep(deps));
  const event = events(deps);
  const eventHandlers = new Map(
    Object.entries(EVENT_SURFACES).map(([type, surface]) => [type, observed(deps, surface, event)]),
  );
  app.use(async (args: Args) => {
    if ('command' in args) {
      if (args.command.command === SLASH_COMMAND) return command(args);
    } else if ('action' in args) {
      if (args.body.type === 'block_actions')
        return action(args as SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs);
    } else if ('shortcut' in args) {
      if (args.shortcut.type === 'message_action' && args.shortcut.callback_id === ASK_SHORTCUT)
        return shortcut(args as SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs);
    } else if ('event' in args) {
      // Bolt adds ack, complete, fail and inputs to these (App.js); the middleware's type does not say so.
      if (args.event.type === 'function_executed') return step(args as unknown as StepArgs);
      const handler = eventHandlers.get(args.event.type);
      if (handler) return handler(args);
    }
    await args.next();
  });
}
