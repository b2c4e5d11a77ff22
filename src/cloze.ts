/**
 * Cloze deletion numbers (`{{cN::…}}`), read one way for every stage: the
 * extraction counting a card's Anki cards, the package writer, and the study
 * database, whose units must match the package's cards ordinal for ordinal
 * (`build --with-progress` carries progress across by them).
 */

/** The highest cloze number Anki accepts: ords run 0..498 in the legacy format. */
export const MAX_CLOZE = 499;

/** The distinct deletion numbers of a cloze text, ascending, as written: `c0` and numbers over MAX_CLOZE included. */
export function clozeNumbers(text: string): number[] {
  const numbers = new Set<number>();
  for (const match of text.matchAll(/\{\{c(\d+)::/g)) numbers.add(Number(match[1]));
  return [...numbers].sort((a, b) => a - b);
}

/**
 * The card ordinals Anki makes of a cloze text: N-1 for each distinct `{{cN::`,
 * ascending. `c0` makes no card and numbers over MAX_CLOZE are ignored, so a
 * text without a usable deletion has none.
 */
export function clozeOrdinals(text: string): number[] {
  return clozeNumbers(text)
    .filter((n) => n >= 1 && n <= MAX_CLOZE)
    .map((n) => n - 1);
}
