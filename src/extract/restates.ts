/**
 * Whether an answer only restates its question: every word of the key comes
 * back in the answer (by its stem: "Изоляция" in "изолированных средах",
 * "visibility" in "visible"), and the answer adds at most a few words of its
 * own ("Уровень отказов: частота отказов системы"). A learner recalls nothing
 * from such a card. Stems are compared by shared prefixes, which holds across
 * the inflections of most alphabetic languages; a Han, kana or Hangul key is
 * compared character pair by character pair.
 */

import { boundedMemo } from '../memo.js';

/** A shared prefix this long (and at least half the shorter word) makes two words one stem. */
const MIN_STEM = 4;
/** Words shorter than this (articles, prepositions, "API") must match exactly, if at all. */
const MIN_CONTENT_WORD = 3;
/** An answer adding more words of its own than this says something beyond its key. */
const MAX_NEW_WORDS = 4;

const WORD = /[\p{L}\p{N}]+/gu;
const DENSE_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;

/** Texts remembered once split into words: a breadcrumb is the context of every card under it. */
const RECENT_WORDS = 4096;

/** The words of a text, lower-cased; a run of a script written without spaces becomes its character pairs. */
export const wordsOf: (text: string) => string[] = boundedMemo(splitWords, RECENT_WORDS);

function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    if (!DENSE_SCRIPT.test(word)) {
      words.push(word);
      continue;
    }
    const chars = [...word];
    if (chars.length === 1) words.push(word);
    for (let i = 0; i + 1 < chars.length; i++) words.push(`${chars[i]}${chars[i + 1]}`);
  }
  return words;
}

function isContent(word: string): boolean {
  return DENSE_SCRIPT.test(word) || word.length >= MIN_CONTENT_WORD;
}

/** Letters a word may carry before its stem (в-ручную, un-used). */
const MAX_PREFIX = 2;

/** Where two words are compared from: as written, or one of them past a prefix of a letter or two. */
const OFFSETS: readonly [number, number][] = [
  [0, 0],
  [1, 0],
  [2, 0],
  [0, 1],
  [0, 2],
];

/** Whether two words share a stem, one of them perhaps behind a short prefix ("ручное", "вручную"). */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < MIN_STEM || DENSE_SCRIPT.test(a)) return false;
  return OFFSETS.some(([i, j]) => {
    let common = 0;
    while (i + common < a.length && j + common < b.length && a[i + common] === b[j + common]) common++;
    return common >= MIN_STEM && common * 2 >= shorter;
  });
}

/**
 * Words to compare others against, indexed by their first letters at each
 * offset a stem may start at: a word none of whose openings is there shares
 * no stem with any of them, which most words of an answer are found to be
 * without comparing them with every word of the question one by one.
 */
class Stems {
  private readonly words: readonly string[];
  private readonly exact: ReadonlySet<string>;
  private readonly openings = new Set<string>();

  constructor(words: readonly string[]) {
    this.words = words;
    this.exact = new Set(words);
    for (const word of words) for (let i = 0; i <= MAX_PREFIX; i++) if (word.length - i >= MIN_STEM) this.openings.add(word.slice(i, i + MIN_STEM));
  }

  has(word: string): boolean {
    if (this.exact.has(word)) return true;
    let opens = false;
    for (let i = 0; i <= MAX_PREFIX && !opens; i++) opens = word.length - i >= MIN_STEM && this.openings.has(word.slice(i, i + MIN_STEM));
    return opens && this.words.some((known) => sameStem(known, word));
  }
}

function isNumber(word: string): boolean {
  return /^\d+$/u.test(word);
}

/** The words of an answer that count: content words, and numbers (a port, a limit, a year is a fact of its own). */
function answerWordsOf(answer: string): string[] {
  return wordsOf(answer).filter((word) => isContent(word) || isNumber(word));
}

/** An answer with this few words beyond its question and breadcrumb only repeats its context. */
const MAX_WORDS_BEYOND_CONTEXT = 1;

/**
 * Whether an answer says nothing its question and breadcrumb (`context`, in
 * parts) do not already say ("Нагрузочное тестирование › Инструменты ›
 * Gatling": "Инструмент для нагрузочного тестирования").
 */
export function restatesContext(context: readonly string[], answer: string): boolean {
  const answerWords = answerWordsOf(answer);
  if (answerWords.length < 2) return false;
  const known = new Stems(context.flatMap((part) => wordsOf(part).filter(isContent)));
  let beyond = 0;
  for (const word of answerWords) if (!known.has(word) && ++beyond > MAX_WORDS_BEYOND_CONTEXT) return false;
  return true;
}

/** Whether every word of an answer is already in sight, by its stem (a cloze's deletion in its breadcrumb). */
export function givenAway(context: string, answer: string): boolean {
  const words = wordsOf(answer).filter(isContent);
  if (words.length === 0) return false;
  const known = new Stems(wordsOf(context).filter(isContent));
  return words.every((word) => known.has(word));
}

export function restates(key: string, answer: string): boolean {
  const keyWords = wordsOf(key).filter((word) => isContent(word) && !isNumber(word));
  if (keyWords.length === 0) return false;
  const answerWords = answerWordsOf(answer);
  const inAnswer = new Stems(answerWords);
  if (!keyWords.every((word) => inAnswer.has(word))) return false;
  const inKey = new Stems(keyWords);
  return answerWords.filter((word) => !inKey.has(word)).length <= MAX_NEW_WORDS;
}
