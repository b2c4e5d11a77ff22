import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canValidate, openApkg, validatorPath } from '../anki/apkg.js';
import { answer, binary, env, fixture, review } from '../progress/driver.js';

// Switching a study database between SM-2 and FSRS, through the real binary.


function freshNotes(): string {
  const notes = join(mkdtempSync(join(tmpdir(), 'flashmark-fsrs-')), 'notes');
  cpSync(fixture, notes, { recursive: true });
  return notes;
}



function query<T>(notes: string, sql: string): T[] {
  const db = new Database(join(notes, '.flashmark', 'state.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

interface CardState { card_id: string; ord: number; repetition: number; interval: number; easiness: number; due_day: number | null; state: string | null }
const cardStates = (notes: string) =>
  query<CardState>(notes, 'SELECT card_id, ord, repetition, interval, easiness, due_day, state FROM study_card ORDER BY card_id, ord');
const reviewLog = (notes: string) => query<Record<string, unknown>>(notes, 'SELECT * FROM study_review ORDER BY id');
const schedulerRow = (notes: string) => query<{ name: string }>(notes, 'SELECT name FROM study_scheduler');

/** Two SM-2 days with failures, same-day repeats and a lapse. */
function studySm2(notes: string): void {
  review(notes, '2026-03-02T09:00', answer(5, 2, 4, 3, 4, 4, 4), '--new', '5');
  review(notes, '2026-03-03T09:00', answer(5, 1, 4, 4, 5, 4), '--new', '0');
}

describe('review --scheduler: switching a study database between SM-2 and FSRS', () => {
  it('SM-2 -> FSRS -> SM-2 keeps the review log intact and gives back exactly the SM-2 state', () => {
    const notes = freshNotes();
    studySm2(notes);
    const sm2Cards = cardStates(notes);
    const log = reviewLog(notes);
    expect(sm2Cards.filter((c) => c.due_day !== null)).toHaveLength(5);
    expect(log.length).toBeGreaterThan(10);

    const toFsrs = review(notes, '2026-03-04T09:00', ['q'], '--scheduler', 'fsrs');
    expect(toFsrs).toContain(`Scheduler: sm2 -> fsrs; 5 cards rebuilt from ${log.length} logged answers (the log is unchanged).`);
    expect(schedulerRow(notes)).toEqual([{ name: 'fsrs' }]);
    expect(reviewLog(notes)).toEqual(log);
    const fsrsCards = cardStates(notes);
    for (const card of fsrsCards.filter((c) => c.due_day !== null)) {
      const state = JSON.parse(card.state!) as { stability: number; difficulty: number; lastDay: number; interval: number };
      expect(state.stability).toBeGreaterThan(0);
      expect(card.due_day).toBe(state.lastDay + state.interval);
      expect(card.interval).toBe(state.interval);
    }
    // FSRS schedules differently: not every due day stays where SM-2 put it.
    expect(fsrsCards.map((c) => c.due_day)).not.toEqual(sm2Cards.map((c) => c.due_day));
    // The same choice again is no switch.
    expect(review(notes, '2026-03-04T09:00', ['q'], '--scheduler', 'fsrs')).not.toContain('Scheduler:');

    const back = review(notes, '2026-03-04T09:00', ['q'], '--scheduler', 'sm2');
    expect(back).toContain('Scheduler: fsrs -> sm2; 5 cards rebuilt');
    expect(reviewLog(notes)).toEqual(log);
    expect(cardStates(notes)).toEqual(sm2Cards);
  });

  it('keeps the choice, and answers given under FSRS count for SM-2 after switching back as if given under SM-2', () => {
    const switched = freshNotes();
    const twin = freshNotes();
    studySm2(switched);
    studySm2(twin);
    review(switched, '2026-04-01T09:00', ['q'], '--scheduler', 'fsrs');
    // No --scheduler: the database stays on FSRS. A month on, every card is due under both; all answered 4.
    review(switched, '2026-04-01T09:00', answer(4, 4, 4, 4, 4), '--new', '0');
    review(twin, '2026-04-01T09:00', answer(4, 4, 4, 4, 4), '--new', '0');
    const answeredUnderFsrs = query<{ scheduler: string }>(switched, "SELECT scheduler FROM study_review WHERE day = 20544");
    expect(answeredUnderFsrs.map((r) => r.scheduler)).toEqual(['fsrs', 'fsrs', 'fsrs', 'fsrs', 'fsrs']);

    review(switched, '2026-04-02T09:00', ['q'], '--scheduler', 'sm2');
    expect(cardStates(switched)).toEqual(cardStates(twin));
  });

  it('build --with-progress on an FSRS database writes its intervals, consistent with the review log', () => {
    const notes = freshNotes();
    studySm2(notes);
    review(notes, '2026-03-10T09:00', answer(4, 3, 5, 4, 4, 4, 4, 4), '--scheduler', 'fsrs', '--new', '0');
    const out = join(notes, '..', 'decks');
    const built = spawnSync(process.execPath, [binary, 'build', notes, '-o', out, '--now', '2026-03-11T09:00', '--with-progress'], { encoding: 'utf8', env });
    expect(built.status).toBe(0);
    const local = cardStates(notes).filter((c) => c.due_day !== null);
    const files = readdirSync(out).filter((f) => f.endsWith('.apkg'));
    let reviewCards = 0;
    for (const file of files) {
      const { db } = openApkg(readFileSync(join(out, file)));
      const cards = db.prepare<[], { id: number; guid: string; ord: number; type: number; ivl: number; due: number; factor: number }>(
        'SELECT c.id, n.guid, c.ord, c.type, c.ivl, c.due, c.factor FROM cards c JOIN notes n ON n.id = c.nid WHERE c.type = 2',
      ).all();
      for (const card of cards) {
        const state = local.find((c) => c.card_id === card.guid && c.ord === card.ord)!;
        expect(card).toMatchObject({ ivl: state.interval, due: state.due_day! - 18_262, factor: 2500 });
        const last = db.prepare<[number], { ivl: number }>('SELECT ivl FROM revlog WHERE cid = ? ORDER BY id DESC LIMIT 1').get(card.id)!;
        expect(last.ivl).toBe(card.ivl);
        reviewCards++;
      }
      if (canValidate) {
        const result = spawnSync(validatorPath, [join(out, file)], { encoding: 'utf8' });
        expect(result.stdout + result.stderr, file).toBe('');
      }
    }
    expect(reviewCards).toBe(local.length);
  });
});
