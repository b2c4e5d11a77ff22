import { dueDay } from './days.js';
import { sm2, type Grade, type Sm2State } from './sm2.js';

/** When an answer is given: the instant and the study day it falls in (see days.ts). */
export interface AnswerTime {
  now: Date;
  today: number;
}

/** What a scheduler makes of one answer: the card's new state and the study day it is next due. */
export interface Scheduled<State> {
  state: State;
  due: number;
}

/**
 * A spaced-repetition algorithm behind a narrow interface, so another one
 * (FSRS) can sit beside SM-2: state in, grade and time in, new state and due
 * day out. `name` and `version` are written into every review-log row, so a
 * history can be replayed or fed to another scheduler later. States must be
 * plain JSON objects (the log stores them as JSON).
 */
export interface Scheduler<State> {
  readonly name: string;
  readonly version: number;
  /** `state` undefined = a new card. */
  answer(state: State | undefined, grade: Grade, at: AnswerTime): Scheduled<State>;
}

/** SM-2 as docs/review.md pins it; due = today + interval in whole study days. */
export const sm2Scheduler: Scheduler<Sm2State> = {
  name: 'sm2',
  version: 1,
  answer(state, grade, at) {
    const next = sm2(state, grade);
    return { state: next, due: dueDay(at.today, next.interval) };
  },
};
