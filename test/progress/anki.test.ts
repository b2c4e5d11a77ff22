import { describe, expect, it } from 'vitest';
import { ankiEase, ankiScheduling, type UnitProgress } from '../../src/progress/index.js';
import type { LoggedAnswer } from '../../src/schedule/replay.js';
import { sm2Scheduler } from '../../src/schedule/scheduler.js';
import { type Grade, type CardState } from '../../src/schedule/sm2.js';

const DAY = 20_514; // 2026-03-02
const answerAt = (day: number, time: string, grade: Grade, kind: LoggedAnswer['kind'] = 'scheduled'): LoggedAnswer => ({
  day, at: `${new Date(day * 86_400_000).toISOString().slice(0, 10)}T${time}Z`, grade, kind,
});

/** A unit whose stored state is what SM-2 makes of its log (as the study database keeps it). */
function unit(cardId: string, ord: number, answers: LoggedAnswer[]): UnitProgress {
  let state: CardState | undefined;
  let due: number | null = null;
  for (const a of answers) {
    if (a.kind === 'repeat') continue;
    const next = sm2Scheduler.answer(state, a.grade, { now: new Date(a.at), today: a.day });
    state = next.state;
    due = next.due;
  }
  return { cardId, ord, state, due, answers };
}

describe('ankiScheduling (study state + review log -> Anki columns)', () => {
  it('maps grades on Anki buttons', () => {
    expect(([0, 1, 2, 3, 4, 5] as Grade[]).map(ankiEase)).toEqual([1, 1, 1, 2, 3, 4]);
  });

  it('writes due as days from 2020-01-01, learn/review/relearn rows, lapses only on review cards', () => {
    const card = unit('a', 0, [
      answerAt(DAY, '09:00:00.000', 1), // new, failed: learn, no lapse
      answerAt(DAY, '09:00:05.000', 4, 'repeat'), // same day as new: learn
      answerAt(DAY + 1, '09:00:00.000', 5), // review
      answerAt(DAY + 7, '09:00:00.000', 2), // review, failed: a lapse
      answerAt(DAY + 7, '09:00:30.000', 3, 'repeat'), // relearn
      answerAt(DAY + 7, '09:02:30.000', 4, 'repeat'), // relearn
    ]);
    const result = ankiScheduling([card], sm2Scheduler).get('a')!.get(0)!;
    expect(result).toMatchObject({ due: DAY + 8 - 18_262, ivl: 1, factor: 2600, reps: 6, lapses: 1 });
    expect(result.revlog.map((r) => [r.type, r.ease, r.ivl, r.lastIvl, r.factor])).toEqual([
      [0, 1, 1, 0, 2500],
      [0, 3, 1, 1, 2500],
      [1, 4, 6, 1, 2600],
      [1, 1, 1, 6, 2600],
      [2, 2, 1, 1, 2600],
      [2, 3, 1, 1, 2600],
    ]);
    // Pauses since the previous answer: unknown (first), 5 s, a day (unknown), a week (unknown), 30 s, 2 min (capped at 60 s).
    expect(result.revlog.map((r) => r.time)).toEqual([0, 5000, 0, 0, 30_000, 60_000]);
  });

  it('gives answers in the same millisecond unique ids, in answer order across cards', () => {
    const a = unit('a', 0, [answerAt(DAY, '09:00:00.000', 4)]);
    const b = unit('b', 0, [answerAt(DAY, '09:00:00.000', 4)]);
    const c = unit('b', 1, [answerAt(DAY, '09:00:00.001', 4)]);
    const result = ankiScheduling([a, b, c], sm2Scheduler);
    const t = Date.parse(a.answers[0]!.at);
    expect([result.get('a')!.get(0)!, result.get('b')!.get(0)!, result.get('b')!.get(1)!].map((s) => s.revlog[0]!.id)).toEqual([t, t + 1, t + 2]);
  });

  it('leaves out cards without history', () => {
    expect(ankiScheduling([unit('new', 0, [])], sm2Scheduler).size).toBe(0);
  });
});
