import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sm2, type Grade, type Sm2State } from '../../src/schedule/sm2.js';
import { sm2 as sm2FromLibrary } from '../../src/index.js';

/** Answers a new card with `grades` and returns [interval, repetition, easiness] after each answer. */
function run(grades: Grade[], start?: Sm2State): [number, number, number][] {
  let state = start;
  return grades.map((grade) => {
    state = sm2(state, grade);
    return [state.interval, state.repetition, state.easiness];
  });
}

// Each row worked out by hand from sm2.md: interval uses the EF from before the
// answer, rounded up; q < 3 restarts at repetition 1 (1 day, then 6) keeping EF.
const sequences: { name: string; grades: Grade[]; start?: Sm2State; expected: [number, number, number][] }[] = [
  {
    name: 'five perfect answers (the sm2.md example)',
    grades: [5, 5, 5, 5, 5],
    expected: [[1, 1, 2600], [6, 2, 2700], [17, 3, 2800], [48, 4, 2900], [140, 5, 3000]],
  },
  {
    name: 'five answers after hesitation keep EF at 2.5 (the sm2.md example)',
    grades: [4, 4, 4, 4, 4],
    expected: [[1, 1, 2500], [6, 2, 2500], [15, 3, 2500], [38, 4, 2500], [95, 5, 2500]],
  },
  {
    name: 'a q = 3 run: EF falls by 0.14 per answer, intervals 6·2.22 = 13.32 -> 14, 14·2.08 -> 30, 30·1.94 -> 59',
    grades: [3, 3, 3, 3, 3],
    expected: [[1, 1, 2360], [6, 2, 2220], [14, 3, 2080], [30, 4, 1940], [59, 5, 1800]],
  },
  {
    name: 'a long q = 3 run reaches the EF floor of 1.3 and stays there',
    grades: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
    expected: [
      [1, 1, 2360], [6, 2, 2220], [14, 3, 2080], [30, 4, 1940], [59, 5, 1800],
      [107, 6, 1660], [178, 7, 1520], [271, 8, 1380], [374, 9, 1300], [487, 10, 1300],
    ],
  },
  {
    name: 'a failure after three perfect answers restarts at 1 then 6 days, EF 2.8 kept',
    grades: [5, 5, 5, 1, 4, 4, 4],
    expected: [[1, 1, 2600], [6, 2, 2700], [17, 3, 2800], [1, 1, 2800], [6, 2, 2800], [17, 3, 2800], [48, 4, 2800]],
  },
  {
    name: 'a blackout on a new card keeps EF 2.5; 6·2.6 = 15.6 -> 16 afterwards',
    grades: [0, 5, 5],
    expected: [[1, 1, 2500], [6, 2, 2600], [16, 3, 2700]],
  },
  {
    name: 'repeated failures never lower EF and never move past repetition 1',
    grades: [2, 2, 2, 3],
    expected: [[1, 1, 2500], [1, 1, 2500], [1, 1, 2500], [6, 2, 2360]],
  },
  {
    name: 'mixed grades: 6·2.6 = 15.6 -> 16, 16·2.46 = 39.36 -> 40',
    grades: [4, 5, 3, 5],
    expected: [[1, 1, 2500], [6, 2, 2600], [16, 3, 2460], [40, 4, 2560]],
  },
  {
    name: 'a blackout mid-series then q = 3 answers: 6·2.36 = 14.16 -> 15',
    grades: [4, 4, 4, 0, 3, 3],
    expected: [[1, 1, 2500], [6, 2, 2500], [15, 3, 2500], [1, 1, 2500], [6, 2, 2360], [15, 3, 2220]],
  },
  {
    name: 'eight perfect answers: exact products stay exact (140·3.0 = 420, 420·3.1 = 1302), 1302·3.2 = 4166.4 -> 4167',
    grades: [5, 5, 5, 5, 5, 5, 5, 5],
    expected: [[1, 1, 2600], [6, 2, 2700], [17, 3, 2800], [48, 4, 2900], [140, 5, 3000], [420, 6, 3100], [1302, 7, 3200], [4167, 8, 3300]],
  },
  {
    name: 'a perfect answer at the EF floor: 487·1.3 = 633.1 -> 634, EF back up to 1.4',
    grades: [5],
    start: { repetition: 10, interval: 487, easiness: 1300 },
    expected: [[634, 11, 1400]],
  },
  {
    name: 'a long interval rounds up the smallest fraction: 1000·2.501 = 2501, 999·2.501 = 2498.499 -> 2499',
    grades: [4, 4],
    start: { repetition: 6, interval: 1000, easiness: 2501 },
    expected: [[2501, 7, 2501], [6256, 8, 2501]],
  },
];

