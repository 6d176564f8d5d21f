import { dueOccurrence, localDate, nextOccurrence, type Subscription } from '../../src/potd/schedule';
import { parseSubscribeArgs } from '../../src/potd/subscribe-args';

const berlin: Subscription = {
  channelId: 'C1',
  time: '09:00',
  timezone: 'Europe/Berlin',
  weekdaysOnly: true,
  createdAt: new Date('2026-01-01T00:00:00Z'),
};
const at = (iso: string) => new Date(iso);

describe('next post time', () => {
  it('keeps 09:00 local across the spring DST change', () => {
    // Europe/Berlin moves from UTC+1 to UTC+2 on Sunday 2026-03-29.
    expect(nextOccurrence(berlin, undefined, at('2026-03-26T12:00:00Z'))).toEqual(at('2026-03-27T08:00:00Z'));
    expect(nextOccurrence(berlin, undefined, at('2026-03-27T12:00:00Z'))).toEqual(at('2026-03-30T07:00:00Z'));
  });

  it('keeps 09:00 local across the autumn DST change, daily', () => {
    const daily = { ...berlin, weekdaysOnly: false };
    // UTC+2 -> UTC+1 on Sunday 2026-10-25
    expect(nextOccurrence(daily, undefined, at('2026-10-24T12:00:00Z'))).toEqual(at('2026-10-25T08:00:00Z'));
    expect(nextOccurrence(daily, undefined, at('2026-10-25T12:00:00Z'))).toEqual(at('2026-10-26T08:00:00Z'));
  });

  it('skips weekends unless daily', () => {
    const friday = at('2026-11-27T10:00:00Z');
    expect(nextOccurrence(berlin, undefined, friday)).toEqual(at('2026-11-30T08:00:00Z'));
    expect(nextOccurrence({ ...berlin, weekdaysOnly: false }, undefined, friday)).toEqual(
      at('2026-11-28T08:00:00Z'),
    );
  });

  it('follows POTD_SCHEDULE instead, to the second', () => {
    expect(nextOccurrence(berlin, '*/5 * * * * *', at('2026-11-25T10:00:01Z'))).toEqual(
      at('2026-11-25T10:00:05Z'),
    );
  });
});

describe('which post is owed', () => {
  it('owes today’s post after its time, until the local day is over', () => {
    expect(dueOccurrence(berlin, undefined, at('2026-11-25T07:59:00Z'))).toBeUndefined();
    expect(dueOccurrence(berlin, undefined, at('2026-11-25T08:00:00Z'))).toEqual({
      at: at('2026-11-25T08:00:00Z'),
      slot: '2026-11-25',
    });
    expect(dueOccurrence(berlin, undefined, at('2026-11-25T22:59:00Z'))?.slot).toBe('2026-11-25');
    // 00:30 in Berlin the next day: yesterday's post is never sent late
    expect(dueOccurrence(berlin, undefined, at('2026-11-25T23:30:00Z'))).toBeUndefined();
  });

  it('owes nothing on a weekend day or before the subscription began', () => {
    expect(dueOccurrence(berlin, undefined, at('2026-11-28T12:00:00Z'))).toBeUndefined();
    const late = { ...berlin, createdAt: at('2026-11-25T10:00:00Z') };
    expect(dueOccurrence(late, undefined, at('2026-11-25T11:00:00Z'))).toBeUndefined();
  });

  it('keys schedule occurrences by their instant', () => {
    expect(dueOccurrence(berlin, '*/5 * * * * *', at('2026-11-25T10:00:07Z'))?.slot).toBe(
      '2026-11-25T10:00:05.000Z',
    );
  });

  it('dates instants in the channel’s timezone', () => {
    expect(localDate(at('2026-11-25T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-26');
    expect(localDate(at('2026-11-25T23:30:00Z'), 'America/Los_Angeles')).toBe('2026-11-25');
  });
});

describe('/ebpf potd subscribe arguments', () => {
  it('reads time, timezone and --daily in any order, with defaults', () => {
    expect(parseSubscribeArgs([], 'UTC')).toEqual({ time: '09:00', timezone: 'UTC', weekdaysOnly: true });
    expect(parseSubscribeArgs(['--daily', 'Asia/Shanghai', '7:30'], 'UTC')).toEqual({
      time: '07:30',
      timezone: 'Asia/Shanghai',
      weekdaysOnly: false,
    });
  });

  it('names the first argument it did not understand', () => {
    expect(parseSubscribeArgs(['25:00'], 'UTC')).toEqual({ unknown: '25:00' });
    expect(parseSubscribeArgs(['07:00', 'Mars/Base', 'x'], 'UTC')).toEqual({ unknown: 'Mars/Base' });
  });
});
