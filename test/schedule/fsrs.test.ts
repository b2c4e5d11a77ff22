import { describe, expect, it } from 'vitest';
import { fsrsScheduler, fsrsRating, type FsrsState } from '../../src/schedule/fsrs.js';
import { replayAnswers, type LoggedAnswer } from '../../src/schedule/replay.js';
import { sm2Scheduler } from '../../src/schedule/scheduler.js';
import { schedulerNamed } from '../../src/schedule/by-name.js';
import { sm2, type Grade, type CardState } from '../../src/schedule/sm2.js';

const DAY = 20_500; // a study day number (2026-02-16)
const at = (today: number, time = '09:00') => ({ today, now: new Date(`${new Date(today * 86_400_000).toISOString().slice(0, 10)}T${time}:00Z`) });

/** Answers a card with `grades` on the given days under FSRS, returning every state. */
function fsrsSeries(answers: [day: number, grade: Grade][]): { state: FsrsState; due: number }[] {
  let state: FsrsState | undefined;
  return answers.map(([day, grade]) => {
    const next = fsrsScheduler.answer(state, grade, at(day));
    state = next.state;
    return next;
  });
}

describe('FSRS scheduler (ts-fsrs) in whole study days', () => {
  it('schedules a new card whole days ahead, due = today + interval, with the common state fields', () => {
    for (const grade of [0, 3, 4, 5] as Grade[]) {
      const { state, due } = fsrsScheduler.answer(undefined, grade, at(DAY));
      expect(Number.isInteger(state.interval) && state.interval >= 1).toBe(true);
      expect(due).toBe(DAY + state.interval);
      expect(state).toMatchObject({ repetition: 1, easiness: 2500, lapses: 0, lastDay: DAY });
      expect(state.stability).toBeGreaterThan(0);
      expect(state.difficulty).toBeGreaterThanOrEqual(1);
      expect(state.difficulty).toBeLessThanOrEqual(10);
    }
  });

  it('maps grades on four buttons like Anki: 0-2 Again, 3 Hard, 4 Good, 5 Easy, with intervals ordered by grade', () => {
    expect([0, 1, 2, 3, 4, 5].map((g) => fsrsRating(g as Grade))).toEqual([1, 1, 1, 2, 3, 4]);
    const reviewed = fsrsSeries([[DAY, 4], [DAY + 3, 4]]).at(-1)!.state;
    const intervals = ([0, 1, 2, 3, 4, 5] as Grade[]).map((g) => fsrsScheduler.answer(reviewed, g, at(DAY + 3 + reviewed.interval)).state.interval);
    expect(intervals[0]).toBe(intervals[1]);
    expect(intervals[1]).toBe(intervals[2]);
    for (let i = 2; i < 5; i++) expect(intervals[i + 1]!).toBeGreaterThan(intervals[i]!);
  });

  it('grows intervals on success and counts a lapse, with a short interval, when a review card is forgotten', () => {
    const series = fsrsSeries([[DAY, 4], [DAY + 3, 4], [DAY + 11, 4], [DAY + 40, 4], [DAY + 140, 1]]);
    const intervals = series.map((s) => s.state.interval);
    for (let i = 1; i < 4; i++) expect(intervals[i]!).toBeGreaterThan(intervals[i - 1]!);
    const lapse = series.at(-1)!.state;
    expect(lapse.lapses).toBe(1);
    expect(lapse.interval).toBeLessThan(intervals[3]!);
    expect(lapse.repetition).toBe(5);
  });

  it('depends on the study day only (not the hour), and its state survives JSON as the study database stores it', () => {
    const first = fsrsScheduler.answer(undefined, 4, at(DAY, '06:00'));
    expect(fsrsScheduler.answer(undefined, 4, at(DAY, '23:30'))).toEqual(first);
    const stored = JSON.parse(JSON.stringify(first.state)) as FsrsState;
    expect(fsrsScheduler.answer(stored, 3, at(DAY + 4))).toEqual(fsrsScheduler.answer(first.state, 3, at(DAY + 4)));
  });

  it('takes a card whose state is not an FSRS state (not rebuilt) as new rather than misreading it', () => {
    const sm2State: CardState = { repetition: 3, interval: 15, easiness: 2500 };
    // Through the registry, as the study database calls it (every scheduler takes an CardState-shaped state).
    expect(schedulerNamed('fsrs').answer(sm2State, 4, at(DAY))).toEqual(fsrsScheduler.answer(undefined, 4, at(DAY)));
  });
});

describe('replayAnswers', () => {
  const log: LoggedAnswer[] = [
    { day: DAY, at: '2026-02-16T09:00:00.000Z', grade: 2, kind: 'scheduled' },
    { day: DAY, at: '2026-02-16T09:01:00.000Z', grade: 3, kind: 'repeat' },
    { day: DAY, at: '2026-02-16T09:02:00.000Z', grade: 5, kind: 'repeat' },
    { day: DAY + 1, at: '2026-02-17T09:00:00.000Z', grade: 5, kind: 'scheduled' },
    { day: DAY + 7, at: '2026-02-23T09:00:00.000Z', grade: 4, kind: 'scheduled' },
    { day: DAY + 30, at: '2026-03-18T09:00:00.000Z', grade: 1, kind: 'scheduled' },
    { day: DAY + 30, at: '2026-03-18T09:05:00.000Z', grade: 4, kind: 'repeat' },
  ];

  it('gives SM-2 the state of answering the scheduled grades in turn; repeats change nothing', () => {
    const expected = [2, 5, 4, 1].reduce<CardState | undefined>((state, grade) => sm2(state, grade as Grade), undefined);
    const replay = replayAnswers(sm2Scheduler, log);
    expect(replay.state).toEqual(expected);
    expect(replay.due).toBe(DAY + 30 + 1);
    expect(replay.steps).toHaveLength(log.length);
    expect(replay.steps[1]!.after).toBe(replay.steps[0]!.after);
    expect(replay.steps[1]!.before).toBe(replay.steps[0]!.after);
    expect(replay.steps.map((s) => s.after.interval)).toEqual([1, 1, 1, 6, 16, 1, 1]) // 6 × 2.6 = 15.6, rounded up;
  });

  it('gives FSRS the state of answering the scheduled grades on their days', () => {
    const direct = fsrsSeries([[DAY, 2], [DAY + 1, 5], [DAY + 7, 4], [DAY + 30, 1]]).at(-1)!;
    const replay = replayAnswers(fsrsScheduler, log);
    expect(replay.state).toEqual(direct.state);
    expect(replay.due).toBe(direct.due);
  });

  it('leaves a card with an empty log new', () => {
    expect(replayAnswers(sm2Scheduler, [])).toEqual({ steps: [], state: undefined, due: null });
  });
});
