import type { Logger } from '@slack/bolt';
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Command } from '../answer/command';
import { projectCard } from '../blocks/card';
import type { Message } from '../blocks/kit';
import { textMessage } from '../blocks/messages';
import { echo, type Mrkdwn, md } from '../blocks/mrkdwn';
import { STRINGS } from '../blocks/strings';
import type { Catalog, CatalogEntry } from '../catalog/types';
import type { PotdStore } from '../store/potd-store';
import { mixedOrder, nextInRotation } from './rotation';
import { dueOccurrence, localDate, nextOccurrence, type Occurrence, type Subscription } from './schedule';
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

export interface PotdOptions {
  readonly store: PotdStore;
  /** A client that rejects rate-limited calls, so retries here follow Retry-After exactly. */
  readonly client: WebClient;
  readonly catalog: () => Catalog;
  readonly logger: Logger;
  readonly defaultTimezone: string;
  readonly schedule?: string;
  readonly channels?: readonly string[];
  readonly now?: () => Date;
  /** Backoff base for 5xx and network errors. */
  readonly backoffMs?: number;
  readonly onPost?: (outcome: 'posted' | 'recovered' | 'failed') => void;
}

type PotdCommand = Extract<Command, { kind: 'potd' }>;

/**
 * Project of the day: one shared rotation, subscriptions, and a scheduler that posts each (channel,
 * slot) once, checking the channel's history after a crash or a lost response before posting again.
 */
export class PotdService {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** (channel, slot) pairs that failed for good: not tried again until restart. */
  private readonly failed = new Set<string>();
  private readonly now: () => Date;
  private stopped = false;

