import type { AnswerContext } from '../answer/answer';
import type { Command } from '../answer/command';
import type { Message } from '../blocks/kit';
import type { Metrics } from '../metrics';
import type { Where } from '../potd/service';
import type { FeedbackRecord, InstallationKey } from '../store/store';
import type { InFlight } from './in-flight';

/** Handles `/ebpf potd subscribe|unsubscribe|status` for a channel. */
export type PotdCommandHandler = (
  command: Extract<Command, { kind: 'potd' }>,
  where: Where,
) => Promise<Message>;

/** What Bolt's context says of the workspace a request came from. */
export interface RequestIds {
  readonly teamId?: string | undefined;
  readonly enterpriseId?: string | undefined;
  readonly isEnterpriseInstall?: boolean | undefined;
}

export interface ListenerDeps {
  /** The catalog and search of this moment: a request uses one snapshot from start to end. */
  readonly context: () => AnswerContext;
  readonly potdCommand?: PotdCommandHandler;
  readonly metrics?: Metrics;
  /** Where replies under way are tracked, so a shutdown lets them finish. */
  readonly inFlight?: InFlight;
  /** The installation a request came through (always the default one for a single workspace). */
  readonly installationOf: (ids: RequestIds) => InstallationKey;
  /** `app_uninstalled` or `tokens_revoked` for the bot: forget the installation and all it had. */
  readonly uninstalled?: (installation: InstallationKey, reason: string) => Promise<void>;
  /**
   * Keeps a feedback click: false when that click was kept before. Absent when storing feedback is off
   * (FEEDBACK_STORE=off): clicks are still thanked and counted.
   */
  readonly saveFeedback?: (record: FeedbackRecord) => Promise<boolean>;
}
