import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

const binary = resolve('dist/cli/main.js');
const fixture = resolve('test/fixtures/review/notes');
const env = { ...process.env, TZ: 'UTC', FLASHMARK_NOW: '' };
const TERMS = ['Ribosome', 'Mitochondrion', 'Nucleus', 'Lysosome'];

let notes: string;
let dbPath: string;
beforeEach(() => {
  notes = join(mkdtempSync(join(tmpdir(), 'flashmark-review-')), 'notes');
  cpSync(fixture, notes, { recursive: true });
  dbPath = join(notes, '.flashmark', 'state.db');
});

/** Runs `flashmark review` with one key per line on stdin (stdin then closes). */
function review(now: string, keys: string[], ...args: string[]) {
  const result = spawnSync(process.execPath, [binary, 'review', notes, '--now', now, ...args], {
    input: keys.map((key) => `${key}\n`).join(''), encoding: 'utf8', env,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

interface CardRow { term: string; repetition: number; interval: number; easiness: number; due: string | null }
/** The study state of each card, named by its term, in note order. */
function cards(): CardRow[] {
  const rows = query<{ front: string; repetition: number; interval: number; easiness: number; due_day: number | null }>(
    'SELECT front, repetition, interval, easiness, due_day FROM study_card ORDER BY source_line',
  );
  return rows.map((row) => ({
    term: TERMS.find((term) => row.front.includes(term)) ?? row.front,
    repetition: row.repetition, interval: row.interval, easiness: row.easiness,
    due: row.due_day === null ? null : new Date(row.due_day * 86_400_000).toISOString().slice(0, 10),
  }));
}

interface LogRow { term: string; grade: number; kind: string; undone: number; day: string; before: string | null; after: string; scheduler: string }
function log(): LogRow[] {
  return query<{ front: string; grade: number; kind: string; undone: number; day: number; state_before: string | null; state_after: string; scheduler: string }>(
    `SELECT c.front, r.grade, r.kind, r.undone_at IS NOT NULL AS undone, r.day, r.state_before, r.state_after, r.scheduler || '/' || r.scheduler_version AS scheduler
     FROM study_review r JOIN study_card c USING (card_id, ord) ORDER BY r.id`,
  ).map((row) => ({
    term: TERMS.find((term) => row.front.includes(term)) ?? row.front, grade: row.grade, kind: row.kind, undone: row.undone,
    day: new Date(row.day * 86_400_000).toISOString().slice(0, 10), before: row.state_before, after: row.state_after, scheduler: row.scheduler,
  }));
}

/** The order in which cards were put on screen in a session's output (a card shown twice in a row counts once). */
function askedOrder(stdout: string): string[] {
  const asked: string[] = [];
  for (const block of stdout.split('── ').slice(1)) {
    const question = block.split('─'.repeat(40))[0]!;
    const term = TERMS.find((t) => question.includes(t));
    if (term && asked.at(-1) !== term) asked.push(term);
  }
  return asked;
}

describe('flashmark review, driven through stdin over several simulated days', () => {
  it('schedules by SM-2 in whole days, limits new cards per day, repeats failures, undoes, and logs every answer', () => {
    // Day 1: two new cards allowed. Ribosome 5; Mitochondrion 2 -> repeated the same day until 4.
    const day1 = review('2026-03-02T09:00', ['', '5', '', '2', '', '4'], '--new', '2');
    expect(day1.stderr).toBe('');
    expect(day1.status).toBe(0);
    expect(askedOrder(day1.stdout)).toEqual(['Ribosome', 'Mitochondrion']);
    expect(day1.stdout).toContain('saved 2: next review tomorrow, 2026-03-03; again later in this session');
    expect(day1.stdout).toContain('again (same-day repeat)');
    expect(day1.stdout).toContain('Reviewed 2 cards, recalled 1 (50%); 3 answers in all');
    expect(cards()).toEqual([
      { term: 'Ribosome', repetition: 1, interval: 1, easiness: 2600, due: '2026-03-03' },
      { term: 'Mitochondrion', repetition: 1, interval: 1, easiness: 2500, due: '2026-03-03' },
      { term: 'Nucleus', repetition: 0, interval: 0, easiness: 2500, due: null },
      { term: 'Lysosome', repetition: 0, interval: 0, easiness: 2500, due: null },
    ]);

    // Same study day, late evening and after midnight (before the 4 am rollover): the new-card limit is used up.
    const again = review('2026-03-03T03:30', [], '--new', '2');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Daily limit reached: 2 new cards wait (tomorrow, or --new).');
    expect(again.stdout).not.toContain('Nothing to review');
    expect(again.stdout).toContain('Next due: 2026-03-03 (tomorrow), 2 cards.');

    // Day 2: the two due cards first, then two new ones. Nucleus 5 is undone and answered 3 instead (so it repeats).
    const day2 = review('2026-03-03T21:00', ['', '4', '', '4', '', '5', 'u', '', '3', '', '4', '', '4'], '--new', '2');
    expect(day2.status).toBe(0);
    // Lysosome is on screen when the undo brings Nucleus back.
    expect(askedOrder(day2.stdout)).toEqual(['Ribosome', 'Mitochondrion', 'Nucleus', 'Lysosome', 'Nucleus', 'Lysosome', 'Nucleus']);
    expect(day2.stdout).toContain('Undone: the last answer (5) is taken back.');
    expect(cards()).toEqual([
      { term: 'Ribosome', repetition: 2, interval: 6, easiness: 2600, due: '2026-03-09' },
      { term: 'Mitochondrion', repetition: 2, interval: 6, easiness: 2500, due: '2026-03-09' },
      { term: 'Nucleus', repetition: 1, interval: 1, easiness: 2360, due: '2026-03-04' },
      { term: 'Lysosome', repetition: 1, interval: 1, easiness: 2500, due: '2026-03-04' },
    ]);

    // Day 9 (nothing done on days 3-8): the oldest due first (due 03-04), then those due 03-09; overdue time is not credited.
    const day9 = review('2026-03-09T09:00', ['', '4', '', '4', '', '5', '', '5']);
    expect(askedOrder(day9.stdout)).toEqual(['Nucleus', 'Lysosome', 'Ribosome', 'Mitochondrion']);
    expect(cards()).toEqual([
      { term: 'Ribosome', repetition: 3, interval: 16, easiness: 2700, due: '2026-03-25' }, // ⌈6 × 2.6⌉ = 16
      { term: 'Mitochondrion', repetition: 3, interval: 15, easiness: 2600, due: '2026-03-24' }, // 6 × 2.5 = 15
      { term: 'Nucleus', repetition: 2, interval: 6, easiness: 2360, due: '2026-03-15' },
      { term: 'Lysosome', repetition: 2, interval: 6, easiness: 2500, due: '2026-03-15' },
    ]);
    expect(day9.stdout).toContain('Next due: 2026-03-15 (in 6 days), 2 cards.');

    expect(log().map(({ term, grade, kind, undone, day }) => [term, grade, kind, undone, day])).toEqual([
      ['Ribosome', 5, 'scheduled', 0, '2026-03-02'],
      ['Mitochondrion', 2, 'scheduled', 0, '2026-03-02'],
      ['Mitochondrion', 4, 'repeat', 0, '2026-03-02'],
      ['Ribosome', 4, 'scheduled', 0, '2026-03-03'],
      ['Mitochondrion', 4, 'scheduled', 0, '2026-03-03'],
      ['Nucleus', 5, 'scheduled', 1, '2026-03-03'],
      ['Nucleus', 3, 'scheduled', 0, '2026-03-03'],
      ['Lysosome', 4, 'scheduled', 0, '2026-03-03'],
      ['Nucleus', 4, 'repeat', 0, '2026-03-03'],
      ['Nucleus', 4, 'scheduled', 0, '2026-03-09'],
      ['Lysosome', 4, 'scheduled', 0, '2026-03-09'],
      ['Ribosome', 5, 'scheduled', 0, '2026-03-09'],
      ['Mitochondrion', 5, 'scheduled', 0, '2026-03-09'],
    ]);
    const [first, second, repeat] = log();
    expect(first).toMatchObject({ before: null, after: '{"repetition":1,"interval":1,"easiness":2600}', scheduler: 'sm2/1' });
    expect(second!.after).toBe('{"repetition":1,"interval":1,"easiness":2500}');
    expect(repeat).toMatchObject({ before: second!.after, after: second!.after });

    // The stats agree with the log.
    const stats = spawnSync(process.execPath, [binary, 'stats', notes, '--now', '2026-03-09T22:00', '--json', '--days', '7'], { encoding: 'utf8', env });
    expect(stats.status).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({
      new: 0, mature: 0, due: 0, reviewsToday: 4, retention30d: 0.9, // 9 of 10 scheduled answers ≥ 3
      forecast: [
        { date: '2026-03-09', due: 0 }, { date: '2026-03-10', due: 0 }, { date: '2026-03-11', due: 0 }, { date: '2026-03-12', due: 0 },
        { date: '2026-03-13', due: 0 }, { date: '2026-03-14', due: 0 }, { date: '2026-03-15', due: 2 },
      ],
    });
    // Every card seen is young or back in learning steps (its last answer failed); none is mature yet.
    const counts = JSON.parse(stats.stdout) as { learning: number; young: number };
    expect(counts.learning + counts.young).toBe(4);
  });

  it('retires a card whose note line is gone and brings it back with its progress; an edited answer keeps progress', () => {
    review('2026-03-02T09:00', ['', '5', '', '5', '', '5', '', '5']);
    const file = join(notes, 'cells.md');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('- **Nucleus**: holds the chromosomes.\n', '').replace('digests waste material', 'breaks down waste'));
    const day2 = review('2026-03-03T09:00', ['', '4', '', '4', '', '4']);
    expect(askedOrder(day2.stdout)).toEqual(['Ribosome', 'Mitochondrion', 'Lysosome']);
    expect(day2.stdout).toContain('breaks down waste');
    writeFileSync(file, original);
    expect(cards().find((card) => card.term === 'Nucleus')).toEqual({ term: 'Nucleus', repetition: 1, interval: 1, easiness: 2600, due: '2026-03-03' });
    const day3 = review('2026-03-04T09:00', ['', '4']);
    expect(askedOrder(day3.stdout)).toEqual(['Nucleus']);
    expect(cards().find((card) => card.term === 'Lysosome')).toMatchObject({ repetition: 2, interval: 6 });
  });
});

/** A second process (better-sqlite3) that takes the database's write lock, says so on stdout, and keeps it HOLD_MS. */
const HOLD_WRITE_LOCK = `
const Database = require('better-sqlite3');
const db = new Database(process.env.DB);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.env.HOLD_MS));
`;

/** Starts `flashmark review` with stdin left open, collecting stdout. */
function startReview(now: string): { child: ChildProcessWithoutNullStreams; output: () => string; waitFor: (text: string) => Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [binary, 'review', notes, '--now', now], { env });
  let stdout = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    for (const waiter of waiters.filter((w) => stdout.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return {
    child,
    output: () => stdout,
    waitFor: (text) => (stdout.includes(text) ? Promise.resolve() : new Promise((resolveWait) => waiters.push({ text, resolve: resolveWait }))),
    exited,
  };
}

describe('flashmark review and its database under stress', () => {
  it('keeps an answer acknowledged just before SIGKILL, and the database opens afterwards', async () => {
    const session = startReview('2026-03-02T09:00');
    await session.waitFor('Enter/Space');
    session.child.stdin.write('\n4\n');
    await session.waitFor('saved 4');
    session.child.kill('SIGKILL');
    await session.exited;
    const db = new Database(dbPath);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
    expect(log().map(({ term, grade, kind }) => [term, grade, kind])).toEqual([['Ribosome', 4, 'scheduled']]);
    // The killed session's mark does not block the next one.
    const next = review('2026-03-02T10:00', ['', '5', 'q']);
    expect(next.status).toBe(0);
    expect(askedOrder(next.stdout)).toEqual(['Mitochondrion', 'Nucleus']);
  });

  it('a second review on the same database gets a clear message while the first one keeps working', async () => {
    const first = startReview('2026-03-02T09:00');
    await first.waitFor('Enter/Space');
    const second = review('2026-03-02T09:01', ['', '5']);
    expect(second.status).not.toBe(0);
    expect(second.stderr).toMatch(/^flashmark: another review session \(pid \d+ .*\) is using the study database .*state\.db; finish it first\n$/);
    expect(second.stdout).toBe('');
    first.child.stdin.write('\n4\nq\n');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Reviewed 1 card, recalled 1 (100%)');
    expect(log().map(({ term, grade }) => [term, grade])).toEqual([['Ribosome', 4]]);
  });

  it('a session mark left on another host blocks until 30 minutes after its start, then is taken over with one warning line', () => {
    expect(review('2026-03-02T09:00', ['q']).status).toBe(0);
    const db = new Database(dbPath);
    db.prepare('INSERT OR REPLACE INTO study_session (id, pid, host, started_at) VALUES (1, ?, ?, ?)').run(4242, 'old-container', '2026-03-02T09:00:00.000Z');
    db.close();
    const early = review('2026-03-02T09:10', ['', '4', 'q']);
    expect(early.status).not.toBe(0);
    expect(early.stderr).toMatch(/^flashmark: another review session \(pid 4242 on old-container, .*its mark expires at 2026-03-02T09:30:00.000Z \(30 minutes after it started\); finish it first, or wait\n$/);
    expect(log()).toEqual([]);
    const later = review('2026-03-02T09:30', ['', '4', 'q']);
    expect(later.status).toBe(0);
    expect(later.stderr).toMatch(/^warning: took over the review session mark of pid 4242 on old-container, started 2026-03-02T09:00:00.000Z on .*state\.db: its process cannot be checked from this host and the mark is over 30 minutes old\n$/);
    expect(log().map(({ term, grade }) => [term, grade])).toEqual([['Ribosome', 4]]);
  });

  it('waits with one stderr line while another process holds the write lock past the busy timeout, then saves the answer', async () => {
    const session = startReview('2026-03-02T09:00');
    let stderr = '';
    session.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await session.waitFor('Enter/Space');
    // Another process takes the write lock and keeps it 12 s: over two busy timeouts (5 s each), well under the review's minute.
    const holder = spawn(process.execPath, ['-e', HOLD_WRITE_LOCK], { env: { ...env, DB: dbPath, HOLD_MS: '12000' } });
    await new Promise<void>((resolveLocked) => holder.stdout.once('data', () => resolveLocked()));
    session.child.stdin.write('\n4\nq\n');
    expect(await session.exited).toBe(0);
    expect(stderr).toMatch(/^waiting for the study database .*state\.db: another process has held its write lock for 5 s \(giving up after 60 s\)…\n$/);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(session.output()).toContain('saved 4');
    expect(log().map(({ term, grade }) => [term, grade])).toEqual([['Ribosome', 4]]);
    holder.kill();
  }, 60_000);

  it('reports a corrupt study database in one line and leaves it byte for byte untouched', () => {
    review('2026-03-02T09:00', ['', '5']);
    const bytes = readFileSync(dbPath);
    bytes.fill(0x42, 0, 16); // destroy the SQLite header
    writeFileSync(dbPath, bytes);
    for (const command of [['review'], ['stats']]) {
      const result = spawnSync(process.execPath, [binary, ...command, notes, '--now', '2026-03-03T09:00'], { input: '\n5\n', encoding: 'utf8', env });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/^flashmark: .*state\.db.*(corrupt|not a flashmark study database).*left untouched\n$/);
      expect(readFileSync(dbPath).equals(bytes)).toBe(true);
    }
  });

  it('rejects bad options in one line naming the option', () => {
    for (const [args, pattern] of [
      [['--new', 'many'], /--new/],
      [['--rollover', '25'], /--rollover/],
      [['--now', 'yesterday'], /--now/],
    ] as const) {
      const result = spawnSync(process.execPath, [binary, 'review', notes, ...args], { input: '', encoding: 'utf8', env });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(new RegExp(`^flashmark: ${pattern.source}.*\\n$`));
    }
    expect(existsSync(dbPath)).toBe(false);
  });
});
