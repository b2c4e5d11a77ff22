import { dayToIso } from '../schedule/days.js';
import type { Db } from '../store/database.js';
import { answersBetween, deckMatches, unitSchedules } from '../study/tables.js';
import { MATURE_INTERVAL, RECALLED_GRADE } from '../schedule/grades.js';

/** What `flashmark stats --json` prints. */
export interface Stats {
  today: string;
  /** Active cards never answered. */
  new: number;
  /** Seen, in learning steps: the last answer that moved its schedule was a failure (below 3). */
  learning: number;
  /** Seen and recalled, interval under 21 days (Anki's "young"). */
  young: number;
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
  /** The same counts per deck (each deck by its own name, the decks below it apart), in name order. */
  decks: DeckStats[];
  /** The last 30 study days, oldest first: answers given and the share of scheduled ones recalled (null without any). */
  history: { date: string; answers: number; recalled: number | null }[];
  /** Time spent answering, today and over the last 30 days (seconds; see timeSpent). */
  secondsToday: number;
  seconds30d: number;
}

export interface DeckStats {
  deck: string;
  new: number;
  learning: number;
  young: number;
  mature: number;
  due: number;
}

/** The longest pause between two answers counted as time spent: a longer one is a break. */
const MAX_ANSWER_GAP_S = 300;

/** Days of answers the recall rate is taken over, today included. */
const RETENTION_DAYS = 30;

/** `flashmark stats` of a study database: its rows, then the pure calculation. */
export function computeStats(db: Db, today: number, days: number, deck?: string): Stats {
  return statsOf(unitSchedules(db), answersBetween(db, today - (RETENTION_DAYS - 1), today), today, days, deck);
}

/** The figures of `flashmark stats` from the cards' schedules and the answers of the last 30 study days. */
export function statsOf(
  units: readonly { deck: string; due: number | null; interval: number; lapsed?: boolean; retired: boolean; count?: number }[],
  recentAnswers: readonly { deck: string; grade: number; kind: string; day: number; at?: string }[],
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
  const counts = countsOf(active, today, sum);
  const byDeck = new Map<string, typeof active>();
  for (const unit of active) byDeck.set(unit.deck, [...(byDeck.get(unit.deck) ?? []), unit]);
  const history = Array.from({ length: RETENTION_DAYS }, (_, i) => {
    const dayAnswers = answers.filter((row) => row.day === today - (RETENTION_DAYS - 1) + i);
    const graded = dayAnswers.filter((row) => row.kind === 'scheduled');
    return { date: dayToIso(today - (RETENTION_DAYS - 1) + i), answers: dayAnswers.length, recalled: graded.length === 0 ? null : graded.filter((row) => row.grade >= RECALLED_GRADE).length / graded.length };
  });
  return {
    today: dayToIso(today),
    new: counts.new,
    learning: counts.learning,
    young: counts.young,
    due: counts.due,
    mature: counts.mature,
    retired: sum(cards) - sum(active),
    reviewsToday: answers.filter((row) => row.day === today).length,
    retention30d: scheduled.length === 0 ? null : scheduled.filter((row) => row.grade >= RECALLED_GRADE).length / scheduled.length,
    forecast,
    decks: [...byDeck].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, list]) => ({ deck: name, ...countsOf(list, today, sum) })),
    history,
    secondsToday: timeSpent(answers.filter((row) => row.day === today)),
    seconds30d: timeSpent(answers),
  };
}

type ScheduleRow = { due: number | null; interval: number; lapsed?: boolean; count?: number };

function countsOf(active: readonly ScheduleRow[], today: number, sum: (rows: readonly { count?: number }[]) => number): Omit<DeckStats, 'deck'> {
  const seen = active.filter((unit): unit is ScheduleRow & { due: number } => unit.due !== null);
  // Relearning after a failure: SM-2's same-day repeats are its learning steps.
  const inSteps = (unit: ScheduleRow) => unit.lapsed === true;
  return {
    new: sum(active) - sum(seen),
    learning: sum(seen.filter(inSteps)),
    young: sum(seen.filter((unit) => !inSteps(unit) && unit.interval < MATURE_INTERVAL)),
    mature: sum(seen.filter((unit) => !inSteps(unit) && unit.interval >= MATURE_INTERVAL)),
    due: sum(seen.filter((unit) => unit.due <= today)),
  };
}

/**
 * Time spent answering, from the answers' times (the log keeps no duration):
 * the pause before each answer since the previous one, up to five minutes (a
 * longer pause is a break, and the first answer after it counts nothing).
 */
export function timeSpent(answers: readonly { at?: string }[]): number {
  let seconds = 0;
  let previous: number | undefined;
  for (const { at } of answers) {
    if (at === undefined) continue;
    const time = Date.parse(at);
    if (previous !== undefined && time >= previous && time - previous <= MAX_ANSWER_GAP_S * 1000) seconds += (time - previous) / 1000;
    previous = time;
  }
  return Math.round(seconds);
}
