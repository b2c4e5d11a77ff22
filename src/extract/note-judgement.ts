import type { Draft } from './context.js';
import { htmlText } from './finish.js';
import { escapeHtml } from './html.js';
import { eachWord, wordsOf } from './restates.js';
import { asksQuestion, comparable, wordCount } from './text.js';

/**
 * Judgements that need the whole note: what one card cannot tell about itself.
 *
 * - A term the note defines again and again under different headings ("Тип",
 *   "Инструменты", "Процесс") is a facet label, not a concept. Asked from its
 *   breadcrumb it is a fair question when the answer is one fact; an answer of
 *   several lines is several facts in one card, and a short answer the label
 *   repeats across the note ("Тип: Техника черного ящика" four times) is a
 *   tag on the section.
 * - A label the note gives two sections or more, asked alone ("Цель"), names
 *   its subject only in the breadcrumb, perhaps far up it, above headings the
 *   sections share ("Основные характеристики"): the heading that tells its
 *   section from the others moves into the question ("Use Case Testing › Цель").
 * - An answer that opens with the note's own subject ("Python используется
 *   для …" under "Автоматизация" in a note on Python), where neither the
 *   question nor the headings above it name that subject, is a statement
 *   about the subject hung on a label, not what the label means.
 */

/** A definition term this many times in one note is a facet label, judged as a tag or several facts. */
const FACET_REPEATS = 3;
/** A term defined this many times in one note is asked by the heading that tells its sections apart ("Merge › Когда"). */
const SUBJECT_REPEATS = 2;
/** An answer of this many lines, or list items, or more holds several facts. */
const SEVERAL_LINES = 3;
const SEVERAL_ITEMS = 6;
/** An answer of this many lines, however long each, is several facts: a learner cannot recall it as one. */
const SEVERAL_LONG_LINES = 4;
/** A line this short is a point of a list rather than a sentence of an explanation. */
const POINT_WORDS = 15;
/** A facet's answers this short, repeated, tag the sections they sit in. */
const SHORT_ANSWER_WORDS = 4;
/** Title words shorter than this (articles, "и", "of") are not the note's subject. */
const MIN_SUBJECT_WORD = 4;

/** The separate facts an answer lists: its list items, or else its lines. */
function lineCount(html: string): number {
  const items = html.split('<li>').length - 1;
  return items > 0 ? items : html.split(/<br>|\n/u).filter((part) => htmlText(part) !== '').length;
}

/**
 * Whether an answer holds several facts: three short lines or more, each a
 * point of its own ("Подходит для: проектов с …⏎систем, требующих …⏎…"), four
 * lines or more of any length, or a list longer than a learner recalls as one.
 */
function severalFacts(html: string): boolean {
  if (html.includes('<pre>')) return false;
  const items = html.split('<li>').length - 1;
  if (items > 0) return items >= SEVERAL_ITEMS;
  const lines = html.split(/<br>|\n/u).map(htmlText).filter((line) => line !== '');
  return lines.length >= SEVERAL_LONG_LINES || (lines.length >= SEVERAL_LINES && lines.every((line) => wordCount(line) <= POINT_WORDS));
}

function firstWord(html: string): string {
  let first = '';
  eachWord(htmlText(html), (word) => {
    first = word;
    return false;
  });
  return first;
}

/**
 * The breadcrumb level that tells a facet's section from the others, or -1: the deepest heading above it that
 * some other section of the facet lacks (`headings`: each section's, comparable). Sections sit at different depths ("## Скоуп › #### Тестирование
 * совместимости" beside "## Основные понятия"), so levels are compared by heading, not by position.
 */
function subjectLevel(draft: Draft, headings: readonly ReadonlySet<string>[]): number {
  for (let level = draft.crumb.length - 1; level >= 0; level--) {
    const heading = comparable(draft.crumb[level] ?? '');
    if (headings.some((other) => !other.has(heading))) return level;
  }
  return -1;
}

/**
 * Whether a heading names a term: its words are all the term's ("JDBC" over "JDBC (Java Database Connectivity)"),
 * or it asks what the term is ("Что такое Apache Kafka?"). A heading naming more ("REST vs WebSocket") names a
 * comparison, the facet's subject.
 */
function namesTerm(heading: string, term: string): boolean {
  const termWords = new Set(wordsOf(term));
  const headingWords = new Set(wordsOf(heading));
  const within = (words: Set<string>, others: Set<string>): boolean => [...words].every((word) => others.has(word));
  return within(headingWords, termWords) || (asksQuestion(heading) && within(termWords, headingWords));
}