describe('sm2: hand-worked grade sequences', () => {
  for (const { name, grades, start, expected } of sequences) {
    it(name, () => {
      expect(run(grades, start)).toEqual(expected);
    });
  }

  it('360 days at EF 3.0 gives exactly 1080 days (floating point would round 1080.0000000000002 up to 1081)', () => {
    expect(sm2({ repetition: 5, interval: 360, easiness: 3000 }, 4).interval).toBe(1080);
    expect(sm2({ repetition: 5, interval: 999, easiness: 2501 }, 4).interval).toBe(2499);
  });

  it('is the function the library entry exports', () => {
    expect(sm2FromLibrary(undefined, 5)).toEqual({ repetition: 1, interval: 1, easiness: 2600 });
  });

  it('does not modify the state it is given', () => {
    const state = { repetition: 3, interval: 17, easiness: 2800 };
    sm2(state, 0);
    expect(state).toEqual({ repetition: 3, interval: 17, easiness: 2800 });
  });

  it('rejects grades outside 0..5 and states that are not whole numbers', () => {
    expect(() => sm2(undefined, 6 as Grade)).toThrow(RangeError);
    expect(() => sm2(undefined, 2.5 as Grade)).toThrow(RangeError);
    expect(() => sm2({ repetition: 1, interval: 1, easiness: 2.5 }, 4)).toThrow(/thousandths/);
    expect(() => sm2({ repetition: 1, interval: -1, easiness: 2500 }, 4)).toThrow(RangeError);
  });
});

const grade = fc.constantFrom<Grade>(0, 1, 2, 3, 4, 5);
const grades = fc.array(grade, { minLength: 1, maxLength: 30 });

describe('sm2: properties over any grade sequence', () => {
  it('EF never drops below 1.3, intervals are at least one whole day, everything stays an integer', () => {
    fc.assert(
      fc.property(grades, (sequence) => {
        let state: Sm2State | undefined;
        for (const g of sequence) {
          state = sm2(state, g);
          expect(state.easiness).toBeGreaterThanOrEqual(1300);
          expect(state.interval).toBeGreaterThanOrEqual(1);
          expect(Number.isInteger(state.interval) && Number.isInteger(state.easiness) && Number.isInteger(state.repetition)).toBe(true);
        }
      }),
    );
  });

  it('a failure restarts at 1 day keeping EF, and the next two passing answers give 1 -> 6 -> ⌈6·EF⌉', () => {
    fc.assert(
      fc.property(grades, fc.constantFrom<Grade>(0, 1, 2), grade.filter((g) => g >= 3), grade.filter((g) => g >= 3), (before, failure, pass1, pass2) => {
        let state: Sm2State | undefined;
        for (const g of before) state = sm2(state, g);
        const failed = sm2(state, failure);
        expect(failed).toEqual({ repetition: 1, interval: 1, easiness: state!.easiness });
        const first = sm2(failed, pass1);
        expect([first.repetition, first.interval]).toEqual([2, 6]);
        const second = sm2(first, pass2);
        expect([second.repetition, second.interval]).toEqual([3, Math.ceil((6 * first.easiness) / 1000)]);
      }),
    );
  });

  it('a passing answer changes EF by the grade\'s step (+0.10, 0, -0.14) with the 1.3 floor, and lengthens the interval', () => {
    fc.assert(
      fc.property(grades, grade.filter((g) => g >= 3), (before, pass) => {
        let state: Sm2State | undefined;
        for (const g of before) state = sm2(state, g);
        const next = sm2(state, pass);
        const step = { 3: -140, 4: 0, 5: 100 }[pass as 3 | 4 | 5];
        expect(next.easiness).toBe(Math.max(1300, state!.easiness + step));
        expect(next.repetition).toBe(state!.repetition + 1);
        if (state!.repetition >= 2) expect(next.interval).toBeGreaterThan(state!.interval);
      }),
    );
  });
});
