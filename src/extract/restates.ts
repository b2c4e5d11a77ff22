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
import { oneScript } from './scripts.js';

/** A shared prefix this long (and at least half the shorter word) makes two words one stem. */
const MIN_STEM = 4;
/** Words shorter than this (articles, prepositions, "API") must match exactly, if at all. */
const MIN_CONTENT_WORD = 3;
/** An answer adding more words of its own than this says something beyond its key. */
const MAX_NEW_WORDS = 4;

const WORD = /[\p{L}\p{N}]+/gu;
/** WORD for `eachWord`'s stepwise reading, which keeps its place in lastIndex. */
const WORD_AT = /[\p{L}\p{N}]+/gu;
const DENSE_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;

/** Texts remembered once split into words: a breadcrumb is the context of every card under it. */
const RECENT_WORDS = 4096;

/** The words of a text, lower-cased; a run of a script written without spaces becomes its character pairs. */
export const wordsOf: (text: string) => string[] = boundedMemo(splitWords, RECENT_WORDS);

/** The last text lower-cased: the rules ask `restates` and then `restatesContext` of one answer. */
let lastText = '';
let lastLower = '';

function lowerCased(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  return lastLower;
}

/**
 * Calls `visit` with the words of a text as `wordsOf` gives them, in order,
 * until it returns false: a judgement settled by an answer's first words does
 * not split the rest of it.
 */
export function eachWord(text: string, visit: (word: string) => boolean): void {
  const lower = lowerCased(text);
  WORD_AT.lastIndex = 0;
  for (let match = WORD_AT.exec(lower); match !== null; match = WORD_AT.exec(lower)) {
    const word = match[0];
    if (!DENSE_SCRIPT.test(word)) {
      if (!visit(word)) return;
      continue;
    }
    const chars = [...word];
    if (chars.length === 1 && !visit(word)) return;
    for (let i = 0; i + 1 < chars.length; i++) if (!visit(`${chars[i]}${chars[i + 1]}`)) return;
  }
}

function splitWords(text: string): string[] {
  const lower = text.toLowerCase();
  const all = lower.match(WORD) ?? [];
  // Most texts hold no dense script at all: one test of the text instead of one per word.
  if (!DENSE_SCRIPT.test(lower)) return all;
  const words: string[] = [];
  for (const word of all) {
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
  return word.length >= MIN_CONTENT_WORD || DENSE_SCRIPT.test(word);
}

/** Letters a word may carry before its stem (в-ручную, un-used). */
const MAX_PREFIX = 2;

/** Whether two words share a stem, one of them perhaps behind a short prefix ("ручное", "вручную"). */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < MIN_STEM) return false;
  // As written, or one word past a prefix; the script test last, as most pairs share no stem.
  let shared = sharesStem(a, b, 0, 0, shorter);
  for (let prefix = 1; prefix <= MAX_PREFIX && !shared; prefix++) shared = sharesStem(a, b, prefix, 0, shorter) || sharesStem(a, b, 0, prefix, shorter);
  return shared && !DENSE_SCRIPT.test(a);
}

/** Whether `a` from `i` and `b` from `j` open with one stem: MIN_STEM units in common, and half the shorter word. */
function sharesStem(a: string, b: string, i: number, j: number, shorter: number): boolean {
  let common = 0;
  while (i + common < a.length && j + common < b.length && a.charCodeAt(i + common) === b.charCodeAt(j + common)) common++;
  return common >= MIN_STEM && common * 2 >= shorter;
}

/**
 * Whether a word shares a stem with one of `known`. The lists compared are a
 * few words (a key, a breadcrumb) against the words of one answer, and most
 * pairs differ in their first letters: a plain scan costs less than indexing
 * either side first.
 */
function hasStem(known: readonly string[], word: string): boolean {
  for (const other of known) if (sameStem(other, word)) return true;
  return false;
}

