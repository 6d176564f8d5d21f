import { isTimezone, TIME, type TimeRule } from './schedule';

/** Reads `[HH:MM] [TIMEZONE] [--daily]`, in any order; `unknown` is the first argument it did not understand. */
export function parseSubscribeArgs(
  args: readonly string[],
  defaultTimezone: string,
): TimeRule | { unknown: string } {
  let time = '09:00';
  let timezone = defaultTimezone;
  let weekdaysOnly = true;
  for (const arg of args) {
    const match = TIME.exec(arg);
    if (match) time = `${(match[1] ?? '').padStart(2, '0')}:${match[2]}`;
    else if (arg === '--daily') weekdaysOnly = false;
    else if (isTimezone(arg)) timezone = arg;
    else return { unknown: arg };
  }
  return { time, timezone, weekdaysOnly };
}