/** Asks a facet by its subject: the level that names it leaves the breadcrumb for the question. */
function askBySubject(group: readonly Draft[]): void {
  const headings = group.map((draft) => new Set(draft.crumb.map(comparable)));
  for (const draft of group) {
    const level = subjectLevel(draft, headings);
    const subject = draft.crumb[level];
    // Under a heading that names the term itself ("### Apache Kafka", "### Что такое Apache Kafka?" over "Apache Kafka — …")
    // the term is the subject, not a facet of one.
    const term = draft.term;
    if (draft.drop !== undefined || subject === undefined || term === undefined || draft.crumb.some((heading) => namesTerm(heading, term))) continue;
    // A name described in words is asked from its description: the term is its answer, not its question.
    if (!comparable(htmlText(draft.question)).startsWith(comparable(term))) continue;
    draft.question = `${escapeHtml(subject)} › ${draft.question}`;
    draft.crumb = draft.crumb.filter((_, at) => at !== level);
  }
}

/** Turns down a facet label's cards that tag their sections (one short answer again and again) or ask several facts. */
function judgeFacet(group: readonly Draft[]): void {
  const answers = group.map((draft) => comparable(htmlText(draft.back)));
  const short = answers.filter((answer) => wordCount(answer) <= SHORT_ANSWER_WORDS);
  const repeats = short.length >= FACET_REPEATS && new Set(short).size * 2 <= short.length;
  for (const draft of group) {
    if (draft.drop !== undefined) continue;
    if (repeats) draft.drop = 'metadata';
    else if (lineCount(draft.back) >= SEVERAL_LINES) draft.drop = 'several-facts';
  }
}

/** Sets `drop` on the drafts the whole note shows are not worth asking, and asks facet labels by their subject. */
export function judgeNote(title: string, drafts: readonly Draft[]): void {
  const facets = new Map<string, Draft[]>();
  for (const draft of drafts) {
    // A label gathering definitions is judged by them (below), not as a facet of the note.
    if (draft.rule !== 'definition' || draft.term === undefined || draft.gathers !== undefined) continue;
    const key = comparable(draft.term);
    facets.set(key, [...(facets.get(key) ?? []), draft]);
  }
  for (const group of facets.values()) {
    if (group.length < SUBJECT_REPEATS) continue;
    if (group.length >= FACET_REPEATS) judgeFacet(group);
    askBySubject(group);
  }
  // A label over definitions that are asked only gathers them: asked again inside its answer, they would be asked
  // twice. Turned down one by one only for restating their terms ("Методы: параллельный запуск методов"), they are
  // asked together by the label; turned down as judgements or examples, the label's answer is those too.
  for (const draft of drafts) {
    const gathers = draft.gathers;
    if (gathers === undefined || draft.drop !== undefined) continue;
    const gathered = drafts.filter((other) => other !== draft && other.rule === 'definition' && other.line >= gathers[0] && other.line <= gathers[1]);
    const turnedDown = gathered.find((other) => other.drop !== 'restates');
    if (turnedDown !== undefined) draft.drop = turnedDown.drop ?? 'several-facts';
  }
  // An answer of several lines or a long list ("Подходит для": three lines) asks several facts at once.
  for (const draft of drafts) {
    if (draft.drop === undefined && draft.rule === 'definition' && draft.type === 'basic' && severalFacts(draft.back)) draft.drop = 'several-facts';
  }
  // The subject is the title's first word ("Python", "Документация в процессе разработки"): a later word of
  // a longer title ("Thinking, Fast and Slow") is no subject an answer could open with.
  const subject = wordsOf(title)
    .filter((word) => word.length >= MIN_SUBJECT_WORD)
    .slice(0, 1);
  if (subject.length === 0) return;
  for (const draft of drafts) {
    // A name asked from its description answers with the name, not with a statement.
    if (draft.drop !== undefined || draft.type !== 'basic' || draft.unreversed !== undefined) continue;
    const opening = firstWord(draft.back);
    const ofSubject = (word: string): boolean => word === opening;
    if (!subject.some(ofSubject)) continue;
    // The subject named in the question or the headings above it is what the card asks about.
    const context = wordsOf(htmlText([draft.question, ...draft.crumb].join(' ')));
    if (!context.some(ofSubject)) draft.drop = 'label';
  }
}
