import { replayAnswers } from '../schedule/replay.js';
import { DEFAULT_SCHEDULER, isSchedulerName, schedulerNamed, type SchedulerName } from '../schedule/by-name.js';
import type { Scheduler } from '../schedule/scheduler.js';
import type { CardState } from '../schedule/sm2.js';
import type { Db } from '../store/database.js';
import { answersByCard, stateWriter } from './tables.js';

/** The scheduler a study database is on: its `study_scheduler` row, or SM-2 when it has none. */
export function storedScheduler(db: Db): { name: SchedulerName; version: number } {
  const row = db.prepare<[], { name: string; version: number }>('SELECT name, version FROM study_scheduler WHERE id = 1').get();
  if (row && isSchedulerName(row.name)) return { name: row.name, version: row.version };
  const fallback = schedulerNamed(DEFAULT_SCHEDULER);
  return { name: DEFAULT_SCHEDULER, version: fallback.version };
}

/** What a switch did: every card's state rebuilt from the review log by the new scheduler. */
export interface SchedulerSwitch {
  from: SchedulerName;
  to: SchedulerName;
  /** Cards with at least one answer, rebuilt. */
  cards: number;
  /** Answers replayed (undone ones are not answers). */
  answers: number;
}

export interface SchedulerChoice {
  scheduler: Scheduler<CardState>;
  /** Set when this call moved the database to another scheduler (or version of it). */
  switched?: SchedulerSwitch;
}

/**
 * The scheduler to review with: `requested`, or the one the database is on.
 * Choosing another one than the stored one (or a new version of it) rebuilds
 * every card's state from the review log in one transaction, and records the
 * choice. The log itself is never changed, so nothing is lost either way, and
 * SM-2 → FSRS → SM-2 gives back exactly the SM-2 state (replay is pure).
 */
export function chooseScheduler(db: Db, requested: SchedulerName | undefined, now: Date): SchedulerChoice {
  const stored = storedScheduler(db);
  const name = requested ?? stored.name;
  const scheduler = schedulerNamed(name);
  if (name === stored.name && scheduler.version === stored.version) return { scheduler };
  const switched = db.transaction((): SchedulerSwitch => {
    const counts = rebuildStates(db, scheduler);
    db.prepare('INSERT OR REPLACE INTO study_scheduler (id, name, version, chosen_at) VALUES (1, ?, ?, ?)').run(name, scheduler.version, now.toISOString());
    return { from: stored.name, to: name, ...counts };
  }).immediate();
  return { scheduler, switched };
}

function rebuildStates(db: Db, scheduler: Scheduler<CardState>): { cards: number; answers: number } {
  const setState = stateWriter(db);
  let cards = 0;
  let answers = 0;
  for (const { cardId, ord, answers: log } of answersByCard(db).values()) {
    const { state, due } = replayAnswers(scheduler, log);
    if (state === undefined || due === null) continue;
    setState({ cardId, ord }, state, due);
    cards++;
    answers += log.length;
  }
  return { cards, answers };
}
