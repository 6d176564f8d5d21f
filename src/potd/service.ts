import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@slack/bolt';
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Command } from '../answer/command';
import { projectCard } from '../blocks/card';
import type { Message } from '../blocks/kit';
import { textMessage } from '../blocks/messages';
import { echo, type Mrkdwn, md } from '../blocks/mrkdwn';
import { STRINGS } from '../blocks/strings';
import type { Catalog, CatalogEntry } from '../catalog/types';
import {
  DEFAULT_INSTALLATION,
  type InstallationKey,
  type Store,
  type WorkspaceSubscription,
} from '../store/store';
import { platformCode } from '../web-api/platform-error';
import { mixedOrder, nextInRotation } from './rotation';
import { dueOccurrence, localDate, nextOccurrence, type Occurrence, owedOccurrences } from './schedule';
import { parseSubscribeArgs } from './subscribe-args';

export const POTD_EVENT_TYPE = 'ebpf_potd';

/** Errors that mean the channel is gone for the bot: unsubscribe instead of retrying forever. */
const CHANNEL_GONE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'restricted_action',
  'team_access_not_granted',
]);
const MAX_ATTEMPTS = 5;
const MAX_BACKOFF_MS = 30_000;
/** The scheduler looks again at least this often, so new subscriptions and clock changes are noticed. */
const MAX_SLEEP_MS = 60_000;
/** How soon the scheduler looks again after the store failed to answer. */
const STORE_RETRY_MS = 5_000;
/** Occurrences of the current day a channel may still catch up on (a seconds-level schedule). */
const CATCH_UP = 10;
/** A public app outside Slack's directory reads at most 15 messages a call of conversations.history. */
const HISTORY_PAGE = 15;
const HISTORY_PAGES = 5;
/** Slack may show a message in history a moment before the attempt's clock said it was sent. */
const HISTORY_SLACK_S = 5;

export interface PotdOptions {
  readonly store: Store;
  /** The client of an installation's bot token, read fresh for every post; undefined once it is gone. */
  readonly clientFor: (installation: InstallationKey) => Promise<WebClient | undefined>;
  readonly catalog: () => Catalog;
  readonly logger: Logger;
  readonly defaultTimezone: string;
  readonly schedule?: string;
  /** `POTD_CHANNELS`, subscribed for the single workspace of `SLACK_BOT_TOKEN`. */
  readonly channels?: readonly string[];
  readonly now?: () => Date;
  /** Backoff base for 5xx and network errors. */
  readonly backoffMs?: number;
  /** How long a replica's claim on a post lasts; posting calls time out well inside it. */
  readonly leaseMs: number;
  /** This replica's name in claims (random by default). */
  readonly owner?: string;
  readonly onPost?: (outcome: 'posted' | 'recovered' | 'failed') => void;
}

type PotdCommand = Extract<Command, { kind: 'potd' }>;

/** Where a command was given: the channel, and the installation it came through. */
export interface Where {
  readonly channelId: string;
  readonly installation: InstallationKey;
}

/**
 * Project of the day: one shared rotation, subscriptions, and a scheduler that posts each (channel,
 * slot) once across every replica. A replica claims the post in the store (a lease), is fenced again
 * right before sending, and a post that may have gone out (a crash, a lost response) is looked for in
 * the channel's history before anything is sent again.
 */
