import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { cardOrdinals } from '../../src/anki/index.js';
import { sm2Scheduler } from '../../src/schedule/scheduler.js';
import { isoToDay } from '../../src/schedule/days.js';
import type { Db } from '../../src/store/database.js';
import {
  acquireSessionLock, dueUnits, newCardsStudiedOn, newUnits, openStudyDatabase, pendingRepeats, recordAnswer, releaseSessionLock,
  syncCards, undoAnswer, unitOrdinals,
} from '../../src/study/index.js';
import { card, tempDbPath } from './fixtures.js';

const now = new Date('2026-03-01T09:00:00Z');
const today = isoToDay('2026-03-01');
const at = { now, today };
const open: Db[] = [];
function db(path = tempDbPath()): Db {
  const handle = openStudyDatabase(path);
  open.push(handle);
  return handle;
}
afterEach(() => {
  for (const handle of open.splice(0)) handle.close();
});

const cardRow = (d: Db, id: string, ord = 0) => d.prepare('SELECT * FROM study_card WHERE card_id = ? AND ord = ?').get(id, ord) as Record<string, unknown>;

describe('cards are units of (Card.id, ord)', () => {
  it('a basic card is one unit; a cloze card one per distinct deletion number, ord N-1', () => {
    expect(unitOrdinals(card('a'))).toEqual([0]);
    expect(unitOrdinals(card('b', { type: 'cloze', front: 'A {{c1::x}} and {{c3::y}} and {{c1::z}}' }))).toEqual([0, 2]);
  });

  it('a cloze card has the units the package has cards, ordinal for ordinal: c0, numbers over 499 and no deletion at all', () => {
    const fronts: [string, number[]][] = [
      ['{{c0::x}} {{c2::y}}', [1]],
      ['{{c1::x}} {{c499::y}} {{c500::z}}', [0, 498]],
      ['{{c1000::x}}', []],
      ['no deletion here', []],
      ['{{c::x}} {{c2:y}}', []],
    ];
    for (const [front, ordinals] of fronts) {
      expect(unitOrdinals(card('c', { type: 'cloze', front }))).toEqual(ordinals);
      expect(cardOrdinals({ kind: 'cloze', fields: [front, ''] })).toEqual(ordinals);
    }
  });
});

describe('syncing the notes into the study database', () => {
  it('adds new cards as new, in note order', () => {
    const d = db();
    const report = syncCards(d, [card('a'), card('b', { type: 'cloze', front: '{{c1::x}} {{c2::y}}', source: { file: 'biology/cells.md', line: 9 } })], now);
    expect(report).toMatchObject({ added: 3, updated: 0, retired: 0, returned: 0, active: 3 });
    expect(newUnits(d, 10).map((u) => [u.cardId, u.ord, u.state])).toEqual([['a', 0, undefined], ['b', 0, undefined], ['b', 1, undefined]]);
    expect(syncCards(d, [card('a'), card('b', { type: 'cloze', front: '{{c1::x}} {{c2::y}}', source: { file: 'biology/cells.md', line: 9 } })], now))
      .toMatchObject({ added: 0, updated: 0, active: 3 });
  });

  it('keeps the progress of a card whose answer was edited, and shows the new text', () => {
    const d = db();
    syncCards(d, [card('a')], now);
    recordAnswer(d, { cardId: 'a', ord: 0 }, 5, at, sm2Scheduler);
    const report = syncCards(d, [card('a', { back: 'A better answer' })], now);
    expect(report.updated).toBe(1);
    expect(cardRow(d, 'a')).toMatchObject({ back: 'A better answer', repetition: 1, interval: 1, easiness: 2600, due_day: today + 1, retired: 0 });
  });

  it('retires a card gone from the notes (kept, not shown) and brings it back with its history', () => {
    const d = db();
    syncCards(d, [card('a'), card('b')], now);
    recordAnswer(d, { cardId: 'a', ord: 0 }, 4, at, sm2Scheduler);
    expect(syncCards(d, [card('b')], now)).toMatchObject({ retired: 1, active: 1 });
    expect(dueUnits(d, today + 10)).toEqual([]);
    expect(cardRow(d, 'a')).toMatchObject({ retired: 1, repetition: 1 });
    expect(syncCards(d, [card('a'), card('b')], now)).toMatchObject({ returned: 1, retired: 0 });
    expect(dueUnits(d, today + 10).map((u) => [u.cardId, u.state])).toEqual([['a', { repetition: 1, interval: 1, easiness: 2500 }]]);
    expect(d.prepare('SELECT count(*) AS n FROM study_review WHERE card_id = ?').get('a')).toEqual({ n: 1 });
  });
});

