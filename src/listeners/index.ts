import type { App } from '@slack/bolt';
import { blockActions } from './block-actions';
import type { ListenerDeps } from './deps';
import { EVENT_PATTERN, events } from './events';
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

/** Three listeners in all, one per surface: Bolt tries every listener's matchers on every request. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, slashCommand(deps));
  app.action(/.*/, blockActions(deps));
  app.event(EVENT_PATTERN, events(deps));
}
