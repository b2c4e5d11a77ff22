import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { notesOf, openApkg } from '../anki/apkg.js';
import { apkgFiles, canValidate, cli, crashSigns, env, flashmarkAsync, removeTempDirs, tempDir, validate } from './helpers.js';

afterAll(removeTempDirs);

/** A running flashmark process whose output can be awaited. */
function start(args: string[]) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [cli, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), wake()));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => ((stderr += chunk), wake()));
  child.stdin.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => (wake(), resolve(code))));
  return {
    child,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    /** Resolves when `test(stdout)` holds; fails after a minute, or if the process ends first. */
    async until(test: (out: string) => boolean, what: string): Promise<void> {
      const deadline = Date.now() + 60_000;
      while (!test(stdout)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`ended before ${what}: ${stderr}`);
        if (Date.now() > deadline) throw new Error(`no ${what} after 60 s: ${stdout.slice(-500)} ${stderr}`);
        await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), sleep(1_000)]);
      }
    },
  };
}

const acknowledged = (stdout: string): number[] => [...stdout.matchAll(/^saved (\d):/gm)].map((m) => Number(m[1]));

function logOf(state: string): number[] {
  const db = new Database(state, { readonly: true });
  try {
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    return db.prepare<[], { grade: number }>('SELECT grade FROM study_review WHERE undone_at IS NULL ORDER BY id').all().map((r) => r.grade);
  } finally {
    db.close();
  }
}

function glossary(notes: string, count: number, version = 1): void {
  mkdirSync(join(notes, 'Bio'), { recursive: true });
  const terms = Array.from({ length: count }, (_, i) => `- **Term ${i}**: meaning ${i}, version ${version}`).join('\n');
  writeFileSync(join(notes, 'Bio', 'glossary.md'), `# Glossary\n\n## Terms\n\n${terms}\n`);
}

/** Answers `count` cards of a running session, waiting for each acknowledgement. */
async function answer(session: ReturnType<typeof start>, count: number, grades: number[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const before = acknowledged(session.stdout()).length;
    session.child.stdin.write(`\n${grades[i % grades.length]}\n`);
    await session.until((out) => acknowledged(out).length > before, `acknowledgement ${before + 1}`);
  }
}

