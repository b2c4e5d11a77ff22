import { describe, expect, it } from 'vitest';
import { resolveRollover, resolveStudyNow } from '../../src/cli/study-options.js';
import { dayToIso, studyDay } from '../../src/schedule/days.js';

describe('the clock and day options of review and stats', () => {
  it('reads a bare --now date as that local date (not UTC midnight, which is the previous study day before 4 am)', () => {
    const now = resolveStudyNow('2026-03-01');
    expect([now.getFullYear(), now.getMonth() + 1, now.getDate(), now.getHours()]).toEqual([2026, 3, 1, 12]);
    expect(dayToIso(studyDay(now, { rolloverHour: 4 }))).toBe('2026-03-01');
  });

  it('reads a date and time as local time, and rejects what is not a date in one line naming --now', () => {
    const now = resolveStudyNow('2026-03-01T21:30');
    expect([now.getDate(), now.getHours(), now.getMinutes()]).toEqual([1, 21, 30]);
    expect(() => resolveStudyNow('next tuesday')).toThrow(/^--now: not a date/);
  });

  it('accepts rollover hours 0-23 and names --rollover otherwise', () => {
    expect(resolveRollover('0')).toBe(0);
    expect(() => resolveRollover('24')).toThrow(/^--rollover: expected an hour 0–23, got 24$/);
  });
});
