/**
 * Study days. A study day starts at a rollover hour of local time (4 am by
 * default, like Anki), so an evening session and the small hours after it are
 * the same day. Days are whole numbers (days since 1970-01-01 of the study
 * day's calendar date), so due dates are `today + interval` and a card
 * answered at 21:00 with interval 1 is due at 09:00 the next morning.
 */

export const DEFAULT_ROLLOVER_HOUR = 4;

const MS_PER_DAY = 86_400_000;

/** Where and when a study day starts. `timeZone` undefined = the system's local time (TZ). */
export interface DayOptions {
  rolloverHour: number;
  timeZone?: string | undefined;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local date and hour at `instant`, with the UTC offset in force at that instant (so DST changes count). */
function wallClock(instant: Date, timeZone: string | undefined): WallClock {
  if (timeZone === undefined) {
    return { year: instant.getFullYear(), month: instant.getMonth() + 1, day: instant.getDate(), hour: instant.getHours() };
  }
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return { year: Number(parts['year']), month: Number(parts['month']), day: Number(parts['day']), hour: Number(parts['hour']) };
}

/** The study day `now` falls in: its local calendar date, or the previous one before the rollover hour. */
export function studyDay(now: Date, options: DayOptions = { rolloverHour: DEFAULT_ROLLOVER_HOUR }): number {
  if (Number.isNaN(now.getTime())) throw new RangeError('studyDay: invalid date');
  const clock = wallClock(now, options.timeZone);
  const calendarDay = Math.floor(Date.UTC(clock.year, clock.month - 1, clock.day) / MS_PER_DAY);
  return clock.hour < options.rolloverHour ? calendarDay - 1 : calendarDay;
}

/** The day a card answered on `today` with `interval` days is due: whole days, never `now + interval × 24 h`. */
export function dueDay(today: number, interval: number): number {
  return today + interval;
}

/** `YYYY-MM-DD` of a day number. */
export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day number of a `YYYY-MM-DD` date. */
export function isoToDay(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return Math.floor(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY);
}

/** A rollover hour option value (0–23), or a RangeError naming the problem. */
export function parseRolloverHour(value: string): number {
  const hour = Number(value);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`expected an hour 0–23, got ${value}`);
  return hour;
}
