/**
 * Dates written in digits, as notes log their own work: a table's column of
 * days started or done, a diary's entries ("**03.06–09.06** — 6 задач").
 * A year alone ("1812") or a date in words ("14 декабря 1825") is the kind a
 * history note teaches, and is not one.
 */

import { WEEKDAYS } from './lexicon.js';

/** 2024-01-06, 06.01.2024, 2024/1/6, 5/20, 04-08, 2024年1月6日, 1月6日, Q3, 2024 Q3. */
const DATE = /^(?:\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?|\d{2}-\d{2}|\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|(?:\d{4}\s?)?[Qq][1-4](?:\s?\d{4})?)$/u;
/** Two dates joined by a dash: a week or a sprint of a log. */
const RANGE = /^(\S+)\s*[-–—~～]\s*(\S+)$/u;

/** Whether a text is a date written in digits. */
export function isDate(text: string): boolean {
  return DATE.test(text.trim());
}

/** Whether a text is a date or a range of two ("03.06–09.06", "2024-05-01 ~ 2024-05-07"). */
function isDateOrRange(text: string): boolean {
  const trimmed = text.trim();
  if (isDate(trimmed)) return true;
  const range = RANGE.exec(trimmed);
  return range !== null && isDate(range[1] ?? '') && isDate(range[2] ?? '');
}

const DIGIT = /\d/u;

/** A day of the month, as a diary's weekday carries it ("Sun 5"). */
const DAY = /^\d{1,2}[.,]?$/u;

/**
 * Whether a text names a day of a diary: a weekday with a day or a date beside
 * it ("Mon 29", "Пн 13.05", "2024-04-15 周一"). A weekday alone is a word a
 * vocabulary note teaches ("lundi"), and is not one.
 */
function isDiaryDay(text: string): boolean {
  const words = text.trim().toLowerCase().replace(/[(),]/gu, ' ').split(/\s+/u);
  if (words.length !== 2) return false;
  const [first = '', second = ''] = words;
  const dated = (word: string): boolean => DAY.test(word) || isDate(word);
  return (WEEKDAYS.has(first.replace(/\.$/u, '')) && dated(second)) || (dated(first) && WEEKDAYS.has(second.replace(/\.$/u, '')));
}

/** Whether a term names a diary's entry: a date, a range of dates, or a day ("**03.06–09.06** — 6 задач", "Sun 5: meal prep"). */
export function isDiaryEntry(term: string): boolean {
  // Every date and diary day holds a digit, and most terms none: they are turned down by one scan.
  return DIGIT.test(term) && (isDateOrRange(term) || isDiaryDay(term));
}

/** A week of the year, as weekly notes are named ("2024-W18"). */
const WEEK = /^\d{4}-W\d{1,2}$/u;

/**
 * Whether a note is a diary's page: its file is named by the day or week it
 * logs and nothing else ("Daily/2024-02-05.md", "2024-W18.md"); a dated
 * lecture ("2024-03-01 Thermodynamics.md") is a note like any other.
 */
export function isDiaryNote(file: string): boolean {
  const name = (file.split('/').pop() ?? '').replace(/\.md$/iu, '').trim();
  return isDate(name) || WEEK.test(name);
}