describe('answers and undo', () => {
  it('the first answer of the day schedules, later ones that day are repeats that change nothing', () => {
    const d = db();
    syncCards(d, [card('a')], now);
    const first = recordAnswer(d, { cardId: 'a', ord: 0 }, 2, at, sm2Scheduler);
    expect(first).toMatchObject({ kind: 'scheduled', state: { repetition: 1, interval: 1, easiness: 2500 }, due: today + 1 });
    expect(pendingRepeats(d, today).map((u) => u.cardId)).toEqual(['a']);
    const repeat = recordAnswer(d, { cardId: 'a', ord: 0 }, 5, { now: new Date('2026-03-01T09:05:00Z'), today }, sm2Scheduler);
    expect(repeat).toMatchObject({ kind: 'repeat', state: { repetition: 1, interval: 1, easiness: 2500 }, due: today + 1 });
    expect(pendingRepeats(d, today)).toEqual([]);
    expect(cardRow(d, 'a')).toMatchObject({ repetition: 1, interval: 1, easiness: 2500, due_day: today + 1 });
    const log = d.prepare('SELECT kind, grade, state_before, state_after, scheduler, scheduler_version FROM study_review ORDER BY id').all();
    expect(log).toEqual([
      { kind: 'scheduled', grade: 2, state_before: null, state_after: '{"repetition":1,"interval":1,"easiness":2500}', scheduler: 'sm2', scheduler_version: 1 },
      { kind: 'repeat', grade: 5, state_before: '{"repetition":1,"interval":1,"easiness":2500}', state_after: '{"repetition":1,"interval":1,"easiness":2500}', scheduler: 'sm2', scheduler_version: 1 },
    ]);
    expect(newCardsStudiedOn(d, today)).toBe(1);
  });

  it('undo restores the card row exactly, also across a repeat, and keeps the log row marked undone', () => {
    const d = db();
    syncCards(d, [card('a')], now);
    const pristine = cardRow(d, 'a');
    recordAnswer(d, { cardId: 'a', ord: 0 }, 5, at, sm2Scheduler);
    const afterFirstDay = cardRow(d, 'a');
    const tomorrow = { now: new Date('2026-03-02T09:00:00Z'), today: today + 1 };
    const failed = recordAnswer(d, { cardId: 'a', ord: 0 }, 1, tomorrow, sm2Scheduler);
    const repeat = recordAnswer(d, { cardId: 'a', ord: 0 }, 3, tomorrow, sm2Scheduler);
    expect(repeat.kind).toBe('repeat');
    undoAnswer(d, repeat.reviewId, tomorrow.now);
    expect(pendingRepeats(d, today + 1).map((u) => u.cardId)).toEqual(['a']);
    expect(() => undoAnswer(d, repeat.reviewId, tomorrow.now)).toThrow(/already undone/);
    undoAnswer(d, failed.reviewId, tomorrow.now);
    expect(cardRow(d, 'a')).toEqual(afterFirstDay);
    const first = d.prepare("SELECT id FROM study_review WHERE undone_at IS NULL").get() as { id: number };
    undoAnswer(d, first.id, tomorrow.now);
    expect(cardRow(d, 'a')).toEqual(pristine);
    expect(newCardsStudiedOn(d, today)).toBe(0);
    expect(d.prepare('SELECT count(*) AS n FROM study_review WHERE undone_at IS NOT NULL').get()).toEqual({ n: 3 });
  });

  it('orders due cards oldest due first and filters decks by whole levels', () => {
    const d = db();
    syncCards(d, [card('a', { deck: 'Bio' }), card('b', { deck: 'Bio::Cells' }), card('c', { deck: 'Biology' })], now);
    recordAnswer(d, { cardId: 'b', ord: 0 }, 4, { now, today: today - 3 }, sm2Scheduler);
    recordAnswer(d, { cardId: 'a', ord: 0 }, 4, { now, today: today - 1 }, sm2Scheduler);
    recordAnswer(d, { cardId: 'c', ord: 0 }, 4, { now, today: today - 2 }, sm2Scheduler);
    expect(dueUnits(d, today).map((u) => u.cardId)).toEqual(['b', 'c', 'a']);
    expect(dueUnits(d, today, 'bio').map((u) => u.cardId)).toEqual(['b', 'a']);
    expect(dueUnits(d, today, 'Bio::Cells').map((u) => u.cardId)).toEqual(['b']);
  });
});

