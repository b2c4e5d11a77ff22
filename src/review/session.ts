import type { AnswerTime, Scheduler } from '../schedule/scheduler.js';
import { dayToIso } from '../schedule/days.js';
import type { Grade, CardState } from '../schedule/sm2.js';
import type { Db } from '../store/database.js';
import { buryUnits, nextDue, recordAnswer, suspendUnit, undoAnswer, type AnswerRecord, type StudyUnit } from '../study/tables.js';
import type { Key, KeySource } from './keys.js';
import { hiddenText, renderUnit, withoutHidden } from './render.js';
import { DONE_TODAY_GRADE, RECALLED_GRADE } from '../schedule/grades.js';
import { printable } from '../printable.js';

/** Why a card is in the session: due for review, new, or a same-day repeat of a grade below 4. */
export type Reason = 'due' | 'new' | 'repeat';

export interface QueueItem {
  unit: StudyUnit;
  reason: Reason;
}

export interface SessionOptions {
  db: Db;
  scheduler: Scheduler<CardState>;
  /** The cards of this session, in the order they are asked. */
  queue: QueueItem[];
  /** The session's clock and study day (the day stays fixed for the session). */
  clock: () => Date;
  today: number;
  deck?: string | undefined;
  /** Again/Hard/Good/Easy on keys 1-4 (grades 2/3/4/5) instead of grades 0-5. */
  buttons: boolean;
  keys: KeySource;
  write: (text: string) => void;
  /** A terminal: clear the screen per card and style text with ANSI. */
  tty: boolean;
  /** Terminal width for word wrapping (a terminal only). */
  columns?: number | undefined;
  /** Bury a card's siblings once it is answered (Anki's "bury siblings"; `--no-bury-siblings` turns it off). */
  burySiblings?: boolean;
  /** `e`: opens the note at the card's line and waits for the editor; returns why it could not, or undefined. */
  edit?: (file: string, line: number) => string | undefined;
  /** Runs each write (an answer, an undo, a bury); the review waits there for another process's write lock. */
  writing?: <T>(change: () => T) => T;
}

export interface SessionSummary {
  /** Cards whose schedule this session moved (first answer of the day). */
  reviewed: number;
  /** Of those, answered with grade 3 or more. */
  recalled: number;
  /** Every answer, same-day repeats included. */
  answers: number;
  /** Cards still waiting when the session ended (0 when it ran out of cards). */
  left: number;
  next: { day: number; count: number } | null;
  /** Time from the first card shown to the end, in seconds. */
  seconds: number;
  /** Answers per grade given (same-day repeats included; undone ones not). */
  grades: Partial<Record<Grade, number>>;
}

/** The grades as SM-2 defines them (docs/review.md), in two lines that fit a terminal. */
const GRADE_LINES = ['wrong:  0 blackout · 1 recognised once shown · 2 seemed easy once shown', 'right:  3 with serious difficulty · 4 after hesitation · 5 perfect'];
const BUTTONS: { key: string; label: string; grade: Grade }[] = [
  { key: '1', label: 'Again', grade: 2 },
  { key: '2', label: 'Hard', grade: 3 },
  { key: '3', label: 'Good', grade: 4 },
  { key: '4', label: 'Easy', grade: 5 },
];

interface Step {
  record: AnswerRecord;
  queue: QueueItem[];
  counts: Counts;
  /** Siblings buried by this answer (undo brings them back). */
  buried: StudyUnit[];
}
interface Counts {
  reviewed: number;
  recalled: number;
  answers: number;
  grades: Partial<Record<Grade, number>>;
}

/**
 * Runs a review session: question, reveal, grade, repeat. Every answer is
 * committed in its own transaction before the next card is shown; undo walks
 * back through this session's answers, restoring the cards and the queue.
 */
