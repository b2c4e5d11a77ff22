import { CONTENTS, isLabel } from './lexicon.js';

/** Whitespace other than single spaces: what `collapseSpace` has to change. */
const UNUSUAL_SPACE = /[^\S ]| {2}/;

/**
 * Every run of whitespace as one space. Most texts have single spaces only,
 * and `replace` would still build a new string match by match, word by word:
 * a third of the whitespace handling of a build at 10,000 notes.
 */
export function collapseSpace(text: string): string {
  return UNUSUAL_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/** Whitespace collapsed and trimmed: the form in which texts are compared and hashed. */
export function normalizeSpace(text: string): string {
  return collapseSpace(text).trim();
}

/**
 * Lower-cased, whitespace-collapsed: for "is this the same term" comparisons.
 * `toLowerCase`, not `toLocaleLowerCase`, which may follow the machine's
 * locale (Turkish lower-cases `I` to `ı`): a note gives the same cards anywhere.
 */
export function comparable(text: string): string {
  return normalizeSpace(text).toLowerCase();
}

/** A script written without spaces between words, and how many of its characters make a word on average. */
const DENSE_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/gu;
const DENSE_CHARS_PER_WORD = 2;
/** DENSE_SCRIPT for a test, which a global expression would start from its last match. */
const HAS_DENSE_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
/** A run between spaces from its first letter or digit on: one per run that has any. */
const WORD_RUN = /[\p{L}\p{N}]\S*/gu;

/**
 * Words of a text: runs between spaces, and in Chinese or Japanese, which
 * write no spaces, every two characters, so "a name of three words" means the
 * same length in any script.
 */
export function wordCount(text: string): number {
  // Most texts hold no dense script: their runs with a letter or digit are counted without splitting.
  if (!HAS_DENSE_SCRIPT.test(text)) return text.match(WORD_RUN)?.length ?? 0;
  let count = 0;
  for (const token of text.split(/\s+/u)) {
    if (!hasWords(token)) continue;
    const dense = token.match(DENSE_SCRIPT)?.length ?? 0;
    count += dense === 0 ? 1 : Math.ceil(dense / DENSE_CHARS_PER_WORD) + (hasWords(token.replace(DENSE_SCRIPT, '')) ? 1 : 0);
  }
  return count;
}

/** A text without its glosses in parentheses ("Severity (Серьёзность)" → "Severity "), each left as a space. */
export function withoutGloss(text: string): string {
  return text.replace(/\s*[(（][^)）]*[)）]/gu, ' ');
}

/** Whether a text says anything: a letter or digit in any script. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Emoji (keycaps like 1️⃣ included) and their joiners and variation selectors: decoration, not words. */
const EMOJI = /[0-9#*]\u{FE0F}?\u{20E3}|\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}|\u{20E3}/gu;

/**
 * A heading as a person would write it in a breadcrumb: emoji, leading
 * numbering (`1.`, `2.3)`), wrapping punctuation and a trailing colon dropped.
 */
export function cleanHeading(text: string): string {
  return normalizeSpace(text.replace(EMOJI, ' '))
    .replace(/^(?:\d+(?:\.\d+)*[.)]|[-–—•·*#]+)\s+/u, '')
    .replace(/[\s:：.,;—–-]+$/u, '')
    .replace(/^[\s:：,;—–-]+/u, '')
    .trim();
}

/** Headings that name a table of contents: no breadcrumb level, no title. */
export function isContentsHeading(text: string): boolean {
  return isLabel(CONTENTS, text);
}

/**
 * A title from a file name: extension, numbering prefixes (`002. `, `01-`,
 * `3_`) dropped, and dashes or underscores read as spaces when the name has none.
 */
export function titleFromFileName(file: string): string {
  let name = (file.split('/').pop() ?? file).replace(/\.md$/i, '').replace(/^[!_~@#]+/u, '');
  name = name.replace(/^\d+(?:\.\d+)*(?:[.)_]\s*|\s*-\s*|\s+)(?=\S)/u, '');
  if (!/\s/.test(name)) {
    name = name
      .replace(/-{2,}/g, ' - ')
      .replace(/[-_]/g, ' ')
      .replace(/ {2,}/g, ' ');
  }
  const title = cleanHeading(name) || name.trim() || file;
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** A deck name level: no `::` inside (it separates levels). */
export function deckLevel(text: string): string {
  return normalizeSpace(text.replace(/::+/g, ':')) || '-';
}

/** Emoji, stars and spaces closing a heading. */
const TRAILING_MARKS = /(?:[\s*★☆]|\p{Extended_Pictographic}|\u{FE0F}|\u{200D})+$/u;

/** Whether a heading's text asks a question. */
export function asksQuestion(heading: string): boolean {
  // Marks after the question ("什么是闭包？⭐", "Why? 🔥") rate it; they are not part of it.
  return /[?？]$/u.test(heading.replace(TRAILING_MARKS, ''));
}
