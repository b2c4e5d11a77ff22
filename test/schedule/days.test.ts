import { describe, expect, it } from 'vitest';
import { dayToIso, dueDay, isoToDay, parseRolloverHour, studyDay } from '../../src/schedule/days.js';
import { sm2Scheduler } from '../../src/schedule/scheduler.js';

const day = (iso: string) => isoToDay(iso);
const utc = { rolloverHour: 4, timeZone: 'UTC' };

describe('study days', () => {
  it('start at the rollover hour: 03:59 still belongs to the previous day, 04:00 starts the next', () => {
    expect(studyDay(new Date('2026-03-01T03:59:59Z'), utc)).toBe(day('2026-02-28'));
    expect(studyDay(new Date('2026-03-01T04:00:00Z'), utc)).toBe(day('2026-03-01'));
    expect(studyDay(new Date('2026-03-01T23:59:00Z'), utc)).toBe(day('2026-03-01'));
  });

  it('follow a configurable rollover hour, including midnight', () => {
    expect(studyDay(new Date('2026-03-01T00:30:00Z'), { rolloverHour: 0, timeZone: 'UTC' })).toBe(day('2026-03-01'));
    expect(studyDay(new Date('2026-03-01T05:30:00Z'), { rolloverHour: 6, timeZone: 'UTC' })).toBe(day('2026-02-28'));
  });

  it('use the local time of the zone, not UTC', () => {
    // 23:30 UTC on 1 March is 08:30 on 2 March in Tokyo and 18:30 on 1 March in New York.
    const instant = new Date('2026-03-01T23:30:00Z');
    expect(studyDay(instant, { rolloverHour: 4, timeZone: 'Asia/Tokyo' })).toBe(day('2026-03-02'));
    expect(studyDay(instant, { rolloverHour: 4, timeZone: 'America/New_York' })).toBe(day('2026-03-01'));
  });

  it('use the UTC offset in force when summer time starts (Berlin, 29 March 2026: 02:00 CET -> 03:00 CEST)', () => {
    const berlin = { rolloverHour: 4, timeZone: 'Europe/Berlin' };
    // 01:30Z is 03:30 CEST: before the rollover. A fixed winter offset (+1) would call it 02:30: the same study day either way.
    expect(studyDay(new Date('2026-03-29T01:30:00Z'), berlin)).toBe(day('2026-03-28'));
    // 02:00Z is 04:00 CEST, the new day; with the winter offset it would still be 03:00 of the day before.
    expect(studyDay(new Date('2026-03-29T02:00:00Z'), berlin)).toBe(day('2026-03-29'));
  });

  it('use the UTC offset in force when summer time ends (Berlin, 25 October 2026: 03:00 CEST -> 02:00 CET)', () => {
    const berlin = { rolloverHour: 4, timeZone: 'Europe/Berlin' };
    // 02:30Z is 03:30 CET: still the previous study day (the summer offset would make it 04:30).
    expect(studyDay(new Date('2026-10-25T02:30:00Z'), berlin)).toBe(day('2026-10-24'));
    expect(studyDay(new Date('2026-10-25T03:00:00Z'), berlin)).toBe(day('2026-10-25'));
  });

  it('make a card answered at 21:00 with interval 1 due at 09:00 the next morning, across a DST change', () => {
    const newYork = { rolloverHour: 4, timeZone: 'America/New_York' };
    // 7 March 2026 21:00 EST; clocks go forward on 8 March; 09:00 EDT is 13:00Z.
    const answeredAt = new Date('2026-03-08T02:00:00Z');
    const today = studyDay(answeredAt, newYork);
    expect(dayToIso(today)).toBe('2026-03-07');
    const { due } = sm2Scheduler.answer(undefined, 4, { now: answeredAt, today });
    expect(dayToIso(due)).toBe('2026-03-08');
    expect(studyDay(new Date('2026-03-08T13:00:00Z'), newYork)).toBeGreaterThanOrEqual(due);
    // ...and not already at 03:00 the same night (before the rollover).
    expect(studyDay(new Date('2026-03-08T07:00:00Z'), newYork)).toBeLessThan(due);
  });

  it('add intervals as whole days across month and year ends', () => {
    expect(dayToIso(dueDay(day('2026-12-30'), 6))).toBe('2027-01-05');
    expect(dayToIso(dueDay(day('2028-02-28'), 1))).toBe('2028-02-29');
    expect(isoToDay(dayToIso(20_000))).toBe(20_000);
  });

  it('accept rollover hours 0-23 only', () => {
    expect(parseRolloverHour('0')).toBe(0);
    expect(parseRolloverHour('23')).toBe(23);
    expect(() => parseRolloverHour('24')).toThrow(/0–23/);
    expect(() => parseRolloverHour('four')).toThrow(/0–23/);
  });
});
