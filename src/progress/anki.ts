import { COLLECTION_CREATED, type CardScheduling, type PackageScheduling, type RevlogRow } from '../anki/index.js';
import { replayAnswers, type LoggedAnswer, type ReplayedAnswer } from '../schedule/replay.js';
import type { Scheduler } from '../schedule/scheduler.js';
import type { Grade, CardState } from '../schedule/sm2.js';
import { RECALLED_GRADE } from '../schedule/grades.js';

/** One scheduled unit's local progress: the study database's state and the card's review log (undone answers left out). */
export interface UnitProgress {
  cardId: string;
  ord: number;
  /** undefined while the card is new. */
  state: CardState | undefined;
  /** Study day it is due (days since 1970-01-01 of the local date); null while new. */
  due: number | null;
  /** Oldest first. */
  answers: readonly LoggedAnswer[];
}

/** Day 0 of Anki's review due dates (the package's `crt`, 2020-01-01) as a study day number. */
export const ANKI_DAY_ZERO = COLLECTION_CREATED / 86_400;

/** Anki caps the time of one answer at the deck option "maximum answer seconds", 60 by default. */
const MAX_ANSWER_MS = 60_000;
/** A longer pause before an answer means a new session: its time is unknown, written as 0. */
const SESSION_GAP_MS = 10 * 60_000;

/** SM-2 grades on Anki's buttons: 0–2 Again (1), 3 Hard (2), 4 Good (3), 5 Easy (4). */
export function ankiEase(grade: Grade): RevlogRow['ease'] {
  return grade < RECALLED_GRADE ? 1 : ((grade - 1) as 2 | 3 | 4);
}

/** Now, in whole seconds: the clock an importer compares review-log ids with may count only seconds. */
function startOfThisSecond(): number {
  return Math.floor(Date.now() / 1000) * 1000;
}

/**
 * Anki's review-card columns and review-log rows for every card with local
 * history. Pure but for the default of `notAfterMs` (now). The log is replayed with `scheduler` (the one the study
 * database is on), so the rows' intervals and eases are those of the card's
 * current state even when earlier answers were given under another scheduler.
 *
 * - Every answer becomes a row, same-day repeats included: an answer that moved
 *   the schedule is `learn` (0) for a new card and `review` (1) otherwise; a
 *   same-day repeat (SM-2's step 6, schedule unchanged) is what Anki itself
 *   would log for it, a learning step: `learn` (0) on the day the card was new,
 *   `relearn` (2) otherwise, with the unchanged interval. Not `review` rows:
 *   Anki would count those as reviews (and a repeated Again as a lapse). So
 *   `reps` = rows, and the last row's `ivl` = the card's `ivl`.
 * - `lapses` = failed answers (grade < 3) to a card that was not new, as Anki counts them.
 * - Row ids are the answer times in ms, made unique across all cards by moving
 *   a clash 1 ms later (Anki skips a revlog id it already has), and never
 *   after `notAfterMs`: answers dated in the future (given with `--now`) are
 *   logged at that moment, in their order, since Anki's importer refuses
 *   review-log ids from the future.
 * - `time` = the pause since the previous answer (capped at 60 s like Anki);
 *   0 after a pause of more than 10 minutes, where it is unknown.
 */
export function ankiScheduling(units: readonly UnitProgress[], scheduler: Scheduler<CardState>, notAfterMs = startOfThisSecond()): PackageScheduling {
  const pending: { unit: UnitProgress; steps: ReplayedAnswer<CardState>[]; rows: RevlogRow[] }[] = [];
  const timeline: { atMs: number; row: RevlogRow }[] = [];
  for (const unit of units) {
    if (unit.state === undefined || unit.due === null || unit.answers.length === 0) continue;
    const { steps } = replayAnswers(scheduler, unit.answers);
    const rows: RevlogRow[] = [];
    let learning = false;
    for (const step of steps) {
      const { answer, before, after } = step;
      const scheduled = answer.kind === 'scheduled' || before === undefined;
      if (scheduled) learning = before === undefined;
      const type: RevlogRow['type'] = scheduled ? (before === undefined ? 0 : 1) : learning ? 0 : 2;
      const atMs = Date.parse(answer.at);
      const row: RevlogRow = { id: atMs, ease: ankiEase(answer.grade), ivl: after.interval, lastIvl: before?.interval ?? 0, factor: after.easiness, time: 0, type };
      rows.push(row);
      timeline.push({ atMs, row });
    }
    pending.push({ unit, steps, rows });
  }

  // Ids and times follow the order the answers were given in, across all cards.
  timeline.sort((a, b) => a.atMs - b.atMs);
  let lastId = 0;
  let lastAt: number | undefined;
  for (const { atMs, row } of timeline) {
    row.id = Math.max(atMs, lastId + 1);
    lastId = row.id;
    const gap = lastAt === undefined ? Infinity : atMs - lastAt;
    row.time = gap > SESSION_GAP_MS ? 0 : Math.min(Math.max(gap, 0), MAX_ANSWER_MS);
    lastAt = atMs;
  }
  // Walking back from the latest, each id at most the next one's minus 1: order and uniqueness kept.
  let limit = notAfterMs;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const { row } = timeline[i]!;
    row.id = Math.min(row.id, limit);
    limit = row.id - 1;
  }

  const result = new Map<string, Map<number, CardScheduling>>();
  for (const { unit, steps, rows } of pending) {
    const state = unit.state!;
    const lapses = steps.filter((s) => s.answer.kind === 'scheduled' && s.before !== undefined && s.answer.grade < RECALLED_GRADE).length;
    const card: CardScheduling = { due: unit.due! - ANKI_DAY_ZERO, ivl: state.interval, factor: state.easiness, reps: rows.length, lapses, revlog: rows };
    let byOrd = result.get(unit.cardId);
    if (!byOrd) result.set(unit.cardId, (byOrd = new Map()));
    byOrd.set(unit.ord, card);
  }
  return result;
}

/** How much progress a build carries: review cards among `cards` (by Card.id) and their review-log rows. */
export function progressSummary(scheduling: PackageScheduling, cards: readonly { id: string }[]): { reviewCards: number; revlogRows: number } {
  let reviewCards = 0;
  let revlogRows = 0;
  for (const id of new Set(cards.map((card) => card.id))) {
    for (const card of scheduling.get(id)?.values() ?? []) {
      reviewCards++;
      revlogRows += card.revlog.length;
    }
  }
  return { reviewCards, revlogRows };
}
