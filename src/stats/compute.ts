import { dayToIso } from '../schedule/days.js';
import type { Db } from '../store/database.js';
import { deckMatches } from '../study/store.js';

/** A card counts as mature from this interval on (Anki's threshold). */
export const MATURE_INTERVAL = 21;

/** What `flashmark stats --json` prints (design.md). */
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

interface CardRow {
  deck: string;
  due_day: number | null;
  interval: number;
  retired: number;
}

export function computeStats(db: Db, today: number, days: number, deck?: string): Stats {
  const cards = db.prepare<[], CardRow>('SELECT deck, due_day, interval, retired FROM study_card').all().filter((row) => deckMatches(row.deck, deck));
  const active = cards.filter((row) => !row.retired);
  const seen = active.filter((row) => row.due_day !== null);
  const forecast = Array.from({ length: days }, (_, offset) => ({ date: dayToIso(today + offset), due: 0 }));
  for (const row of seen) {
    const offset = Math.max(0, row.due_day! - today);
    if (offset < days) forecast[offset]!.due++;
  }
  const answers = db
    .prepare<[number, number], { deck: string; grade: number; kind: string; day: number }>(
      `SELECT c.deck, r.grade, r.kind, r.day FROM study_review r JOIN study_card c ON c.card_id = r.card_id AND c.ord = r.ord
       WHERE r.undone_at IS NULL AND r.day BETWEEN ? AND ?`,
    )
    .all(today - 29, today)
    .filter((row) => deckMatches(row.deck, deck));
  const scheduled = answers.filter((row) => row.kind === 'scheduled');
  return {
    today: dayToIso(today),
    new: active.length - seen.length,
    learning: seen.filter((row) => row.interval < MATURE_INTERVAL).length,
    due: seen.filter((row) => row.due_day! <= today).length,
    mature: seen.filter((row) => row.interval >= MATURE_INTERVAL).length,
    retired: cards.length - active.length,
    reviewsToday: answers.filter((row) => row.day === today).length,
    retention30d: scheduled.length === 0 ? null : scheduled.filter((row) => row.grade >= 3).length / scheduled.length,
    forecast,
  };
}