export async function runSession(options: SessionOptions): Promise<SessionSummary> {
  const { db, keys, write, tty } = options;
  const writing = options.writing ?? (<T>(change: () => T): T => change());
  let queue = [...options.queue];
  let counts: Counts = { reviewed: 0, recalled: 0, answers: 0, grades: {} };
  const started = options.clock().getTime();
  const history: Step[] = [];
  const ansi = tty;
  const wrap = (text: string) => (tty && options.columns ? wrapText(text, options.columns) : text);
  /** At a terminal the screen is cleared per card: the last answer's acknowledgement is repeated on top. */
  let notice = '';

  const undo = (): boolean => {
    const step = history.pop();
    if (!step) {
      write('Nothing to undo in this session.\n');
      return false;
    }
    writing(() => undoAnswer(db, step.record.reviewId, options.clock()));
    if (step.buried.length > 0) writing(() => buryUnits(db, step.buried, null));
    queue = step.queue;
    counts = step.counts;
    notice = `Undone: the last answer (${step.record.grade}) is taken back.`;
    write(`${notice}\n`);
    return true;
  };

  session: while (queue.length > 0) {
    const item = queue[0]!;
    const { question, answer } = renderUnit(item.unit, { ansi });
    if (tty) write(`\x1b[2J\x1b[H${dim(notice, ansi)}\n`);
    write(`\n${wrap(header(item, queue.length, ansi))}\n\n${wrap(question)}\n\n`);
    write(dim('Enter/Space: show the answer · -: bury · @: suspend · e: edit · u: undo · q: quit', ansi) + '\n');

    /** `-`, `@` and `e`, on either side: true when the session moves on (to this card again, or the next). */
    const setAside = (key: Key): boolean => {
      if (key === 'bury' || key === 'suspend') {
        if (key === 'bury') writing(() => buryUnits(db, [item.unit], options.today));
        else writing(() => suspendUnit(db, item.unit));
        queue = queue.filter((q) => !sameUnit(q.unit, item.unit));
        notice = key === 'bury' ? 'buried until tomorrow' : `suspended: not asked again until unsuspended (flashmark cards --unsuspend ${item.unit.cardId})`;
        write(`${notice}\n`);
        return true;
      }
      if (key !== 'edit') return false;
      if (!options.edit) {
        write('e: no editor at hand.\n');
        return false;
      }
      const edit = options.edit;
      let problem: string | undefined;
      keys.handOver(() => (problem = edit(item.unit.sourceFile, item.unit.sourceLine)));
      notice = problem ?? `edited ${item.unit.sourceFile}: the change reaches this card at the next session`;
      if (!tty) write(`${notice}\n`);
      return true;
    };

    // Question side: wait for the reveal.
    for (;;) {
      const key = await keys.next();
      if (key === null || key === 'quit') break session;
      if (key === 'undo') {
        if (undo()) continue session;
        continue;
      }
      if (setAside(key)) continue session;
      if (key === 'enter') break;
      write('Press Enter (or Space) to see the answer first.\n');
    }

    const preview = intervalsOf(item, options.scheduler, { now: options.clock(), today: options.today });
    write(`${rule(ansi)}\n${wrap(answer)}\n\n${gradePrompt(options.buttons, preview, ansi)}\n`);
    let grade: Grade | undefined;
    while (grade === undefined) {
      const key = await keys.next();
      if (key === null || key === 'quit') break session;
      if (key === 'undo') {
        if (undo()) continue session;
        continue;
      }
      if (setAside(key)) continue session;
      // Space or Enter on the answer side is Good, as in Anki.
      grade = key === 'enter' ? GOOD : gradeOf(key, options.buttons);
      if (grade === undefined) write(options.buttons ? 'Grade with 1-4 (Space: Good).\n' : 'Grade with 0-5 (Space: 4).\n');
    }

    const now = options.clock();
    const at: AnswerTime = { now, today: options.today };
    const record = writing(() => recordAnswer(db, item.unit, grade, at, options.scheduler));
    const before = queue;
    const previous = counts;
    counts = {
      answers: counts.answers + 1,
      reviewed: counts.reviewed + (record.kind === 'scheduled' ? 1 : 0),
      recalled: counts.recalled + (record.kind === 'scheduled' && grade >= RECALLED_GRADE ? 1 : 0),
      grades: { ...counts.grades, [grade]: (counts.grades[grade] ?? 0) + 1 },
    };
    queue = queue.slice(1);
    if (grade < DONE_TODAY_GRADE) queue.push({ unit: item.unit, reason: 'repeat' });
    // The note's other cards wait for tomorrow (as Anki buries siblings), unless nothing else is left today.
    const siblings = queue.filter((q) => q.unit.cardId === item.unit.cardId && q.unit.ord !== item.unit.ord && q.reason !== 'repeat');
    const buried = options.burySiblings !== false && siblings.length > 0 && queue.some((q) => q.unit.cardId !== item.unit.cardId) ? siblings.map((q) => q.unit) : [];
    if (buried.length > 0) {
      writing(() => buryUnits(db, buried, options.today));
      queue = queue.filter((q) => !siblings.includes(q));
    }
    history.push({ record, queue: before, counts: previous, buried });
    notice = acknowledgement(record, options.today);
    write(`${notice}\n`);
  }

  const seconds = Math.max(0, Math.round((options.clock().getTime() - started) / 1000));
  const summary: SessionSummary = { ...counts, left: queue.length, next: nextDue(db, options.today, options.deck), seconds };
  write(`\n${summaryText(summary, options.today)}\n`);
  return summary;
}

function sameUnit(a: StudyUnit, b: StudyUnit): boolean {
  return a.cardId === b.cardId && a.ord === b.ord;
}

function gradeOf(key: Key, buttons: boolean): Grade | undefined {
  if (typeof key !== 'string' || !/^[0-5]$/.test(key)) return undefined;
  if (buttons) return BUTTONS.find((button) => button.key === key)?.grade;
  return Number(key) as Grade;
}

