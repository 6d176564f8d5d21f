import type { App } from '@slack/bolt';
import { blockActions } from './block-actions';
import type { ListenerDeps } from './deps';
import { EVENT_PATTERN, events } from './events';
import { slashCommand } from './slash-command';

export const SLASH_COMMAND = '/ebpf';

/**
 * The bot scopes the listeners need, each for a reason: app_mention events (app_mentions:read),
 * replies (chat:write), /ebpf (commands), DMs (im:history), unfurls (links:read, links:write).
 * manifest.yml requests exactly these; a test keeps the two in step.
 */
export const BOT_SCOPES = [
  'app_mentions:read',
  'chat:write',
  'commands',
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
