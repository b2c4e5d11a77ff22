import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canValidate, openApkg, validatorPath } from '../anki/apkg.js';
import { answer, binary, env, fixture, review } from './driver.js';

// A scripted study history over three simulated days, then `build --with-progress`,
// checked card by card against the study database.

/** 2020-01-01 (the package's crt) as a day number. */
const DAY_ZERO = 18_262;

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [binary, ...args], { encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}


/** Answers of every card, each revealed then graded. */

interface StudyCard { card_id: string; ord: number; repetition: number; interval: number; easiness: number; due_day: number | null }
interface StudyAnswer { card_id: string; ord: number; reviewed_at: string; grade: number; kind: string; state_before: string | null; state_after: string }
interface AnkiCard { id: number; guid: string; ord: number; type: number; queue: number; due: number; ivl: number; factor: number; reps: number; lapses: number; left: number; odue: number; odid: number }
interface AnkiRevlog { id: number; cid: number; usn: number; ease: number; ivl: number; lastIvl: number; factor: number; time: number; type: number }

let notes: string;
let plainBefore: Map<string, Buffer>;
let plainAfter: Map<string, Buffer>;
let progressDir: string;
let buildOutput: string;
let studyCards: StudyCard[];
let studyLog: StudyAnswer[];
let undone: number;
let anki: { cards: AnkiCard[]; revlog: AnkiRevlog[] }[];

function packagesIn(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.apkg')).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'flashmark-progress-'));
  notes = join(root, 'notes');
  cpSync(fixture, notes, { recursive: true });
  expect(run('build', notes, '-o', join(root, 'plain-before'), '--now', '2026-02-28T10:00').status).toBe(0);
  plainBefore = packagesIn(join(root, 'plain-before'));

  // Day 1: five new cards (the sixth, Catalyst, waits); two are repeated the same day.
  review(notes, '2026-03-02T09:00', answer(5, 2, 4, 3, 4, 4, 4), '--new', '5');
  // Day 2: the five are due (no new card: Catalyst stays new throughout). One answer is undone and
  // given again; a lapse (2 on a review card), repeated until 4.
  review(notes, '2026-03-03T20:00', answer(5, 1, 'u', 2, 4, 4, 5, 4), '--new', '0');
  // Day 8: all five due or overdue, with one more lapse; the session is left with 'q' before its last repeat.
  review(notes, '2026-03-09T08:30', [...answer(4, 5, 3, 2, 4, 4), 'q'], '--new', '0');

  progressDir = join(root, 'progress');
  const built = run('build', notes, '-o', progressDir, '--now', '2026-03-10T10:00', '--with-progress');
  expect(built.stderr).toBe('');
  expect(built.status).toBe(0);
  buildOutput = built.stdout;
  expect(run('build', notes, '-o', join(root, 'plain-after'), '--now', '2026-03-10T10:00').status).toBe(0);
  plainAfter = packagesIn(join(root, 'plain-after'));

  const db = new Database(join(notes, '.flashmark', 'state.db'), { readonly: true });
  studyCards = db.prepare<[], StudyCard>('SELECT card_id, ord, repetition, interval, easiness, due_day FROM study_card ORDER BY card_id, ord').all();
  studyLog = db
    .prepare<[], StudyAnswer>('SELECT card_id, ord, reviewed_at, grade, kind, state_before, state_after FROM study_review WHERE undone_at IS NULL ORDER BY id')
    .all();
  undone = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM study_review WHERE undone_at IS NOT NULL').get()!.n;
  db.close();
  anki = [...packagesIn(progressDir).values()].map((bytes) => {
    const { db: col } = openApkg(bytes);
    return {
      cards: col.prepare<[], AnkiCard>('SELECT c.*, n.guid FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.id').all(),
      revlog: col.prepare<[], AnkiRevlog>('SELECT * FROM revlog ORDER BY id').all(),
    };
  });
}, 120_000);

const ease = (grade: number) => (grade < 3 ? 1 : grade - 1);