function header(item: QueueItem, left: number, ansi: boolean): string {
  const reason = item.reason === 'due' ? 'review' : item.reason === 'new' ? 'new card' : 'again (same-day repeat)';
  const where = `${item.unit.sourceFile}:${item.unit.sourceLine}`;
  // The deck and the file name may contain the answer (a note named after its term).
  return dim(`── ${reason} · ${left} left · ${withoutHidden(printable(`${item.unit.deck} · ${where}`), hiddenText(item.unit))}`, ansi);
}

/** The grade Space or Enter gives on the answer side: Good (4; `3` with --buttons). */
const GOOD: Grade = 4;
const GRADES: readonly Grade[] = [0, 1, 2, 3, 4, 5];

/** Days until the next review each grade would give (undefined: a same-day repeat, which changes no schedule). */
type Preview = ReadonlyMap<Grade, number> | undefined;

function intervalsOf(item: QueueItem, scheduler: Scheduler<CardState>, at: AnswerTime): Preview {
  if (item.reason === 'repeat') return undefined;
  return new Map(GRADES.map((grade) => [grade, scheduler.answer(item.unit.state, grade, at).due - at.today]));
}

function gradePrompt(buttons: boolean, preview: Preview, ansi: boolean): string {
  const days = (grade: Grade) => (preview ? ` ${dayCount(preview.get(grade)!)}` : '');
  const choices = buttons
    ? BUTTONS.map((b) => `${b.key} ${b.label}${days(b.grade)}`).join(' · ')
    : [...GRADE_LINES, preview ? `next:   ${GRADES.map((g) => `${g} → ${dayCount(preview.get(g)!)}`).join(' · ')}` : ''].filter(Boolean).join('\n');
  const repeat = preview ? '' : ' · same-day repeat: the schedule stays';
  return `${choices}\n${dim(`Space/Enter: ${buttons ? 'Good' : '4'} · -: bury · @: suspend · e: edit · u: undo · q: quit${repeat}`, ansi)}`;
}

/** An interval as Anki's buttons show it: days, else months or years with one decimal. */
function dayCount(days: number): string {
  if (days < 31) return `${days}d`;
  if (days < 365) return `${(days / 30).toFixed(1)}mo`;
  return `${(days / 365).toFixed(1)}y`;
}

function acknowledgement(record: AnswerRecord, today: number): string {
  if (record.kind === 'repeat') {
    return record.grade >= DONE_TODAY_GRADE ? `saved ${record.grade}: done for today (same-day repeat, schedule unchanged)` : `saved ${record.grade}: again later in this session (same-day repeat, schedule unchanged)`;
  }
  const again = record.grade < DONE_TODAY_GRADE ? '; again later in this session' : '';
  return `saved ${record.grade}: next review ${inDays(record.due - today)}, ${dayToIso(record.due)}${again}`;
}

/** A session's length as people say it: seconds, or minutes and seconds, or hours and minutes. */
function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

function inDays(days: number): string {
  return days === 1 ? 'tomorrow' : `in ${days} days`;
}

/** The end-of-session lines: what was done, and when cards are next due. */
export function summaryText(summary: SessionSummary, today: number): string {
  const share = summary.reviewed > 0 ? ` (${Math.round((100 * summary.recalled) / summary.reviewed)}%)` : '';
  const lines = [
    `Reviewed ${summary.reviewed} card${summary.reviewed === 1 ? '' : 's'}, recalled ${summary.recalled}${share}; ${summary.answers} answer${summary.answers === 1 ? '' : 's'} in all, same-day repeats included.`,
  ];
  if (summary.answers > 0) {
    const grades = GRADES.filter((g) => summary.grades[g]).map((g) => `${g}: ${summary.grades[g]}`).join(' · ');
    lines.push(`Time ${duration(summary.seconds)}; answers by grade ${grades}.`);
  }
  if (summary.left > 0) lines.push(`${summary.left} card${summary.left === 1 ? '' : 's'} still waiting today.`);
  lines.push(
    summary.next
      ? `Next due: ${dayToIso(summary.next.day)} (${inDays(summary.next.day - today)}), ${summary.next.count} card${summary.next.count === 1 ? '' : 's'}.`
      : 'Next due: nothing scheduled.',
  );
  return lines.join('\n');
}

/** Wraps each line at spaces to `columns` visible characters (ANSI escapes take no room). */
export function wrapText(text: string, columns: number): string {
  const visible = (s: string) => [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
  return text
    .split('\n')
    .map((whole) => {
      // An indented line (code) keeps its indentation, on its continuation lines too.
      const indent = /^[ \t]*/.exec(whole)![0];
      const line = whole.slice(indent.length);
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current !== '' && indent.length + visible(current) + 1 + visible(word) > columns) {
          out.push(current);
          current = word;
        } else current = current === '' ? word : `${current} ${word}`;
      }
      out.push(current);
      return out.map((part) => indent + part).join('\n');
    })
    .join('\n');
}

function dim(text: string, ansi: boolean): string {
  return ansi ? `\x1b[2m${text}\x1b[22m` : text;
}

function rule(ansi: boolean): string {
  return dim('─'.repeat(40), ansi);
}