describe('the study database file', () => {
  it('a corrupt file is reported and left byte for byte untouched', () => {
    const path = tempDbPath();
    const d = db(path);
    syncCards(d, [card('a')], now);
    d.close();
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 100, 4096 * 2);
    writeFileSync(path, bytes);
    expect(() => openStudyDatabase(path)).toThrow(/corrupt|not a flashmark study database/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('a second review session gets a clear message while the first runs; a killed session\'s mark is taken over', () => {
    const path = tempDbPath();
    const d = db(path);
    // A live process other than this one holds the session (the test runner's parent).
    d.prepare('INSERT INTO study_session (id, pid, host, started_at) VALUES (1, ?, ?, ?)').run(process.ppid, hostname(), '2026-03-01T08:00:00.000Z');
    expect(() => acquireSessionLock(d, path, now)).toThrow(new RegExp(`another review session \\(pid ${process.ppid}.*finish it first`));
    // A process that has exited holds it: taken over.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    d.prepare('UPDATE study_session SET pid = ?').run(gone);
    acquireSessionLock(d, path, now);
    expect(d.prepare('SELECT pid FROM study_session').get()).toEqual({ pid: process.pid });
    releaseSessionLock(d);
    expect(d.prepare('SELECT count(*) AS n FROM study_session').get()).toEqual({ n: 0 });
  });

  it('a mark whose process cannot be checked (another host, an impossible pid) holds for a stated time, then is taken over with a warning', () => {
    const path = tempDbPath();
    const d = db(path);
    const mark = d.prepare('INSERT OR REPLACE INTO study_session (id, pid, host, started_at) VALUES (1, ?, ?, ?)');
    // A session killed in an old container: its host name is not this one.
    mark.run(4242, 'old-container', '2026-03-01T08:45:00.000Z');
    expect(() => acquireSessionLock(d, path, now)).toThrow(
      /another review session \(pid 4242 on old-container, started 2026-03-01T08:45:00.000Z\) .*cannot be checked from this host, so its mark expires at 2026-03-01T09:15:00.000Z \(30 minutes after it started\)/,
    );
    expect(d.prepare('SELECT pid, host FROM study_session').get()).toEqual({ pid: 4242, host: 'old-container' });
    const later = new Date('2026-03-01T09:15:00Z');
    expect(acquireSessionLock(d, path, later)).toMatch(/^warning: took over the review session mark of pid 4242 on old-container, started 2026-03-01T08:45:00.000Z on .*: its process cannot be checked from this host and the mark is over 30 minutes old$/);
    expect(d.prepare('SELECT pid, host FROM study_session').get()).toEqual({ pid: process.pid, host: hostname() });
    // On this host, a pid that names no process (0 is a process group) cannot be probed either.
    mark.run(0, hostname(), '2026-03-01T08:00:00.000Z');
    expect(acquireSessionLock(d, path, now)).toMatch(/took over the review session mark of pid 0 on /);
    // A mark whose start cannot be read expires at once rather than never.
    mark.run(4242, 'old-container', 'garbled');
    expect(acquireSessionLock(d, path, now)).toMatch(/took over/);
  });
});
