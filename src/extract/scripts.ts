import { withoutGloss } from './text.js';

/**
 * The writing systems a note may mix, and which one a text is written in: a
 * name in one script explained in another is a translation (see reverse.ts),
 * a key and its answer in one script can be compared word by word.
 */

/** The share of a text's letters that makes a script the one it is written in. */
const DOMINANT_SHARE = 0.8;

/** Scripts a note may mix. */
export const SCRIPTS: readonly RegExp[] = [
  /\p{sc=Latin}/u,
  /\p{sc=Cyrillic}/u,
  /\p{sc=Greek}/u,
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u,
  /\p{sc=Hangul}/u,
  /\p{sc=Arabic}/u,
  /\p{sc=Hebrew}/u,
  /\p{sc=Devanagari}/u,
  /\p{sc=Thai}/u,
];

/** The index in SCRIPTS of the script a text's letters are written in, if one holds `share` of them (most, by default). */
export function scriptOf(text: string, share = DOMINANT_SHARE): number | undefined {
  const counts = SCRIPTS.map(() => 0);
  let letters = 0;
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    letters++;
    const script = SCRIPTS.findIndex((pattern) => pattern.test(char));
    if (script >= 0) counts[script] = (counts[script] ?? 0) + 1;
  }
  if (letters === 0) return undefined;
  const top = counts.indexOf(Math.max(...counts));
  return (counts[top] ?? 0) >= letters * share ? top : undefined;
}

/** Whether two texts are written wholly in one script, a gloss in parentheses aside ("Итоговый статус (Completed/Failed)"). */
export function oneScript(a: string, b: string): boolean {
  const script = scriptOf(a, 1);
  return script !== undefined && script === scriptOf(withoutGloss(b), 1);
}
