import type { Installation } from '@slack/bolt';
import type { AnswerKind } from '../answer/answer';
import type { Language } from '../blocks/strings';
import type { Subscription } from '../potd/schedule';

/**
 * Which installation a subscription and its posts belong to: `T:<team id>` for a workspace,
 * `E:<enterprise id>` for an org-wide (Enterprise Grid) install, `default` for the single workspace of
 * `SLACK_BOT_TOKEN`.
 */
export type InstallationKey = string;
export const DEFAULT_INSTALLATION: InstallationKey = 'default';

/** The key Slack's ids give: org-wide installs by enterprise, the others by team. */
export function installationKey(ids: {
  readonly teamId?: string | undefined;
  readonly enterpriseId?: string | undefined;
  readonly isEnterpriseInstall?: boolean | undefined;
}): InstallationKey {
  if (ids.isEnterpriseInstall && ids.enterpriseId) return `E:${ids.enterpriseId}`;
  if (ids.teamId) return `T:${ids.teamId}`;
  throw new Error('an installation needs a team id, or an enterprise id for an org-wide install');
}

export interface WorkspaceSubscription extends Subscription {
  readonly installation: InstallationKey;
}

/**
 * Where the post of a (channel, slot) stands: `claimed` by a replica that has not sent it, `sending`
 * (the request went out and may have reached Slack), or `posted`.
 */
export type PostState = 'claimed' | 'sending' | 'posted';

/** A replica's hold on one (channel, slot) until its lease runs out (by the database's clock). */
export interface PostClaim {
  /** An earlier attempt started sending then and may have reached Slack: look before sending. */
  readonly sendingSince?: Date;
}

export type FeedbackOutcome = 'helpful' | 'not_helpful';

/**
 * A click on an answer's feedback buttons as it is kept: the answer's kind and language, the projects it
 * showed and the question's normalised terms. Never who clicked, never anyone's text.
 */
export interface Feedback {
  readonly installation: InstallationKey;
  readonly at: Date;
  readonly outcome: FeedbackOutcome;
  readonly kind: AnswerKind;
  readonly language: Language;
  readonly ids: readonly string[];
  readonly terms: readonly string[];
}

export interface FeedbackRecord extends Feedback {
  /** The same for every delivery of one click, so a click Slack sends twice is stored once. */
  readonly click: string;
}

/**
 * Every piece of durable state: installations (OAuth), project-of-the-day subscriptions, the shared
 * rotation, one row per (channel, slot) post with a lease, per-installation pauses after a 429, and
 * feedback on answers.
 * SQLite serves one process; PostgreSQL serves replicas.
 */
export interface Store {
  saveInstallation(key: InstallationKey, installation: Installation): Promise<void>;
  getInstallation(key: InstallationKey): Promise<Installation | undefined>;
  /** Removes an installation with its subscriptions, pauses, unfinished posts and feedback. */
  deleteInstallation(key: InstallationKey): Promise<void>;

  saveSubscription(subscription: WorkspaceSubscription): Promise<void>;
  /** Returns whether the channel was subscribed. */
  removeSubscription(installation: InstallationKey, channelId: string): Promise<boolean>;
  getSubscription(
    installation: InstallationKey,
    channelId: string,
  ): Promise<WorkspaceSubscription | undefined>;
  listSubscriptions(): Promise<WorkspaceSubscription[]>;

  assignment(slot: string): Promise<string | undefined>;
  /**
   * The slot's project: assigned once, to `next(history)` (the rotation so far, oldest first), under a
   * lock every replica shares, so two slots never take the same turn.
   */
  assign(slot: string, next: (history: readonly string[]) => string | undefined): Promise<string | undefined>;
  history(): Promise<string[]>;

  postState(channelId: string, slot: string): Promise<PostState | undefined>;
  /** Which of these slots the channel has been posted. */
  postedSlots(channelId: string, slots: readonly string[]): Promise<Set<string>>;
  /**
   * Takes (channel, slot) for `owner` for `leaseMs`, unless it is posted or another owner's lease is
   * still running; a claim that lapsed (its owner died) is taken over.
   */
  claimPost(
    channelId: string,
    slot: string,
    installation: InstallationKey,
    owner: string,
    leaseMs: number,
  ): Promise<PostClaim | undefined>;
  /**
   * The fence right before `chat.postMessage`: true, with the state set to `sending` and the lease
   * renewed, only while `owner` still holds the claim.
   */
  startSending(channelId: string, slot: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Slack answered without posting (an error reply): the claim stays, but nothing went out. */
  notSent(channelId: string, slot: string, owner: string): Promise<void>;
  markPosted(channelId: string, slot: string, ts: string): Promise<void>;
  /** Lets another replica take the claim at once (the sending state stays, to be checked first). */
  release(channelId: string, slot: string, owner: string): Promise<void>;

  /** Holds an installation's posts for `seconds` (a 429's Retry-After), for every replica. */
  pause(installation: InstallationKey, seconds: number): Promise<void>;
  /** Installations paused now, with when each may post again. */
  pauses(): Promise<Map<InstallationKey, Date>>;

  /**
   * Marks an OAuth state as used, keeping the mark until `expiresAt`: true the first time, false for
   * every later use, on every replica.
   */
  useOAuthState(id: string, expiresAt: Date): Promise<boolean>;

  /** Stores a click: false, storing nothing, when the installation's same click was stored before. */
  saveFeedback(record: FeedbackRecord): Promise<boolean>;
  /** Stored feedback of every installation from `since` on, oldest first. */
  listFeedback(options?: { readonly since?: Date }): Promise<Feedback[]>;

  /** False once closed: readiness reports it. */
  isOpen(): boolean;
  /** Resolves when the store answers a trivial query within `timeoutMs`; rejects otherwise. */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}
