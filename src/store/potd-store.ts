import type { Subscription } from '../potd/schedule';

/** Where a post for (channel, slot) stands: `pending` means it may have gone out just before a crash. */
export type PostState = 'pending' | 'posted';

/**
 * Durable project-of-the-day state. Kept small so a shared store (for several replicas) can be added
 * beside the embedded one; every method is synchronous because the embedded store is.
 */
export interface PotdStore {
  saveSubscription(subscription: Subscription): void;
  /** Returns whether the channel was subscribed. */
  removeSubscription(channelId: string): boolean;
  getSubscription(channelId: string): Subscription | undefined;
  listSubscriptions(): Subscription[];

  /** The project assigned to a slot, if any. */
  assignment(slot: string): string | undefined;
  /** Assigns a project to a slot unless one already is; returns the slot's project either way. */
  assign(slot: string, projectId: string): string;
  /** Every assigned project, oldest first: what the rotation has shown. */
  history(): string[];

  postState(channelId: string, slot: string): PostState | undefined;
  markPending(channelId: string, slot: string): void;
  markPosted(channelId: string, slot: string, ts: string): void;

  /** False once closed: readiness reports it. */
  isOpen(): boolean;
  close(): void;
}