export class PotdService {
  private timer: NodeJS.Timeout | undefined;
  /** Channels being caught up on, by installation and channel. */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** (installation, channel, slot) that failed for good here: not tried again by this replica. */
  private readonly failed = new Set<string>();
  private readonly now: () => Date;
  private readonly owner: string;
  private ticking: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: PotdOptions) {
    this.now = options.now ?? (() => new Date());
    this.owner = options.owner ?? randomUUID();
  }

  /** The project of a slot: assigned once, the next of the rotation, shared by every channel. */
  async projectForSlot(slot: string): Promise<CatalogEntry | undefined> {
    const catalog = this.options.catalog();
    const assigned = await this.options.store.assignment(slot);
    if (assigned && catalog.byId.has(assigned)) return catalog.byId.get(assigned);
    const order = mixedOrder(catalog.entries);
    // A slot whose project left the catalog shows the next one without taking its turn.
    if (assigned) {
      const next = nextInRotation(order, await this.options.store.history());
      return next ? catalog.byId.get(next) : undefined;
    }
    const project = await this.options.store.assign(slot, (history) => nextInRotation(order, [...history]));
    return project ? catalog.byId.get(project) : undefined;
  }

  /** Today's project in the default timezone (or the schedule's latest occurrence). */
  async today(): Promise<CatalogEntry | undefined> {
    const now = this.now();
    const rule = { time: '00:00', timezone: this.options.defaultTimezone, weekdaysOnly: false };
    if (!this.options.schedule) return this.projectForSlot(localDate(now, rule.timezone));
    const due = dueOccurrence({ ...rule, channelId: '', createdAt: new Date(0) }, this.options.schedule, now);
    return this.projectForSlot(due ? due.slot : localDate(now, rule.timezone));
  }

  private card(entry: CatalogEntry): Message {
    return projectCard(entry, {
      heading: STRINGS.potdHeading.en,
      lookup: (id) => this.options.catalog().byId.get(id),
    });
  }

  async handleCommand(command: PotdCommand, where: Where): Promise<Message> {
    const { store } = this.options;
    if (command.action === 'unsubscribe') {
      return textMessage(
        (await store.removeSubscription(where.installation, where.channelId))
          ? md`This channel will no longer get the project of the day.`
          : md`This channel was not subscribed to the project of the day.`,
      );
    }
    if (command.action === 'status') {
      const subscription = await store.getSubscription(where.installation, where.channelId);
      if (!subscription)
        return textMessage(
          md`This channel is not subscribed. Use \`/ebpf potd subscribe [HH:MM] [TIMEZONE] [--daily]\`.`,
        );
      return textMessage(this.describe(subscription));
    }
    const rule = parseSubscribeArgs(command.args, this.options.defaultTimezone);
    if ('unknown' in rule)
      return textMessage(
        md`I did not understand “${echo(rule.unknown, 60)}”: give a time as HH:MM (24-hour), a timezone such as Europe/Berlin, or --daily.`,
      );
    if (!(await this.isMember(where))) {
      return textMessage(
        md`I am not in this channel yet, so I could not post here. Add me with \`/invite @ebpf-bot\`, then subscribe again.`,
      );
    }
    const existing = await store.getSubscription(where.installation, where.channelId);
    const subscription: WorkspaceSubscription = {
      ...rule,
      installation: where.installation,
      channelId: where.channelId,
      createdAt: existing?.createdAt ?? this.now(),
    };
    await store.saveSubscription(subscription);
    this.wake();
    return textMessage(md`Subscribed. ${this.describe(subscription)}`);
  }

  private describe(subscription: WorkspaceSubscription): Mrkdwn {
    const { schedule } = this.options;
    const when = schedule
      ? md`on the operator's schedule \`${schedule}\``
      : md`at ${subscription.time} ${subscription.timezone} ${subscription.weekdaysOnly ? 'on weekdays' : 'every day'}`;
    const next = nextOccurrence(subscription, schedule, this.now());
    const nextText = next
      ? new Intl.DateTimeFormat('en-GB', {
          timeZone: subscription.timezone,
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
          ...(schedule && { second: '2-digit' }),
        }).format(next)
      : 'none';
    return md`This channel gets the project of the day ${when}. Next post: ${nextText} (${subscription.timezone}).`;
  }

  private async isMember(where: Where): Promise<boolean> {
    if (where.channelId.startsWith('D')) return true;
    const client = await this.options.clientFor(where.installation);
    if (!client) return false;
    try {
      const info = await client.conversations.info({ channel: where.channelId });
      return info.channel?.is_member !== false;
    } catch (error) {
      if (platformCode(error) === 'channel_not_found') return false;
      throw error;
    }
  }

  /** Subscribes `POTD_CHANNELS` and starts the scheduler; owed posts of today go out right away. */
  async start(): Promise<void> {
    for (const channelId of this.options.channels ?? []) {
      if (!(await this.options.store.getSubscription(DEFAULT_INSTALLATION, channelId))) {
        await this.options.store.saveSubscription({
          installation: DEFAULT_INSTALLATION,
          channelId,
          time: '09:00',
          timezone: this.options.defaultTimezone,
          weekdaysOnly: true,
          createdAt: this.now(),
        });
      }
    }
    this.stopped = false;
    this.arm(0);
  }

  /** Stops scheduling and waits (bounded) for posts under way. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const pending = Promise.allSettled([this.ticking, ...this.inFlight.values()]);
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([pending, new Promise((resolve) => (bound = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(bound);
  }

  private wake(): void {
    if (!this.stopped && this.timer) this.arm(0);
  }

  private arm(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((error: unknown) => this.options.logger.error('project of the day: tick failed', error))
        .then(() => this.sleepMs())
        .then(
          (sleep) => {
            if (!this.stopped) this.arm(sleep);
          },
          // The store did not answer: look again soon, so posts resume as soon as it is back.
          () => {
            if (!this.stopped) this.arm(STORE_RETRY_MS);
          },
        );
    }, delay);
  }

  private async sleepMs(): Promise<number> {
    const now = this.now();
    const nexts = (await this.options.store.listSubscriptions()).map(
      (subscription) =>
        nextOccurrence(subscription, this.options.schedule, now)?.getTime() ?? Number.POSITIVE_INFINITY,
    );
    const resumes = [...(await this.options.store.pauses()).values()].map((until) => until.getTime());
    return Math.max(10, Math.min(MAX_SLEEP_MS, Math.min(...nexts, ...resumes) - now.getTime()));
  }

  /**
   * Starts catching up every channel that is owed a post, without waiting: a channel that is retrying
   * holds up neither the others nor the next occurrence, and a paused installation holds up no other.
   */
  async tick(): Promise<void> {
    const now = this.now();
    const [subscriptions, paused] = await Promise.all([
      this.options.store.listSubscriptions(),
      this.options.store.pauses(),
    ]);
    for (const subscription of subscriptions) {
      if (paused.has(subscription.installation)) continue;
      const owed = owedOccurrences(subscription, this.options.schedule, now, CATCH_UP);
      if (owed.length > 0) void this.catchUp(subscription, owed);
    }
  }

  private catchUp(subscription: WorkspaceSubscription, owed: readonly Occurrence[]): Promise<void> {
    const key = `${subscription.installation}\u0000${subscription.channelId}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = (async () => {
      const posted = await this.options.store.postedSlots(
        subscription.channelId,
        owed.map((occurrence) => occurrence.slot),
      );
      for (const occurrence of owed) {
        if (this.stopped) return;
        if (posted.has(occurrence.slot) || this.failed.has(`${key}\u0000${occurrence.slot}`)) continue;
        await this.post(subscription, occurrence);
      }
    })()
      .catch((error: unknown) =>
        this.options.logger.error(`project of the day: ${subscription.channelId} failed`, error),
      )
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async post(subscription: WorkspaceSubscription, occurrence: Occurrence): Promise<void> {
    const { store, logger, leaseMs } = this.options;
    const { installation, channelId } = subscription;
    const { slot } = occurrence;
    const giveUp = () => this.failed.add(`${installation}\u0000${channelId}\u0000${slot}`);
    const entry = await this.projectForSlot(slot);
    if (!entry) return;
    const claim = await store.claimPost(channelId, slot, installation, this.owner, leaseMs);
    if (!claim) return; // posted, or another replica holds it
    let maybeSentSince = claim.sendingSince;
    for (let attempt = 1; ; attempt++) {
      const client = await this.options.clientFor(installation);
      if (!client) {
        logger.info(
          `project of the day: ${installation} is no longer installed; nothing sent to ${channelId}`,
        );
        await store.release(channelId, slot, this.owner);
        return;
      }
      if (maybeSentSince) {
        const found = await this.findPosted(client, subscription, occurrence, maybeSentSince);
        if (found === 'paused' || found === 'unknown') {
          if (found === 'unknown') {
            logger.warn(`project of the day: cannot check ${channelId} for slot ${slot}; not posting again`);
            giveUp();
          }
          await store.release(channelId, slot, this.owner);
          return;
        }
        if (found) {
          await store.markPosted(channelId, slot, found);
          logger.info(`project of the day: ${channelId} already has slot ${slot}`);
          this.options.onPost?.('recovered');
          return;
        }
      }
      // The fence: only while this replica still holds the claim does anything go out.
      if (!(await store.startSending(channelId, slot, this.owner, leaseMs))) {
        logger.warn(
          `project of the day: lost the claim on ${channelId} slot ${slot}; another replica has it`,
        );
        return;
      }
      const message = this.card(entry);
      const sendingAt = new Date();
      let ts: string;
      try {
        const result = await client.chat.postMessage({
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          metadata: { event_type: POTD_EVENT_TYPE, event_payload: { slot, project: entry.id } },
        });
        ts = result.ts ?? '';
      } catch (error) {
        const code = platformCode(error);
        const seconds = rateLimitSeconds(error);
        // Slack answered and did not post: nothing went out.
        if (code || seconds) await store.notSent(channelId, slot, this.owner);
        if (code && CHANNEL_GONE.has(code)) {
          await store.removeSubscription(installation, channelId);
          await store.release(channelId, slot, this.owner);
          logger.warn(`project of the day: unsubscribed ${channelId}: ${code}`);
          this.options.onPost?.('failed');
          return;
        }
        if (seconds) {
          await store.pause(installation, seconds);
          // A short wait holds the claim; a long one lets any replica post once the pause is over.
          if (seconds * 1000 < leaseMs / 2 && attempt < MAX_ATTEMPTS && !this.stopped) {
            logger.warn(`project of the day: ${channelId}: rate limited; retrying in ${seconds * 1000} ms`);
            await sleep(seconds * 1000);
            maybeSentSince = undefined;
            continue;
          }
          logger.warn(
            `project of the day: ${installation} rate limited for ${seconds} s; ${channelId} waits`,
          );
          await store.release(channelId, slot, this.owner);
          return;
        }
        const wait = this.backoff(error, attempt);
        if (wait === undefined || attempt >= MAX_ATTEMPTS || this.stopped) {
          logger.error(
            `project of the day: could not post to ${channelId} for slot ${slot}: ${describe(error)}`,
          );
          giveUp();
          await store.release(channelId, slot, this.owner);
          this.options.onPost?.('failed');
          return;
        }
        logger.warn(`project of the day: ${channelId}: ${describe(error)}; retrying in ${wait} ms`);
        // A server error or a lost response: the post may have gone out, so the next attempt looks first.
        maybeSentSince = sendingAt;
        await sleep(wait);
        continue;
      }
      logger.info(`project of the day: posted ${entry.id} to ${channelId} for slot ${slot}`);
      this.options.onPost?.('posted');
      await this.recordPosted(channelId, slot, ts);
      return;
    }
  }

  /**
   * Records a post Slack accepted. While the store cannot be written, the post stays `sending`: once the
   * store answers again, the next tick claims the slot after the lease and finds the post in the
   * channel's history, so it is recorded without a restart and never sent twice.
   */
  private async recordPosted(channelId: string, slot: string, ts: string): Promise<void> {
    try {
      await this.options.store.markPosted(channelId, slot, ts);
    } catch (error) {
      this.options.logger.warn(
        `project of the day: posted to ${channelId} for slot ${slot}, but could not record it (${describe(error)}); it will be found in the channel's history once the store answers`,
      );
    }
  }

  /** Milliseconds to wait before retrying a server or network error, or undefined when retrying cannot help. */
  private backoff(error: unknown, attempt: number): number | undefined {
    const { code, statusCode } = error as { code?: string; statusCode?: number };
    const transient =
      code === ErrorCode.RequestError || (code === ErrorCode.HTTPError && (statusCode ?? 0) >= 500);
    if (!transient) return undefined;
    return Math.min(MAX_BACKOFF_MS, (this.options.backoffMs ?? 1000) * 2 ** (attempt - 1));
  }

  /**
   * The ts of our post for this slot in the channel's history since the attempt that may have sent it;
   * 'paused' after a 429 (the installation waits), 'unknown' if history cannot be read. The window
   * starts at that attempt, so a page or two of at most 15 messages suffices.
   */
  private async findPosted(
    client: WebClient,
    subscription: WorkspaceSubscription,
    occurrence: Occurrence,
    since: Date,
  ): Promise<string | undefined | 'paused' | 'unknown'> {
    let cursor: string | undefined;
    try {
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const history = await client.conversations.history({
          channel: subscription.channelId,
          oldest: String(Math.floor(since.getTime() / 1000) - HISTORY_SLACK_S),
          include_all_metadata: true,
          limit: HISTORY_PAGE,
          ...(cursor && { cursor }),
        });
        const mine = history.messages?.find(
          (message) =>
            message.metadata?.event_type === POTD_EVENT_TYPE &&
            (message.metadata.event_payload as { slot?: string } | undefined)?.slot === occurrence.slot,
        );
        if (mine) return mine.ts;
        cursor = history.response_metadata?.next_cursor || undefined;
        if (!history.has_more || !cursor) return undefined;
      }
      return 'unknown';
    } catch (error) {
      const seconds = rateLimitSeconds(error);
      if (seconds) {
        await this.options.store.pause(subscription.installation, seconds);
        return 'paused';
      }
      this.options.logger.warn(
        `project of the day: history of ${subscription.channelId}: ${describe(error)}`,
      );
      return 'unknown';
    }
  }
}

/** The seconds a 429 asks to wait (at least one), or undefined for any other error. */
function rateLimitSeconds(error: unknown): number | undefined {
  const { code, retryAfter } = error as { code?: string; retryAfter?: number };
  return code === ErrorCode.RateLimitedError ? Math.max(1, retryAfter ?? 1) : undefined;
}

function describe(error: unknown): string {
  return platformCode(error) ?? (error instanceof Error ? error.message : String(error));
}
