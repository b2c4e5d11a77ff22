import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cli, crashSigns, env, flashmark, removeTempDirs, type Run, tempDir } from './helpers.js';

afterAll(removeTempDirs);

let dir: string;
let notes: string;
let out: string;
let state: string;

/** Every file below `root` with its bytes, except SQLite's -wal/-shm companions and the disposable build cache. */
function filesOf(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else if (!/-wal$|-shm$|\.cache\.db$/.test(path)) files.set(relative(root, path), readFileSync(path).toString('base64'));
  };
  visit(root);
  return files;
}

/** A failed run as the user sees it: non-zero, no crash, a first line `flashmark: …` or commander's `error: …` naming the problem. */
function expectOneLineError(run: Run, names: RegExp): void {
  expect(run.signal, 'the command hung').toBeNull();
  expect(run.code, run.stderr).not.toBe(0);
  expect(crashSigns(run.stderr), run.stderr).toEqual([]);
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines[0], run.stderr).toMatch(/^(flashmark: |error: )/);
  expect(lines[0], run.stderr).toMatch(names);
  // Commander may add a hint ("(Did you mean --json?)", "(run with --help for usage)"), never more.
  for (const hint of lines.slice(1)) expect(hint, run.stderr).toMatch(/^\(.*\)$/);
}

beforeAll(() => {
  dir = tempDir('options');
  notes = join(dir, 'notes');
  out = join(dir, 'decks');
  state = join(notes, '.flashmark', 'state.db');
  mkdirSync(join(notes, 'Bio'), { recursive: true });
  writeFileSync(join(notes, 'Bio', 'cell.md'), '# Cell\n\n## Parts\n\n- **Ribosome**: makes proteins\n- **Nucleus**: holds the DNA\n');
  writeFileSync(join(dir, 'a-file.txt'), 'a file, not a folder\n');
  expect(flashmark(['build', notes, '-o', out, '--now', '2026-03-01T09:00']).code).toBe(0);
  expect(flashmark(['review', notes, '--now', '2026-03-01T09:00'], { input: '\n5\nq\n' }).code).toBe(0);
});

/** Runs a bad command and checks that no file of the vault, its packages or its database changed. */
function failsWithoutTouching(args: string[], names: RegExp, input = ''): void {
  const before = filesOf(dir);
  expectOneLineError(flashmark(args, { input, timeoutMs: 60_000 }), names);
  expect(filesOf(dir)).toEqual(before);
}

const COMMANDS = ['build', 'cards', 'review', 'stats', 'watch'];

describe('bad commands and options, through the binary', () => {
  it('an unknown command, and an unknown option on every command', () => {
    failsWithoutTouching(['frobnicate', notes], /unknown command 'frobnicate'/);
    for (const command of COMMANDS) failsWithoutTouching([command, notes, '--frobnicate'], /unknown option '--frobnicate'/);
    failsWithoutTouching(['cards', notes, '--jsn'], /unknown option '--jsn'/);
  });

  it('an option without its value, or with a bad one', () => {
    failsWithoutTouching(['build', notes, '-o'], /option '-o, --out <folder>' argument missing/);
    failsWithoutTouching(['build', notes, '-o', out, '--now', 'yesterday'], /--now: not a date and time from 1970 to 9999: yesterday/);
    failsWithoutTouching(['review', notes, '--new', 'many'], /--new: expected a whole number from 0 to 100000, got many/);
    failsWithoutTouching(['stats', notes, '--days', '-3'], /--days/);
    failsWithoutTouching(['review', notes, '--scheduler', 'leitner'], /--scheduler/);
  });

  it('a notes folder that is missing or is a file', () => {
    for (const command of COMMANDS) {
      failsWithoutTouching([command, join(dir, 'nope')], /notes folder not found: .*nope/);
      failsWithoutTouching([command, join(dir, 'a-file.txt')], /not a folder: .*a-file\.txt/);
    }
  });

  it('a decks folder (-o) that is a file, or below a file', () => {
    for (const command of ['build', 'watch']) {
      failsWithoutTouching([command, notes, '-o', join(dir, 'a-file.txt')], /-o: not a folder: .*a-file\.txt/);
      failsWithoutTouching([command, notes, '-o', join(dir, 'a-file.txt', 'decks')], /-o: .*a-file\.txt\/decks/);
    }
  });

  /*
   * Tests run as root here, and chmod does not stop root; a --state path that
   * cannot be created is made with a path below a regular file (ENOTDIR), a
   * folder that cannot exist (/proc/flashmark: /proc refuses new entries) and
   * /proc itself, which is read-only for everyone.
   */
  it('a --state path in a missing folder that cannot be made, below a file, or in a read-only place', () => {
    for (const command of ['build', 'review', 'stats', 'watch']) {
      for (const path of [join(dir, 'a-file.txt', 'state.db'), '/proc/flashmark/state.db', '/proc/state.db']) {
        const extra = command === 'build' || command === 'watch' ? ['-o', join(dir, 'new-decks')] : [];
        if (command === 'stats' && path === '/proc/state.db') {
          // stats creates no database: a missing one in a read-only folder is no error.
          expect(flashmark([command, notes, '--state', path]).code).toBe(0);
          expect(existsSync(path)).toBe(false);
          continue;
        }
        failsWithoutTouching([command, notes, '--state', path, ...extra], new RegExp(path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/state\\\.db$/, 'state\\.(cache\\.)?db')), '\n5\nq\n');
        expect(existsSync(join(dir, 'new-decks'))).toBe(false);
      }
    }
  });

  it('a study database written by a newer flashmark: refused by every command, left byte for byte', () => {
    const newer = join(dir, 'newer.db');
    writeFileSync(newer, readFileSync(state));
    const db = new Database(newer);
    db.prepare("UPDATE schema_version SET version = version + 1 WHERE component IN ('study', 'build')").run();
    db.close();
    for (const command of ['build', 'review', 'stats', 'watch']) {
      const extra = command === 'build' || command === 'watch' ? ['-o', out] : [];
      failsWithoutTouching([command, notes, '--state', newer, ...extra], /newer\.db was written by a newer flashmark \((study|build) schema \d+, this version knows \d+\); upgrade flashmark/, '\n5\nq\n');
    }
  });

  it('a study database that is not a database: refused, left byte for byte', () => {
    const bogus = join(dir, 'a-file.txt');
    for (const command of ['build', 'review', 'stats', 'watch']) {
      const extra = command === 'build' || command === 'watch' ? ['-o', out] : [];
      failsWithoutTouching([command, notes, '--state', bogus, ...extra], /a-file\.txt is not a flashmark study database or is corrupt; it was left untouched/, '\n5\nq\n');
    }
  });
});

