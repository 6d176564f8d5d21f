import type { App } from '@slack/bolt';
import type { Metrics, Outcome, Surface } from '../metrics';
import { blockActions } from './block-actions';
import type { ListenerDeps } from './deps';
import { EVENT_PATTERN, eventSurface, events } from './events';
import { slashCommand } from './slash-command';

export const SLASH_COMMAND = '/ebpf';

/**
 * The bot scopes the code needs, each for a reason: app_mention events (app_mentions:read), replies
 * and posts (chat:write), /ebpf (commands), DMs (im:history), unfurls (links:read, links:write), and
 * for the project of the day: is the bot in the channel (channels:read, groups:read) and did a post go
 * out before a crash (channels:history, groups:history). manifest.yml requests exactly these.
 */
export const BOT_SCOPES = [
  'app_mentions:read',
  'channels:history',
  'channels:read',
  'chat:write',
  'commands',
  'groups:history',
  'groups:read',
  'im:history',
  'links:read',
  'links:write',
] as const;

/** Times a handler and counts its outcome; errors still reach Bolt's error handler. */
function observed<A>(
  metrics: Metrics | undefined,
  surface: (args: A) => Surface,
  handler: (args: A) => Promise<Outcome>,
): (args: A) => Promise<void> {
  if (!metrics) return async (args) => void (await handler(args));
  return async (args) => {
    const done = metrics.startRequest(surface(args));
    try {
      done(await handler(args));
    } catch (error) {
      done('error');
      throw error;
    }
  };
}

/** Three listeners in all, one per surface: Bolt tries every listener's matchers on every request. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(
    SLASH_COMMAND,
    observed(deps.metrics, () => 'command', slashCommand(deps)),
  );
  app.action(
    /.*/,
    observed(deps.metrics, () => 'action', blockActions(deps)),
  );
  app.event(
    EVENT_PATTERN,
    observed(deps.metrics, ({ event }) => eventSurface(event.type), events(deps)),
  );
}
