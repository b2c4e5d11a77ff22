import { boundedMemo } from '../memo.js';

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/g;
/** White space other than the plain space. */
const OTHER_SPACE = /[^\S ]/;

/**
 * Letters whose lower case differs from their Unicode simple case folding,
 * which is what a `u`+`i` regular expression compares: after `toLowerCase`
 * these still need mapping (final sigma, long s, Greek symbol variants).
 */
const FOLD_AFTER_LOWER: Record<string, string> = {
  ς: 'σ',
  ſ: 's',
  '\u0345': 'ι',
  '\u1fbe': 'ι',
  ϐ: 'β',
  ϑ: 'θ',
  ϕ: 'φ',
  ϖ: 'π',
  ϰ: 'κ',
  ϱ: 'ρ',
  ϵ: 'ε',
  ẛ: 'ṡ',
};
// An alternation, not a class: U+0345 is a combining mark, which a class would attach to its neighbour.
const NEEDS_FOLD = new RegExp(Object.keys(FOLD_AFTER_LOWER).join('|'), 'g');

/** Folds remembered at most: a note's text leaves and headings are searched once per term. */
const MAX_FOLDS = 20_000;

/**
 * `text` case-folded with every UTF-16 unit kept in place, so that an offset
 * in the fold is the same offset in the text; null when folding would change
 * the length (`İ` lower-cases to two units), and such a text is searched with
 * a regular expression instead. Memoised: a note searches the same text leaves
 * and headings for every term.
 */
const fold = boundedMemo((text: string): string | null => {
  const lower = text.toLowerCase().replace(NEEDS_FOLD, (ch) => FOLD_AFTER_LOWER[ch] ?? ch);
  return lower.length === text.length ? lower : null;
}, MAX_FOLDS);

function codePointBefore(value: string, at: number): string {
  return [...value.slice(Math.max(0, at - 2), at)].at(-1) ?? '';
}

function codePointAt(value: string, at: number): string {
  return [...value.slice(at, at + 2)][0] ?? '';
}

function touchesWord(value: string, from: number, to: number): boolean {
  return WORD_CHAR.test(codePointBefore(value, from)) || WORD_CHAR.test(codePointAt(value, to));
}

export interface WordSearch {
  /** Any run of white space in the text matches a space of the term (a term may be wrapped over lines). */
  anySpace?: boolean;
}

/**
 * The occurrences of `term` in `value` as whole words — not touching a letter
 * or digit on either side — compared case-insensitively as a `u`+`i` regular
 * expression would, as [from, to) offsets in reading order, never overlapping.
 *
 * Done with `indexOf` over case-folded copies: compiling a case-insensitive
 * Unicode expression per term (V8 builds the case closure of every letter)
 * would be most of the extraction time of a vault, since most terms are asked
 * once. A rejected occurrence is retried one unit on, as a
 * lookaround would.
 */
export function wholeWordMatches(value: string, term: string, search: WordSearch = {}): [number, number][] {
  if (term.length === 0) return [];
  const foldedValue = fold(value);
  const foldedTerm = fold(search.anySpace ? term.replace(/\s+/g, ' ') : term);
  const runsOfSpace = search.anySpace && /\s/.test(term) && /\s\s/.test(value);
  if (foldedValue === null || foldedTerm === null || runsOfSpace) return matchesByExpression(value, term, search);
  // The term's white space is single spaces already; the text's, only where it holds a tab or a line break.
  const haystack = search.anySpace && OTHER_SPACE.test(foldedValue) ? foldedValue.replace(SPACE, ' ') : foldedValue;
  const needle = foldedTerm;
  const found: [number, number][] = [];
  for (let from = haystack.indexOf(needle); from !== -1; ) {
    const to = from + needle.length;
    if (touchesWord(value, from, to)) {
      from = haystack.indexOf(needle, from + 1);
    } else {
      found.push([from, to]);
      from = haystack.indexOf(needle, to);
    }
  }
  return found;
}

/** The general case, for the rare text whose case folding changes its length. */
function matchesByExpression(value: string, term: string, search: WordSearch): [number, number][] {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(search.anySpace ? escaped.replace(/\s+/g, '\\s+') : escaped, 'giu');
  const found: [number, number][] = [];
  for (let match = pattern.exec(value); match !== null; match = pattern.exec(value)) {
    const from = match.index;
    const to = from + match[0].length;
    // Retried one code point on: V8 moves a `u` expression's lastIndex inside a surrogate pair back to its start.
    if (to === from || touchesWord(value, from, to)) pattern.lastIndex = from + codePointAt(value, from).length;
    else found.push([from, to]);
  }
  return found;
}

/** `value` with each whole-word occurrence of `term` replaced by `replace(occurrence)`. */
export function replaceWholeWords(value: string, term: string, replace: (match: string) => string): string {
  let out = '';
  let at = 0;
  for (const [from, to] of wholeWordMatches(value, term)) {
    out += value.slice(at, from) + replace(value.slice(from, to));
    at = to;
  }
  return out + value.slice(at);
}
