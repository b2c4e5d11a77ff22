import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { lineKeys } from '../../src/review/keys.js';
import { sessionQueue } from '../../src/review/queue.js';
import { runSession, wrapText } from '../../src/review/session.js';
import { isoToDay } from '../../src/schedule/days.js';
import { sm2Scheduler } from '../../src/schedule/scheduler.js';
import type { Db } from '../../src/store/database.js';
import { openStudyDatabase, syncCards } from '../../src/study/index.js';
import { card, tempDbPath } from '../study/fixtures.js';

const start = new Date('2026-03-01T09:00:00Z');
const today = isoToDay('2026-03-01');
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function studyDb(cards = [card('a', { source: { file: 'n.md', line: 1 } }), card('b', { source: { file: 'n.md', line: 2 } })]): Db {
  const db = openStudyDatabase(tempDbPath());
  open.push(db);
  syncCards(db, cards, start);
  return db;
}

/** Runs a session on `db` with one key per line, as a script would pipe it. */
async function session(db: Db, lines: string[], options: { buttons?: boolean; day?: number; newPerDay?: number } = {}) {
  const day = options.day ?? today;
  let output = '';
  const summary = await runSession({
    db, scheduler: sm2Scheduler, queue: sessionQueue(db, { today: day, newPerDay: options.newPerDay ?? 20, newPerDeck: 20 }),
    clock: () => new Date(start.getTime() + (day - today) * 86_400_000), today: day, buttons: options.buttons ?? false,
    keys: lineKeys(Readable.from(lines.map((line) => `${line}\n`))), write: (text) => void (output += text), tty: false,
  });
  return { output, summary };
}

const log = (db: Db) => db.prepare('SELECT card_id, grade, kind, undone_at IS NOT NULL AS undone FROM study_review ORDER BY id').all();
const cardState = (db: Db, id: string) => db.prepare('SELECT repetition, interval, easiness, due_day, first_seen FROM study_card WHERE card_id = ?').get(id);

describe('a review session', () => {
  it('asks, reveals, grades, and brings a card graded below 4 back until it scores 4', async () => {
    const db = studyDb();
    const { output, summary } = await session(db, ['', '3', '', '5', '', '2', '', '4']);
    // a: 3 (scheduled, comes back), b: 5; a again: 2 (repeat, comes back), a again: 4 (repeat, done).
    expect(log(db)).toEqual([
      { card_id: 'a', grade: 3, kind: 'scheduled', undone: 0 },
      { card_id: 'b', grade: 5, kind: 'scheduled', undone: 0 },
      { card_id: 'a', grade: 2, kind: 'repeat', undone: 0 },
      { card_id: 'a', grade: 4, kind: 'repeat', undone: 0 },
    ]);
    expect(cardState(db, 'a')).toMatchObject({ repetition: 1, interval: 1, easiness: 2360, due_day: today + 1 });
    expect(summary).toMatchObject({ reviewed: 2, recalled: 2, answers: 4, left: 0, next: { day: today + 1, count: 2 } });
    expect(output).toContain('What is a?');
    expect(output).toContain('wrong:  0 blackout · 1 recognised once shown · 2 seemed easy once shown\nright:  3 with serious difficulty · 4 after hesitation · 5 perfect');
    expect(output).toContain('again (same-day repeat)');
    expect(output).toContain('Reviewed 2 cards, recalled 2 (100%); 4 answers in all, same-day repeats included.');
    expect(output).toContain('Next due: 2026-03-02 (tomorrow), 2 cards.');
  });

  it('does not show the answer before it is revealed', async () => {
    const db = studyDb([card('a', { back: 'SECRET ANSWER' })]);
    const { output } = await session(db, ['q']);
    expect(output).toContain('What is a?');
    expect(output).not.toContain('SECRET ANSWER');
  });

  it('undo restores the card and the queue exactly, also across a same-day repeat', async () => {
    const db = studyDb();
    const before = { a: cardState(db, 'a'), b: cardState(db, 'b') };
    // a: 1 (fails -> repeat queued), b: 4, a (repeat): 2 (queued again); then undo three times, back to the very start.
    const { output } = await session(db, ['', '1', '', '4', '', '2', 'u', 'u', 'u', 'q']);
    expect(cardState(db, 'a')).toEqual(before.a);
    expect(cardState(db, 'b')).toEqual(before.b);
    expect(log(db)).toEqual([
      { card_id: 'a', grade: 1, kind: 'scheduled', undone: 1 },
      { card_id: 'b', grade: 4, kind: 'scheduled', undone: 1 },
      { card_id: 'a', grade: 2, kind: 'repeat', undone: 1 },
    ]);
    // After the last undo the first card is on screen again: the output ends with a's question, then the summary.
    const lastQuestion = output.lastIndexOf('What is');
    expect(output.slice(lastQuestion, lastQuestion + 10)).toBe('What is a?');
    expect(output).toContain('Reviewed 0 cards, recalled 0; 0 answers in all');
  });

  it('maps Again/Hard/Good/Easy on keys 1-4 to grades 2/3/4/5', async () => {
    const db = studyDb();
    await session(db, ['', '4', '', '1', '', '3'], { buttons: true });
    expect(log(db)).toEqual([
      { card_id: 'a', grade: 5, kind: 'scheduled', undone: 0 },
      { card_id: 'b', grade: 2, kind: 'scheduled', undone: 0 },
      { card_id: 'b', grade: 4, kind: 'repeat', undone: 0 },
    ]);
  });

  it('ends by itself when the input ends, with everything answered kept', async () => {
    const db = studyDb();
    const { summary } = await session(db, ['', '5']);
    expect(summary).toMatchObject({ reviewed: 1, left: 1 });
    expect(log(db)).toHaveLength(1);
  });

  it('limits new cards per study day across sessions, and a quit session\'s repeats return the same day', async () => {
    const db = studyDb([card('a', { source: { file: 'n.md', line: 1 } }), card('b', { source: { file: 'n.md', line: 2 } }), card('c', { source: { file: 'n.md', line: 3 } })]);
    await session(db, ['', '2', 'q'], { newPerDay: 2 });
    const second = await session(db, ['', '5', '', '4'], { newPerDay: 2 });
    // Only one new card left today (b); a comes back as a repeat; c waits for tomorrow.
    expect(log(db)).toEqual([
      { card_id: 'a', grade: 2, kind: 'scheduled', undone: 0 },
      { card_id: 'b', grade: 5, kind: 'scheduled', undone: 0 },
      { card_id: 'a', grade: 4, kind: 'repeat', undone: 0 },
    ]);
    expect(second.summary.left).toBe(0);
    // Tomorrow: a and b are due (interval 1), then the new card c.
    const tomorrow = await session(db, ['', '4', '', '4', '', '4'], { newPerDay: 2, day: today + 1 });
    const order = ['a', 'b', 'c'].map((id) => tomorrow.output.indexOf(`What is ${id}?`));
    expect(order[0]).toBeGreaterThan(-1);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(tomorrow.summary).toMatchObject({ reviewed: 3, left: 0 });
  });
});

describe('word wrapping at a terminal', () => {
  it('wraps at spaces to the width, ignoring ANSI escapes', () => {
    expect(wrapText('aaa bbb ccc\nd', 7)).toBe('aaa bbb\nccc\nd');
    expect(wrapText('\x1b[1maaa\x1b[22m bbb', 7)).toBe('\x1b[1maaa\x1b[22m bbb');
  });
});
