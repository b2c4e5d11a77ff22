/**
 * SM-2 (Wozniak 1987/1990), with the points the published steps leave open pinned down:
 * - EF is kept in integer thousandths (2500 = 2.5), so rounding never meets
 *   floating-point noise (360 × 3.0 must give 1080, not 1081);
 * - the interval is computed from the EF *before* the answer, then EF is updated;
 * - a failed answer (q < 3) restarts the series without changing EF: it is
 *   repetition 1 of the new series, so the next intervals are 1, 6, I·EF, …;
 * - a fractional interval is rounded up; overdue time is not credited.
 */
import { RECALLED_GRADE } from './grades.js';

/**
 * The scheduling state of one card as every scheduler keeps it (and the study
 * database's columns hold it): `interval` in days, `easiness` in thousandths.
 * FSRS adds its own fields to it.
 */
export interface CardState {
  repetition: number;
  interval: number;
  easiness: number;
}

/** SM-2's state: the common state, nothing more. */
export type Sm2State = CardState;

/** 5 perfect · 4 correct after hesitation · 3 correct with serious difficulty · 2, 1, 0 wrong. */
export type Grade = 0 | 1 | 2 | 3 | 4 | 5;

export const GRADES: readonly Grade[] = [0, 1, 2, 3, 4, 5];

export const INITIAL_EASINESS = 2500;
export const MIN_EASINESS = 1300;

/** EF change per grade in thousandths: 0.1 − (5 − q)(0.08 + (5 − q)·0.02), for q = 0..5. */
const EASINESS_CHANGE: readonly number[] = [-800, -540, -320, -140, 0, 100];

/** Whether a value is one of the six grades. */
export function isGrade(value: unknown): value is Grade {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 5;
}

/** The state after answering a card in `state` (undefined = a new card) with `grade`. */
export function sm2(state: Sm2State | undefined, grade: Grade): Sm2State {
  if (!isGrade(grade)) throw new RangeError(`sm2: grade must be an integer 0..5, got ${String(grade)}`);
  const before = state ?? { repetition: 0, interval: 0, easiness: INITIAL_EASINESS };
  checkState(before);
  if (grade < RECALLED_GRADE) return { repetition: 1, interval: 1, easiness: before.easiness };
  const repetition = before.repetition + 1;
  const interval = repetition === 1 ? 1 : repetition === 2 ? 6 : ceilThousandths(before.interval, before.easiness);
  const easiness = Math.max(MIN_EASINESS, before.easiness + EASINESS_CHANGE[grade]!);
  return { repetition, interval, easiness };
}

/** ⌈days × easiness / 1000⌉ in exact integer arithmetic (BigInt: the product may pass 2^53 on absurdly long series). */
function ceilThousandths(days: number, easiness: number): number {
  const product = BigInt(days) * BigInt(easiness);
  return Number((product + 999n) / 1000n);
}

function checkState(state: Sm2State): void {
  const { repetition, interval, easiness } = state;
  if (!Number.isSafeInteger(repetition) || repetition < 0) throw new RangeError(`sm2: repetition must be a whole number ≥ 0, got ${repetition}`);
  if (!Number.isSafeInteger(interval) || interval < 0) throw new RangeError(`sm2: interval must be a whole number of days ≥ 0, got ${interval}`);
  if (!Number.isSafeInteger(easiness) || easiness < MIN_EASINESS) {
    throw new RangeError(`sm2: easiness must be an integer in thousandths ≥ ${MIN_EASINESS} (2500 = 2.5), got ${easiness}`);
  }
}
