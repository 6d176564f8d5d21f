import type { App } from '@slack/bolt';
import { blockActions } from './block-actions';
import type { ListenerDeps } from './deps';
import { EVENT_PATTERN, events } from './events';
import { slashCommand } from './slash-command';

export const SLASH_COMMAND = '/ebpf';

/** Three listeners in all, one per surface: Bolt tries every listener's matchers on every request. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, slashCommand(deps));
  app.action(/.*/, blockActions(deps));
  app.event(EVENT_PATTERN, events(deps));
}
