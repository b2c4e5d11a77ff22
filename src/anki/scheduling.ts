/**
 * Optional scheduling carried into a package (docs/progress.md): a card with progress is written as a review
 * card with its review log. Anki applies it only when the user ticks "Import
 * any learning progress", and only to cards new to the collection.
 */

/** One `revlog` row. */
export interface RevlogRow {
  /** Time of the answer in ms; unique in the package (and across a build's packages: Anki skips an id it already has). */
  id: number;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
  ease: 1 | 2 | 3 | 4;
  /** Interval after the answer, days. */
  ivl: number;
  /** Interval before the answer, days (0 for a new card). */
  lastIvl: number;
  /** Ease after the answer, thousandths. */
  factor: number;
  /** Time taken, ms. */
  time: number;
  /** 0 learn, 1 review, 2 relearn. */
  type: 0 | 1 | 2;
}

/** A review card's scheduling columns and its review log. */
export interface CardScheduling {
  /** Due day as days since the collection's `crt` (COLLECTION_CREATED, 2020-01-01). */
  due: number;
  /** Interval in days (>= 1); equal to the last revlog row's `ivl`. */
  ivl: number;
  /** Ease in thousandths (>= 1300). */
  factor: number;
  /** Equal to the number of revlog rows. */
  reps: number;
  lapses: number;
  revlog: readonly RevlogRow[];
}

/** Scheduling per card of a package: note guid -> card ordinal -> scheduling. Cards not in it stay new. */
export type PackageScheduling = ReadonlyMap<string, ReadonlyMap<number, CardScheduling>>;

/** Anki's card `type`/`queue` for a review card. */
export const REVIEW_CARD = 2;