/** Whether a word is all ASCII digits. */
function isNumber(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The words of an answer that count: content words, and numbers (a port, a limit, a year is a fact of its own). */
function answerWordsOf(answer: string): string[] {
  // Not remembered: an answer is judged once, and a memo of answers only holds memory.
  return splitWords(answer).filter((word) => isContent(word) || isNumber(word));
}

/** An answer with this few words beyond its question and breadcrumb only repeats its context. */
const MAX_WORDS_BEYOND_CONTEXT = 1;

/**
 * Whether an answer says nothing its question and breadcrumb (`context`, in
 * parts) do not already say ("Нагрузочное тестирование › Инструменты ›
 * Gatling": "Инструмент для нагрузочного тестирования").
 */
export function restatesContext(context: readonly string[], answer: string): boolean {
  // Looked up once, not once per word of the answer.
  return restatesWords(contextWords(context), answer);
}

/** `restatesContext` of a context's words (see contextWords), for a rule that asks it of many answers in one context. */
export function restatesWords(known: readonly string[], answer: string): boolean {
  let counted = 0;
  let beyond = 0;
  // Read word by word: most answers add a second word of their own within their first few.
  eachWord(answer, (word) => {
    if (!isContent(word) && !isNumber(word)) return true;
    counted++;
    if (!hasStem(known, word)) beyond++;
    return beyond <= MAX_WORDS_BEYOND_CONTEXT;
  });
  return counted >= 2 && beyond <= MAX_WORDS_BEYOND_CONTEXT;
}

/** An answer of at most this many words that repeats its key's own words explains the key by itself. */
const MAX_ECHO_WORDS = 12;
/** Longer than this, a text has more than MAX_ECHO_WORDS words in any language. */
const MAX_ECHO_CHARS = 300;
/** Key words shorter than this (short roots, function words) come back in an answer by chance. */
const MIN_ECHO_WORD = 5;
/** The share of a key's own words an answer repeats that makes it an echo of the key. */
const ECHO_SHARE = 0.5;

/**
 * Whether a short answer explains its key by the key's own words, those its
 * breadcrumb does not already say ("Поддержка параллельного выполнения":
 * "Возможность запуска тестов параллельно…", "Structured logs: logs should be
 * structured…"): learners delete most such cards, whatever the words the
 * answer adds. Key and answer must be written in one script (see scripts.ts),
 * so a name and its explanation in another language are never compared; only
 * the answer's `prose` is searched (a command named in code is no echo).
 */
export function echoes(context: readonly string[], key: string, answer: string, prose = answer): boolean {
  // Most explanations are longer than an echo can be: turned down by their length before they are split.
  if (answer.length > MAX_ECHO_CHARS) return false;
  const keyWords = wordsOf(key).filter((word) => word.length >= MIN_ECHO_WORD);
  // Most keys are short words: nothing to compare, and the breadcrumb is not looked up.
  if (keyWords.length === 0) return false;
  const known = contextWords(context);
  const own = keyWords.filter((word) => !hasStem(known, word));
  if (own.length === 0) return false;
  // Most answers hold too few of the stems an echo would share: told by a search of the text, before it is split.
  const lower = lowerCased(prose);
  if (own.filter((word) => mayHoldStem(lower, word)).length < own.length * ECHO_SHARE || wordsOf(answer).length > MAX_ECHO_WORDS) return false;
  const long = wordsOf(prose).filter((word) => word.length >= MIN_ECHO_WORD);
  const echoed = own.filter((word) => hasStem(long, word)).length;
  // The scripts are compared last, letter by letter: most answers repeat too few of their key's words to be an echo.
  return echoed > 0 && echoed >= own.length * ECHO_SHARE && oneScript(key, answer);
}

/**
 * Whether half the longer words of `later` come back, by their stems, in
 * `earlier`: a row's second description ("Применение: Обновление данных в
 * таблице") that only says its first again ("Изменяет существующие данные в
 * таблице").
 */
export function repeats(earlier: string, later: string): boolean {
  const own = wordsOf(later).filter((word) => word.length >= MIN_ECHO_WORD);
  if (own.length === 0) return false;
  const known = wordsOf(earlier).filter((word) => word.length >= MIN_ECHO_WORD);
  // Compared from their first letters: past a prefix, "использование" would share a stem with "пользователям".
  const sameStart = (a: string, b: string): boolean => sharesStem(a, b, 0, 0, Math.min(a.length, b.length));
  return own.filter((word) => known.some((other) => sameStart(other, word))).length >= own.length * ECHO_SHARE;
}

/** The content words of a breadcrumb level or key, remembered: every answer under it is compared with them. */
const contentWordsOf: (text: string) => string[] = boundedMemo((text) => wordsOf(text).filter(isContent), RECENT_WORDS);

/** The content words of a context's parts in one list: a loop, as `flatMap` costs more than the lookups themselves. */
export function contextWords(context: readonly string[]): string[] {
  const words: string[] = [];
  for (const part of context) words.push(...contentWordsOf(part));
  return words;
}

/** Whether every word of an answer is already in sight, by its stem (a cloze's deletion in its breadcrumb). */
export function givenAway(context: string, answer: string): boolean {
  const words = wordsOf(answer).filter(isContent);
  if (words.length === 0) return false;
  const known = wordsOf(context).filter(isContent);
  return words.every((word) => hasStem(known, word));
}

/**
 * Whether `lower` (a lower-cased answer) may hold a word sharing a stem with
 * `word`: the word itself, or one of the stretches of MIN_STEM units a shared
 * stem would open with. Most answers are turned down here, without being split.
 */
function mayHoldStem(lower: string, word: string): boolean {
  if (word.length < MIN_STEM) return lower.includes(word);
  for (let at = 0; at <= MAX_PREFIX && at + MIN_STEM <= word.length; at++) if (lower.includes(word.slice(at, at + MIN_STEM))) return true;
  return false;
}

export function restates(key: string, answer: string): boolean {
  const keyWords = wordsOf(key).filter((word) => isContent(word) && !isNumber(word));
  if (keyWords.length === 0) return false;
  const lower = lowerCased(answer);
  if (!keyWords.every((word) => mayHoldStem(lower, word))) return false;
  const answerWords = answerWordsOf(answer);
  if (!keyWords.every((word) => hasStem(answerWords, word))) return false;
  let added = 0;
  for (const word of answerWords) if (!hasStem(keyWords, word) && ++added > MAX_NEW_WORDS) return false;
  return true;
}