describe('numbers and dates out of range, through the binary', () => {
  let dir: string;
  let notes: string;
  beforeAll(() => {
    dir = tempDir('ranges');
    notes = join(dir, 'notes');
    mkdirSync(notes);
    writeFileSync(join(notes, 'note.md'), '# Note\n\n- **term**: a meaning\n');
  });

  it('--days, --new and --new-per-deck beyond their range: one line naming the option and its range', () => {
    for (const days of ['1e7', '99999999999999999999', '3651', '-3', '2.5']) {
      const run = flashmark(['stats', notes, '--days', days, '--state', join(dir, 'state.db')]);
      expectOneLineError(run, new RegExp(`^flashmark: --days: expected a whole number from 0 to 3650, got ${days.replace('.', '\\.')}$`));
    }
    for (const option of ['--new', '--new-per-deck']) {
      expectOneLineError(flashmark(['review', notes, option, '1e9', '--state', join(dir, 'state.db')]), new RegExp(`^flashmark: ${option}: expected a whole number from 0 to 100000`));
    }
    expect(existsSync(join(dir, 'state.db'))).toBe(false);
  });

  it('--now and FLASHMARK_NOW accept only real calendar dates and times from 1970 to 9999', () => {
    for (const bad of ['2026-13-01', '2026-02-30', '2026-02-29', '0001-01-01', '+275760-09-12', '2026-03-01T24:00', '2026-03-01T09:60', 'yesterday']) {
      for (const command of ['build', 'review', 'stats']) {
        const extra = command === 'build' ? ['-o', join(dir, 'decks')] : [];
        const run = flashmark([command, notes, '--now', bad, '--state', join(dir, 'state.db'), ...extra], { input: '\n5\nq\n' });
        expectOneLineError(run, /^flashmark: --now: not a date and time from 1970 to 9999: /);
      }
    }
    const run = spawnSync(process.execPath, [cli, 'stats', notes, '--state', join(dir, 'state.db')], { encoding: 'utf8', env: { ...env, FLASHMARK_NOW: '2026-02-30' } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/^flashmark: FLASHMARK_NOW: not a date and time/);
    expect(existsSync(join(dir, 'state.db'))).toBe(false);
    expect(existsSync(join(dir, 'decks'))).toBe(false);
    // Real ones still work: a leap day, a time, a zone.
    for (const good of ['2028-02-29', '2026-03-01T09:30', '2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000+02:00']) {
      expect(flashmark(['stats', notes, '--now', good, '--state', join(dir, 'state.db')]).code, good).toBe(0);
    }
  });
});