  constructor(private readonly options: PotdOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** The project of a slot: assigned once, the next of the rotation, shared by every channel. */
  projectForSlot(slot: string): CatalogEntry | undefined {
    const catalog = this.options.catalog();
    const assigned = this.options.store.assignment(slot);
    if (assigned && catalog.byId.has(assigned)) return catalog.byId.get(assigned);
    const next = nextInRotation(mixedOrder(catalog.entries), this.options.store.history());
    if (!next) return undefined;
    return catalog.byId.get(assigned ? next : this.options.store.assign(slot, next));
  }

  /** Today's project in the default timezone (or the schedule's latest occurrence). */
  today(): CatalogEntry | undefined {
    const now = this.now();
    const rule = { time: '00:00', timezone: this.options.defaultTimezone, weekdaysOnly: false };
    if (!this.options.schedule) return this.projectForSlot(localDate(now, rule.timezone));
    const due = dueOccurrence({ ...rule, channelId: '', createdAt: new Date(0) }, this.options.schedule, now);
    return due ? this.projectForSlot(due.slot) : this.projectForSlot(localDate(now, rule.timezone));
  }

  private card(entry: CatalogEntry): Message {
    return projectCard(entry, {
      heading: STRINGS.potdHeading.en,
      lookup: (id) => this.options.catalog().byId.get(id),
    });
  }

  async handleCommand(command: PotdCommand, where: { channelId: string }): Promise<Message> {
    const { store } = this.options;
    if (command.action === 'unsubscribe') {
      return textMessage(
        store.removeSubscription(where.channelId)
          ? md`This channel will no longer get the project of the day.`
          : md`This channel was not subscribed to the project of the day.`,
      );
    }
    if (command.action === 'status') {
      const subscription = store.getSubscription(where.channelId);
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
    if (!(await this.isMember(where.channelId))) {
      return textMessage(
        md`I am not in this channel yet, so I could not post here. Add me with \`/invite @ebpf-bot\`, then subscribe again.`,
      );
    }
    const existing = store.getSubscription(where.channelId);
    const subscription: Subscription = {
      ...rule,
      channelId: where.channelId,
      createdAt: existing?.createdAt ?? this.now(),
    };
    store.saveSubscription(subscription);
    this.wake();
    return textMessage(md`Subscribed. ${this.describe(subscription)}`);
  }

  private describe(subscription: Subscription): Mrkdwn {
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

  private async isMember(channelId: string): Promise<boolean> {
    if (channelId.startsWith('D')) return true;
    try {
      const info = await this.options.client.conversations.info({ channel: channelId });
      return info.channel?.is_member !== false;
    } catch (error) {
      if (platformCode(error) === 'channel_not_found') return false;
      throw error;
    }
  }

  /** Subscribes `POTD_CHANNELS` and starts the scheduler; owed posts of today go out right away. */
  start(): void {
    for (const channelId of this.options.channels ?? []) {
      if (!this.options.store.getSubscription(channelId)) {
        this.options.store.saveSubscription({
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
    const pending = Promise.allSettled([...this.inFlight.values()]);
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
      try {
        this.tick();
      } catch (error) {
        this.options.logger.error('project of the day: tick failed', error);
      }
      if (!this.stopped) this.arm(this.sleepMs());
    }, delay);
  }

  private sleepMs(): number {
    const now = this.now();
    const nexts = this.options.store
      .listSubscriptions()
      .map(
        (subscription) =>
          nextOccurrence(subscription, this.options.schedule, now)?.getTime() ?? Number.POSITIVE_INFINITY,
      );
    return Math.max(10, Math.min(MAX_SLEEP_MS, Math.min(...nexts) - now.getTime()));
  }

  /**
   * Starts a post for every owed (channel, slot) without waiting for them: a channel that is retrying
   * holds up neither the others nor the next occurrence.
   */
  tick(): void {
    const now = this.now();
    for (const subscription of this.options.store.listSubscriptions()) {
      const due = dueOccurrence(subscription, this.options.schedule, now);
      if (due) void this.postOnce(subscription.channelId, due);
    }
  }

  private postOnce(channelId: string, occurrence: Occurrence): Promise<void> {
    const key = `${channelId}\u0000${occurrence.slot}`;
    if (this.failed.has(key) || this.options.store.postState(channelId, occurrence.slot) === 'posted')
      return Promise.resolve();
    const running = this.inFlight.get(key);
    if (running) return running;
    const post = this.post(channelId, occurrence, key)
      .catch((error: unknown) => this.options.logger.error(`project of the day: ${channelId} failed`, error))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, post);
    return post;
  }

  private async post(channelId: string, occurrence: Occurrence, key: string): Promise<void> {
    const { store, client, logger } = this.options;
    const entry = this.projectForSlot(occurrence.slot);
    if (!entry) return;
    const message = this.card(entry);
    for (let attempt = 1; ; attempt++) {
      // A pending post may have reached Slack before a crash or a lost response: look before posting.
      if (store.postState(channelId, occurrence.slot) === 'pending') {
        const found = await this.findPosted(channelId, occurrence);
        if (found === 'unknown') {
          logger.warn(
            `project of the day: cannot check ${channelId} for slot ${occurrence.slot}; not posting again`,
          );
          this.failed.add(key);
          return;
        }
        if (found) {
          store.markPosted(channelId, occurrence.slot, found);
          logger.info(`project of the day: ${channelId} already has slot ${occurrence.slot}`);
          this.options.onPost?.('recovered');
          return;
        }
      }
      store.markPending(channelId, occurrence.slot);
      try {
        const result = await client.chat.postMessage({
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          metadata: {
            event_type: POTD_EVENT_TYPE,
            event_payload: { slot: occurrence.slot, project: entry.id },
          },
        });
        store.markPosted(channelId, occurrence.slot, result.ts ?? '');
        logger.info(`project of the day: posted ${entry.id} to ${channelId} for slot ${occurrence.slot}`);
        this.options.onPost?.('posted');
        return;
      } catch (error) {
        const wait = this.retryDelay(error, attempt);
        const code = platformCode(error);
        if (code && CHANNEL_GONE.has(code)) {
          store.removeSubscription(channelId);
          logger.warn(`project of the day: unsubscribed ${channelId}: ${code}`);
          this.options.onPost?.('failed');
          return;
        }
        if (wait === undefined || attempt >= MAX_ATTEMPTS || this.stopped) {
          logger.error(
            `project of the day: could not post to ${channelId} for slot ${occurrence.slot}: ${describe(error)}`,
          );
          this.failed.add(key);
          this.options.onPost?.('failed');
          return;
        }
        logger.warn(`project of the day: ${channelId}: ${describe(error)}; retrying in ${wait} ms`);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /** Milliseconds to wait before retrying, or undefined when retrying cannot help. */
  private retryDelay(error: unknown, attempt: number): number | undefined {
    const { code, retryAfter, statusCode } = error as {
      code?: string;
      retryAfter?: number;
      statusCode?: number;
    };
    if (code === ErrorCode.RateLimitedError) return Math.max(1, retryAfter ?? 1) * 1000;
    const transient =
      code === ErrorCode.RequestError || (code === ErrorCode.HTTPError && (statusCode ?? 0) >= 500);
    if (!transient) return undefined;
    return Math.min(MAX_BACKOFF_MS, (this.options.backoffMs ?? 1000) * 2 ** (attempt - 1));
  }

  /** The ts of our post for this slot in the channel's recent history; 'unknown' if history is unreadable. */
  private async findPosted(
    channelId: string,
    occurrence: Occurrence,
  ): Promise<string | undefined | 'unknown'> {
    try {
      const history = await this.options.client.conversations.history({
        channel: channelId,
        oldest: String(Math.floor(occurrence.at.getTime() / 1000) - 60),
        include_all_metadata: true,
        limit: 100,
      });
      const mine = history.messages?.find(
        (message) =>
          message.metadata?.event_type === POTD_EVENT_TYPE &&
          (message.metadata.event_payload as { slot?: string } | undefined)?.slot === occurrence.slot,
      );
      return mine?.ts;
    } catch (error) {
      this.options.logger.warn(`project of the day: history of ${channelId}: ${describe(error)}`);
      return 'unknown';
    }
  }
}

function platformCode(error: unknown): string | undefined {
  const { code, data } = error as { code?: string; data?: { error?: string } };
  return code === ErrorCode.PlatformError ? data?.error : undefined;
}

function describe(error: unknown): string {
  return platformCode(error) ?? (error instanceof Error ? error.message : String(error));
}
