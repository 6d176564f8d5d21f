import { isTimezone, TIME, type TimeRule } from './schedule';

/** Reads `[HH:MM] [TIMEZONE] [--daily]`, in any order; an error says what was not understood. */
export function parseSubscribeArgs(
  args: readonly string[],
  defaultTimezone: string,
): TimeRule | { error: string } {
  let time = '09:00';
  let timezone = defaultTimezone;
  let weekdaysOnly = true;
  for (const arg of args) {
    const match = TIME.exec(arg);
    if (match) time = `${(match[1] ?? '').padStart(2, '0')}:${match[2]}`;
    else if (arg === '--daily') weekdaysOnly = false;
    else if (isTimezone(arg)) timezone = arg;
    else
      return {
        error: `I did not understand “${arg.slice(0, 60)}”: give a time as HH:MM (24-hour), a timezone such as Europe/Berlin, or --daily.`,
      };
  }
  return { time, timezone, weekdaysOnly };
}
