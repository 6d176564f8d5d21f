import { Cron } from 'croner';

/** When a channel gets its project of the day. */
export interface TimeRule {
  /** `HH:MM`, 24-hour, in `timezone`. */
  readonly time: string;
  readonly timezone: string;
  readonly weekdaysOnly: boolean;
}

export interface Subscription extends TimeRule {
  readonly channelId: string;
  /** Occurrences before this are not owed to the channel. */
  readonly createdAt: Date;
}

/** One scheduled occurrence: the post for a channel is identified by (channel, slot). */
export interface Occurrence {
  readonly at: Date;
  readonly slot: string;
}

export const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** `YYYY-MM-DD` of an instant in a timezone. */
export function localDate(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * The cron pattern of a subscription: its own time rule, or the operator's `POTD_SCHEDULE`, which
 * replaces time and weekdays for everyone (and may have seconds). Croner does the timezone and DST work.
 */
function cronOf(rule: TimeRule, schedule: string | undefined): Cron {
  if (schedule) return new Cron(schedule, { timezone: rule.timezone, paused: true });
  const [, hours, minutes] = TIME.exec(rule.time) ?? [];
  return new Cron(`0 ${Number(minutes)} ${Number(hours)} * * ${rule.weekdaysOnly ? '1-5' : '*'}`, {
    timezone: rule.timezone,
    paused: true,
  });
}

/** The slot of an occurrence: the channel's local date for the daily rule, the instant for a schedule. */
export function slotOf(at: Date, rule: TimeRule, schedule: string | undefined): string {
  return schedule ? at.toISOString() : localDate(at, rule.timezone);
}

export function nextOccurrence(rule: TimeRule, schedule: string | undefined, now: Date): Date | undefined {
  return cronOf(rule, schedule).nextRun(now) ?? undefined;
}

/**
 * The occurrence a channel is owed at `now`: the latest one not after `now`, if it fell on the channel's
 * current day and after the subscription began. A missed run is owed until the day is over, never later.
 */
export function dueOccurrence(
  subscription: Subscription,
  schedule: string | undefined,
  now: Date,
): Occurrence | undefined {
  // Croner's previous runs are strictly before a reference it rounds to the second: look a second
  // ahead and keep the latest run that is not after `now`.
  const at = cronOf(subscription, schedule)
    .previousRuns(2, new Date(now.getTime() + 1000))
    .find((run) => run <= now);
  if (!at || at < subscription.createdAt) return undefined;
  if (localDate(at, subscription.timezone) !== localDate(now, subscription.timezone)) return undefined;
  return { at, slot: slotOf(at, subscription, schedule) };
}

/**
 * Every occurrence a channel is still owed at `now`, oldest first: the most recent `limit` ones that
 * fell on the channel's current day and after the subscription began. A replica that took over from
 * one that died, or a workspace paused by a rate limit, catches up on these; a past day never.
 */
export function owedOccurrences(
  subscription: Subscription,
  schedule: string | undefined,
  now: Date,
  limit: number,
): Occurrence[] {
  const today = localDate(now, subscription.timezone);
  return cronOf(subscription, schedule)
    .previousRuns(limit, new Date(now.getTime() + 1000))
    .filter(
      (at) => at <= now && at >= subscription.createdAt && localDate(at, subscription.timezone) === today,
    )
    .sort((a, b) => a.getTime() - b.getTime())
    .map((at) => ({ at, slot: slotOf(at, subscription, schedule) }));
}

/** Whether the runtime knows an IANA timezone name. */
export function isTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Whether a cron expression is one croner accepts. */
export function isValidSchedule(schedule: string): boolean {
  try {
    new Cron(schedule, { paused: true });
    return true;
  } catch {
    return false;
  }
}
