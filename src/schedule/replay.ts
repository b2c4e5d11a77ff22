import type { Scheduler } from './scheduler.js';
import type { Grade } from './sm2.js';

/** One answer of a card's review log, as replay needs it. */
export interface LoggedAnswer {
  /** Study day of the answer. */
  day: number;
  /** The instant of the answer (ISO). */
  at: string;
  grade: Grade;
  /** 'repeat' = a same-day repeat (SM-2's step 6): it never moves the schedule. */
  kind: 'scheduled' | 'repeat';
}

/** What one answer did under the replaying scheduler. */
export interface ReplayedAnswer<State> {
  answer: LoggedAnswer;
  /** undefined = the card was new. */
  before: State | undefined;
  after: State;
  dueBefore: number | null;
  dueAfter: number;
}

export interface Replay<State> {
  steps: ReplayedAnswer<State>[];
  /** The card's state after the whole log; undefined if the log is empty. */
  state: State | undefined;
  due: number | null;
}

/**
 * A card's state rebuilt from its review log (oldest first, undone answers
 * left out) by `scheduler`: each answer that moved the schedule is answered
 * again on its own study day, same-day repeats change nothing. Pure, so the
 * state a scheduler gives is a function of the log alone: switching schedulers
 * and back gives back exactly the same state.
 */
export function replayAnswers<State>(scheduler: Scheduler<State>, answers: readonly LoggedAnswer[]): Replay<State> {
  let state: State | undefined;
  let due: number | null = null;
  const steps: ReplayedAnswer<State>[] = [];
  for (const answer of answers) {
    const before = state;
    const dueBefore = due;
    // A repeat needs a schedule to leave alone; a log starting with one (never written by flashmark) counts as scheduled.
    if (answer.kind === 'scheduled' || state === undefined || due === null) {
      const next = scheduler.answer(state, answer.grade, { now: new Date(answer.at), today: answer.day });
      state = next.state;
      due = next.due;
    }
    steps.push({ answer, before, after: state, dueBefore, dueAfter: due });
  }
  return { steps, state, due };
}