describe('build --with-progress after a scripted multi-day review session', () => {
  it('writes every card with local history as a review card matching the study database', () => {
    const ankiCards = anki.flatMap((p) => p.cards);
    expect(ankiCards).toHaveLength(studyCards.length);
    const studied = studyCards.filter((c) => c.due_day !== null);
    expect(studied).toHaveLength(5);
    for (const local of studied) {
      const card = ankiCards.find((c) => c.guid === local.card_id && c.ord === local.ord);
      expect(card, `${local.card_id}/${local.ord}`).toBeDefined();
      const answers = studyLog.filter((a) => a.card_id === local.card_id && a.ord === local.ord);
      const lapses = answers.filter((a) => a.kind === 'scheduled' && a.state_before !== null && a.grade < 3).length;
      expect(card).toMatchObject({
        type: 2, queue: 2, ivl: local.interval, factor: local.easiness, due: local.due_day! - DAY_ZERO,
        reps: answers.length, lapses, left: 0, odue: 0, odid: 0,
      });
    }
    // Two lapses were scripted (day 2 and day 8), on review cards.
    expect(ankiCards.reduce((sum, c) => sum + c.lapses, 0)).toBe(2);
  });

  it('writes one review-log row per answer, in order, with the grades, intervals and eases of the log', () => {
    const all = anki.flatMap((p) => p.revlog);
    // The undone answer of day 2 is in the local log, marked undone, and not carried over.
    expect(undone).toBe(1);
    expect(all).toHaveLength(studyLog.length);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    for (const pkg of anki) {
      for (const card of pkg.cards.filter((c) => c.type === 2)) {
        const rows = pkg.revlog.filter((r) => r.cid === card.id);
        const answers = studyLog.filter((a) => a.card_id === card.guid && a.ord === card.ord);
        expect(rows).toHaveLength(answers.length);
        expect(rows.at(-1)!.ivl).toBe(card.ivl);
        let wasNewToday = false;
        rows.forEach((row, i) => {
          const a = answers[i]!;
          const before = a.state_before === null ? null : (JSON.parse(a.state_before) as { interval: number });
          const after = JSON.parse(a.state_after) as { interval: number; easiness: number };
          const answeredAt = Date.parse(a.reviewed_at);
          expect(row.id).toBeGreaterThanOrEqual(answeredAt);
          expect(row.id - answeredAt).toBeLessThan(50);
          if (a.kind === 'scheduled') wasNewToday = before === null;
          const type = a.kind === 'scheduled' ? (before === null ? 0 : 1) : wasNewToday ? 0 : 2;
          expect(row).toMatchObject({ usn: -1, ease: ease(a.grade), ivl: after.interval, lastIvl: before?.interval ?? 0, factor: after.easiness, type });
          expect(row.time).toBeGreaterThanOrEqual(0);
          expect(row.time).toBeLessThanOrEqual(60_000);
        });
      }
    }
    // Same-day repeats are carried as learning steps: learn rows on day 1, relearn rows later.
    expect(all.filter((r) => r.type === 0).length).toBeGreaterThan(5);
    expect(all.filter((r) => r.type === 2).length).toBeGreaterThan(0);
  });

  it('leaves cards without history new, and says how much progress it carried', () => {
    const fresh = anki.flatMap((p) => p.cards).filter((c) => !studyCards.some((s) => s.card_id === c.guid && s.ord === c.ord && s.due_day !== null));
    expect(fresh.length).toBeGreaterThan(0);
    for (const card of fresh) expect(card).toMatchObject({ type: 0, queue: 0, ivl: 0, factor: 0, reps: 0, lapses: 0 });
    for (const pkg of anki) expect(pkg.revlog.filter((r) => fresh.some((c) => c.id === r.cid))).toEqual([]);
    expect(buildOutput).toContain(`progress: 5 review cards with ${studyLog.length} review-log rows`);
  });

  it('changes nothing in packages built without the flag', () => {
    expect([...plainAfter.keys()]).toEqual([...plainBefore.keys()]);
    for (const [name, bytes] of plainBefore) expect(plainAfter.get(name)!.equals(bytes), name).toBe(true);
    const { db } = openApkg(plainAfter.values().next().value!);
    expect(db.prepare('SELECT count(*) AS n FROM cards WHERE type <> 0').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM revlog').get()).toEqual({ n: 0 });
  });

  it.skipIf(!canValidate)('passes validate-apkg', () => {
    for (const name of readdirSync(progressDir).filter((f) => f.endsWith('.apkg'))) {
      const result = spawnSync(validatorPath, [join(progressDir, name)], { encoding: 'utf8' });
      expect(result.stdout + result.stderr, name).toBe('');
      expect(result.status).toBe(0);
    }
  });
});

describe('build --with-progress after answers dated in the future (review --now)', () => {
  it('logs them no later than the build, in their order, so the importer takes the package', () => {
    const root = mkdtempSync(join(tmpdir(), 'flashmark-future-'));
    const dir = join(root, 'notes');
    cpSync(fixture, dir, { recursive: true });
    const future = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 16);
    review(dir, future, answer(4, 3, 5), '--new', '3');
    const out = join(root, 'decks');
    const built = run('build', dir, '-o', out, '--with-progress');
    expect(built.status, built.stderr).toBe(0);
    const ids = [...packagesIn(out).values()].flatMap((bytes) => openApkg(bytes).db.prepare<[], { id: number }>('SELECT id FROM revlog ORDER BY id').all().map((r) => r.id));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toBeLessThanOrEqual(Date.now());
    if (!canValidate) return console.warn('validate-apkg or sqlite3 not found beside the repository: package not validated');
    for (const name of packagesIn(out).keys()) {
      const result = spawnSync(validatorPath, [join(out, name)], { encoding: 'utf8' });
      expect(result.stdout + result.stderr, name).toBe('');
    }
  });
});