describe('a review session while flashmark watch rebuilds on the same study database', () => {
  it('both work: every acknowledged answer is kept, every rebuild is written, the database stays sound', async () => {
    const dir = tempDir('watch-review');
    const notes = join(dir, 'notes');
    const out = join(dir, 'decks');
    glossary(notes, 40);
    const state = join(notes, '.flashmark', 'state.db');
    const watch = start(['watch', notes, '-o', out]);
    await watch.until((o) => o.includes('watching'), 'watching');
    const review = start(['review', notes, '--now', '2026-03-02T09:00', '--new', '100']);
    await review.until((o) => o.includes('Enter/Space'), 'first question');
    for (let round = 1; round <= 4; round++) {
      // Edit the notes (new answers and one more term each time) while answering.
      glossary(notes, 40 + round, round + 1);
      appendFileSync(join(notes, 'Bio', 'glossary.md'), `- **Extra ${round}**: added while reviewing\n`);
      await answer(review, 3, [5, 4, 3, 2]);
      await watch.until((o) => (o.match(/\(\d+ notes? parsed/g) ?? []).length > round, `rebuild ${round}`);
    }
    review.child.stdin.write('q\n');
    expect(await review.exited).toBe(0);
    expect(review.stderr()).toBe('');
    const acks = acknowledged(review.stdout());
    expect(acks).toHaveLength(12);
    expect(logOf(state)).toEqual(acks);
    watch.child.kill('SIGINT');
    expect(await watch.exited).toBe(0);
    expect(crashSigns(watch.stderr())).toEqual([]);
    expect(watch.stderr()).not.toMatch(/locked|busy/i);
    expect(watch.stdout()).toMatch(/stopped\n$/);
    // A note edited again within the same second needs mod = previous + 1 (Anki updates only on a higher
    // mod); quick rebuilds wait for the clock rather than publish a mod ahead of it (validator: mod <= now).
    const newestMod = Math.max(...apkgFiles(out).flatMap((f) => notesOf(openApkg(readFileSync(f)).db).map((n) => n.mod)));
    expect(newestMod * 1000).toBeLessThanOrEqual(Date.now());
    if (canValidate) expect(validate(...apkgFiles(out))).toBe('');
  });
});

describe('a new study database', () => {
  it('opened by eight commands at the same moment: each opens it or says it is locked, none applies the schema twice', async () => {
    const dir = tempDir('new-state');
    const notes = join(dir, 'notes');
    glossary(notes, 10);
    for (let round = 0; round < 12; round++) {
      const state = join(dir, `round-${round}`, 'state.db');
      mkdirSync(dirname(state)); // an explicit --state's folder must exist
      // review, not stats: stats creates no database. With no answer given, each session ends at once.
      const runs = await Promise.all(Array.from({ length: 8 }, () => flashmarkAsync(['review', notes, '--state', state, '--now', '2026-03-02T09:00'])));
      // Before the schema steps took the write lock before reading the version, about one open in sixty failed:
      // "duplicate column name". Waiting out the others for longer than the busy timeout is the one clear line.
      // A session that waited over the busy timeout for another's write lock says so in one line first.
      const waited = '(waiting for the study database .*: another process has held its write lock for 5 s \\(giving up after 60 s\\)…\\n)?';
      for (const run of runs) {
        if (run.code === 0) expect(run.stderr).toMatch(new RegExp(`^${waited}$`));
        else expect(run.stderr).toMatch(new RegExp(`^${waited}flashmark: (the study database .* is locked by another flashmark process; try again when it has finished|another review session \\(pid \\d+ .*; finish it first)\\n$`));
      }
      expect(runs.some((run) => run.code === 0)).toBe(true);
    }
  }, 120_000);
});

describe('two review sessions, and builds and stats during a review', () => {
  it('two sessions started at the same moment: one studies, the other gets one clear line; nothing is lost', async () => {
    const dir = tempDir('two-reviews');
    const notes = join(dir, 'notes');
    glossary(notes, 60);
    const state = join(dir, 'state.db');
    let expected: number[] = [];
    let refused = 0;
    for (let round = 0; round < 8; round++) {
      const now = `2026-03-${String(2 + round).padStart(2, '0')}T09:00`;
      const args = ['review', notes, '--state', state, '--now', now, '--new', '100'];
      const runs = await Promise.all([flashmarkAsync(args, '\n5\n\n4\nq\n'), flashmarkAsync(args, '\n3\nq\n')]);
      for (const run of runs) {
        expect(crashSigns(run.stderr), run.stderr).toEqual([]);
        // A session that waited over the busy timeout for the other's write lock says so in one line first.
        if (run.code === 0) {
          expect(run.stderr).toMatch(/^(waiting for the study database .*: another process has held its write lock for 5 s \(giving up after 60 s\)…\n)?$/);
          expected = [...expected, ...acknowledged(run.stdout)];
        } else {
          refused++;
          expect(run.stderr).toMatch(/^(waiting for the study database .*: another process has held its write lock for 5 s \(giving up after 60 s\)…\n)?flashmark: (another review session \(pid \d+ .*\) is using the study database .*; finish it first|the study database .* is locked by another flashmark process; try again when it has finished)\n$/);
          expect(run.stdout).toBe('');
        }
      }
      // Answers of both sessions, if both ran one after the other, are in the log in some order.
      expect(logOf(state).slice().sort()).toEqual(expected.slice().sort());
    }
    console.info(`two reviews at once: ${refused} of 16 sessions refused with a message, the rest ran; ${expected.length} answers, none lost`);
  });

  it('builds and stats run while a review session answers; the review loses nothing', async () => {
    const dir = tempDir('review-build');
    const notes = join(dir, 'notes');
    const out = join(dir, 'decks');
    glossary(notes, 60);
    const state = join(notes, '.flashmark', 'state.db');
    const review = start(['review', notes, '--now', '2026-03-02T09:00', '--new', '100']);
    await review.until((o) => o.includes('Enter/Space'), 'first question');
    const results: Awaited<ReturnType<typeof flashmarkAsync>>[] = [];
    for (let i = 0; i < 4; i++) {
      glossary(notes, 60 + i, i + 2);
      // One build at a time (two builds at once share the build cache: see the test below), each overlapping
      // a stats run and the review's answers.
      const build = flashmarkAsync(['build', notes, '-o', out, '--now', `2026-03-02T09:0${i}`]);
      const stats = flashmarkAsync(['stats', notes, '--json', '--now', '2026-03-02T09:00']);
      await answer(review, 3, [4, 5, 2]);
      results.push(await build, await stats);
    }
    review.child.stdin.write('q\n');
    expect(await review.exited).toBe(0);
    for (const run of results) {
      expect(crashSigns(run.stderr), run.stderr).toEqual([]);
      expect(run.code, run.stderr).toBe(0);
    }
    const acks = acknowledged(review.stdout());
    expect(acks).toHaveLength(12);
    expect(logOf(state)).toEqual(acks);
    const final = await flashmarkAsync(['build', notes, '-o', out, '--now', '2026-03-02T10:00']);
    expect(final.code, final.stderr).toBe(0);
    if (canValidate) expect(validate(...apkgFiles(out))).toBe('');
  });

  it('builds started together: each one builds or says the other holds the cache; the packages stay whole', async () => {
    const dir = tempDir('two-builds');
    const notes = join(dir, 'notes');
    const out = join(dir, 'decks');
    let refused = 0;
    for (let round = 0; round < 4; round++) {
      glossary(notes, 80, round + 1);
      const runs = await Promise.all([0, 1, 2].map((k) => flashmarkAsync(['build', notes, '-o', out, '--now', `2026-03-0${round + 2}T09:0${k}`])));
      for (const run of runs) {
        expect(crashSigns(run.stderr), run.stderr).toEqual([]);
        if (run.code !== 0) {
          refused++;
          expect(run.stderr).toMatch(/^flashmark: the (build cache|study database) .* is locked by another flashmark process; try again when it has finished\n$/);
        }
      }
      expect(runs.some((run) => run.code === 0)).toBe(true);
      if (canValidate) expect(validate(...apkgFiles(out))).toBe('');
    }
    console.info(`three builds at once, 4 rounds: ${refused} of 12 refused with the lock message, the rest built`);
  });
});
