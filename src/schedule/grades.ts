/**
 * The thresholds on SM-2's grades (0–5) and intervals that every stage reads
 * the same way: the scheduler, the review session, the study database, stats
 * and the review history sent to Anki.
 */

/** The lowest grade that counts as recalled (3, "with serious difficulty"); below it an answer is a lapse. */
export const RECALLED_GRADE = 3;

/** The grade a card must reach to leave the day (SM-2's step 6): below it, it is asked again the same day. */
export const DONE_TODAY_GRADE = 4;

/** A card counts as mature from this interval on (Anki's threshold). */
export const MATURE_INTERVAL = 21;
