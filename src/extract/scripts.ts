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

/** SCRIPTS' indices of Latin and Cyrillic, whose basic letters `scriptIndexOf` tells by their code. */
const LATIN = SCRIPTS.findIndex((pattern) => pattern.test('a'));
const CYRILLIC = SCRIPTS.findIndex((pattern) => pattern.test('я'));
/** Codes below this are ASCII. */
const ASCII_END = 0x80;
/** The basic Cyrillic letters, А to я. */
const CYRILLIC_FROM = 0x410;
const CYRILLIC_TO = 0x44f;

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** The index in SCRIPTS of a letter's script (-1 for a script not listed); undefined for a character that is no letter. */
function scriptIndexOf(char: string): number | undefined {
  const code = char.charCodeAt(0);
  // Most letters are ASCII or basic Cyrillic: told by their code, without testing every script's pattern.
  if (code < ASCII_END) return isAsciiLetter(code) ? LATIN : undefined;
  if (code >= CYRILLIC_FROM && code <= CYRILLIC_TO) return CYRILLIC;
  if (!/\p{L}/u.test(char)) return undefined;
  return SCRIPTS.findIndex((pattern) => pattern.test(char));
}

/** The index in SCRIPTS of the script a text's letters are written in, if one holds `share` of them (most, by default). */
export function scriptOf(text: string, share = DOMINANT_SHARE): number | undefined {
  const counts = SCRIPTS.map(() => 0);
  let letters = 0;
  for (const char of text) {
    const script = scriptIndexOf(char);
    if (script === undefined) continue;
    letters++;
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
