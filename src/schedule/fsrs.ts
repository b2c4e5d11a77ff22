import { Rating, State, createEmptyCard, fsrs, generatorParameters, type Card as FsrsCard, type Grade as FsrsRating } from 'ts-fsrs';
import { dueDay } from './days.js';
import type { Scheduler } from './scheduler.js';
import { INITIAL_EASINESS, type Grade, type CardState } from './sm2.js';
import { RECALLED_GRADE } from './grades.js';

/**
 * The FSRS state of a card. It carries the three fields every scheduler state
 * has (they fill the study database's columns, so stats and the Anki export
 * read any scheduler alike): `repetition` = answers that moved the schedule,
 * `interval` = days until the next review, `easiness` = 2500 always (FSRS has
 * no ease; Anki keeps the factor unused under FSRS too). The rest is FSRS's
 * memory model: stability (days until recall drops to 90%), difficulty (1–10).
 */
export interface FsrsState extends CardState {
  stability: number;
  difficulty: number;
  lapses: number;
  /** ts-fsrs card state: 0 new, 1 learning, 2 review, 3 relearning. */
  phase: number;
  /** Study day of the last answer that moved the schedule. */
  lastDay: number;
}

const MS_PER_DAY = 86_400_000;

/**
 * ts-fsrs 5 with FSRS-6 default weights, 90% desired retention, no fuzz (the
 * same answers always give the same schedule, so a log can be replayed) and no
 * short-term (minute) steps: flashmark schedules whole study days, and its
 * same-day repeats (SM-2's step 6) leave the schedule alone under any scheduler.
 */
const engine = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

/** Study day `day` as an instant FSRS can count whole days between (noon UTC: no DST or rounding edge). */
function dayInstant(day: number): Date {
  return new Date(day * MS_PER_DAY + MS_PER_DAY / 2);
}

/** SM-2 grades on FSRS's four buttons, as Anki maps them: 0–2 Again, 3 Hard, 4 Good, 5 Easy. */
export function fsrsRating(grade: Grade): FsrsRating {
  return grade < RECALLED_GRADE ? Rating.Again : grade === 3 ? Rating.Hard : grade === 4 ? Rating.Good : Rating.Easy;
}

function toFsrsCard(state: FsrsState | undefined, today: number): FsrsCard {
  if (state === undefined || !isFsrsState(state)) return createEmptyCard(dayInstant(today));
  return {
    due: dayInstant(state.lastDay + state.interval),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: 0,
    scheduled_days: state.interval,
    learning_steps: 0,
    reps: state.repetition,
    lapses: state.lapses,
    state: state.phase as State,
    last_review: dayInstant(state.lastDay),
  };
}

/** Whether a stored state is an FSRS state (and not, say, an SM-2 one read before a rebuild). */
export function isFsrsState(state: CardState): state is FsrsState {
  const s = state as Partial<FsrsState>;
  return typeof s.stability === 'number' && typeof s.difficulty === 'number' && typeof s.lastDay === 'number';
}

/** FSRS (ts-fsrs) in whole study days: the time between answers is the difference of their study days. */
export const fsrsScheduler: Scheduler<FsrsState> = {
  name: 'fsrs',
  version: 1,
  answer(state, grade, at) {
    const { card } = engine.next(toFsrsCard(state, at.today), dayInstant(at.today), fsrsRating(grade));
    const interval = Math.max(1, card.scheduled_days);
    const next: FsrsState = {
      repetition: card.reps,
      interval,
      easiness: INITIAL_EASINESS,
      stability: card.stability,
      difficulty: card.difficulty,
      lapses: card.lapses,
      phase: card.state,
      lastDay: at.today,
    };
    return { state: next, due: dueDay(at.today, interval) };
  },
};
