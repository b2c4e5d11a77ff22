import { dayToIso } from '../schedule/days.js';
import type { Db } from '../store/database.js';
import { answersBetween, deckMatches, unitSchedules } from '../study/tables.js';
import { MATURE_INTERVAL, RECALLED_GRADE } from '../schedule/grades.js';

/** What `flashmark stats --json` prints. */
export interface Stats {
  today: string;
  /** Active cards never answered. */
  new: number;
  /** Seen, interval under 21 days. */
  learning: number;
  /** Seen and due today (overdue included). */
  due: number;
  /** Interval of 21 days or more. */
  mature: number;
  /** Cards gone from the notes, kept with their history. */
  retired: number;
  /** Answers given today, same-day repeats included (undone answers excluded). */
  reviewsToday: number;
  /**
   * Share of scheduled answers graded 3 or more over the last 30 study days
   * (today included), or null without answers. Same-day repeats are left out:
   * they follow a failure by minutes and would flatter the rate.
   */
  retention30d: number | null;
  /** Due cards per day for the next N days, today first (today includes overdue cards). */
  forecast: { date: string; due: number }[];
}

/** Days of answers the recall rate is taken over, today included. */
const RETENTION_DAYS = 30;

/** `flashmark stats` of a study database: its rows, then the pure calculation. */
export function computeStats(db: Db, today: number, days: number, deck?: string): Stats {
  return statsOf(unitSchedules(db), answersBetween(db, today - (RETENTION_DAYS - 1), today), today, days, deck);
}

/** The figures of `flashmark stats` from the cards' schedules and the answers of the last 30 study days. */
export function statsOf(
  units: readonly { deck: string; due: number | null; interval: number; retired: boolean; count?: number }[],
  recentAnswers: readonly { deck: string; grade: number; kind: string; day: number }[],
  today: number,
  days: number,
  deck?: string,
): Stats {
  const cards = units.filter((unit) => deckMatches(unit.deck, deck));
  // A row may stand for several units alike (unitSchedules counts them).
  const sum = (rows: readonly { count?: number }[]) => rows.reduce((total, row) => total + (row.count ?? 1), 0);
  const active = cards.filter((unit) => !unit.retired);
  const seen = active.filter((unit): unit is typeof unit & { due: number } => unit.due !== null);
  const forecast = Array.from({ length: days }, (_, offset) => ({ date: dayToIso(today + offset), due: 0 }));
  for (const unit of seen) {
    const offset = Math.max(0, unit.due - today);
    if (offset < days) forecast[offset]!.due += unit.count ?? 1;
  }
  const answers = recentAnswers.filter((row) => deckMatches(row.deck, deck));
  const scheduled = answers.filter((row) => row.kind === 'scheduled');
  return {
    today: dayToIso(today),
    new: sum(active) - sum(seen),
    learning: sum(seen.filter((unit) => unit.interval < MATURE_INTERVAL)),
    due: sum(seen.filter((unit) => unit.due <= today)),
    mature: sum(seen.filter((unit) => unit.interval >= MATURE_INTERVAL)),
    retired: sum(cards) - sum(active),
    reviewsToday: answers.filter((row) => row.day === today).length,
    retention30d: scheduled.length === 0 ? null : scheduled.filter((row) => row.grade >= RECALLED_GRADE).length / scheduled.length,
    forecast,
  };
}
