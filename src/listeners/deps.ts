import type { AnswerContext } from '../answer/answer';
import type { Command } from '../answer/command';
import type { Message } from '../blocks/kit';
import type { Metrics } from '../metrics';

/** Handles `/ebpf potd subscribe|unsubscribe|status` for a channel. */
export type PotdCommandHandler = (
  command: Extract<Command, { kind: 'potd' }>,
  where: { channelId: string; userId: string },
) => Promise<Message>;

export interface ListenerDeps {
  /** The catalog and search of this moment: a request uses one snapshot from start to end. */
  readonly context: () => AnswerContext;
  readonly potdCommand?: PotdCommandHandler;
  readonly metrics?: Metrics;
}
