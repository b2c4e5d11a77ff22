// The study database given as --state: durable answers, other programs' files left alone, no path the build overwrites.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, crashSigns, env, flashmark, removeTempDirs, tempDir, type Run } from './helpers.js';

afterAll(removeTempDirs);

let dir: string;
let notes: string;

beforeAll(() => {
  dir = tempDir('state');
  notes = join(dir, 'notes');
  mkdirSync(join(notes, 'Git'), { recursive: true });
  writeFileSync(join(notes, 'Git', 'basics.md'), '# Git\n\n- **commit**: a snapshot\n- **branch**: a pointer\n- **tag**: a name\n');
});

function expectOneLine(run: Run, names: RegExp): void {
  expect(run.signal, 'the command hung').toBeNull();
  expect(run.code, run.stderr).not.toBe(0);
  expect(crashSigns(run.stderr), run.stderr).toEqual([]);
  expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr).toMatch(names);
}

const hasStrace = spawnSync('strace', ['-V']).status === 0;

describe('answers acknowledged as saved', () => {
  it.skipIf(!hasStrace)('are synced to disk (an fsync of the database or its WAL) before the next card is shown', () => {
    const state = join(dir, 'durable.db');
    const trace = join(dir, 'strace.txt');
    const run = spawnSync(
      'strace',
      ['-f', '-e', 'trace=openat,fsync,fdatasync,write', '-o', trace, process.execPath, cli, 'review', notes, '--state', state, '--now', '2026-03-01'],
      { encoding: 'utf8', env, input: '\n4\n\n3\n\n5\n', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.match(/^saved \d/gm)).toHaveLength(3);
    const lines = readFileSync(trace, 'utf8').split('\n');
    // The descriptors of the database and its WAL (the last open of each, the one the session uses).
    const fds = new Set<string>();
    for (const line of lines) {
      const open = /openat\(.*"([^"]+)".*\) = (\d+)$/.exec(line);
      if (open && (open[1] === state || open[1] === `${state}-wal`)) fds.add(open[2]!);
    }
    expect(fds.size).toBeGreaterThan(0);
    // Between an answer's "saved" line and the card before it (the answer shown, then read), a sync must come.
    let synced = false;
    let checked = 0;
    for (const line of lines) {
      const sync = /(?:fsync|fdatasync)\((\d+)\)\s+= 0/.exec(line);
      if (sync && fds.has(sync[1]!)) synced = true;
      if (/write\(1, "saved \d/.test(line)) {
        expect(synced, `no fsync of the database before: ${line}`).toBe(true);
        checked++;
      }
      if (/write\(1, ".*(new card|review) \\302\\267/.test(line)) synced = false;
    }
    expect(checked).toBe(3);
  }, 180_000);
  if (!hasStrace) it.skip('strace is not installed: the durability proof is skipped', () => undefined);
});

describe("another program's SQLite file as --state", () => {
  it('is refused by every command, read-only ones included, and left byte for byte', () => {
    const other = join(dir, 'other', 'places.sqlite');
    mkdirSync(join(dir, 'other'));
    const db = new Database(other);
    db.exec("CREATE TABLE places (url TEXT); INSERT INTO places VALUES ('https://example.org')");
    db.close();
    const before = readFileSync(other);
    for (const command of ['stats', 'review', 'build', 'watch']) {
      const extra = command === 'build' || command === 'watch' ? ['-o', join(dir, 'other-decks')] : [];
      const run = flashmark([command, notes, '--state', other, ...extra], { input: '\n5\nq\n', timeoutMs: 60_000 });
      expectOneLine(run, /^flashmark: .*places\.sqlite is not a flashmark study database .*left untouched$/m);
      expect(readFileSync(other).equals(before), `${command} changed the file`).toBe(true);
      expect(readdirSync(join(dir, 'other'))).toEqual(['places.sqlite']);
    }
  });

  it('a new study database carries its application_id; one made before it had one is still opened', () => {
    const state = join(dir, 'stamped.db');
    expect(flashmark(['build', notes, '-o', join(dir, 'stamped-decks'), '--state', state]).code).toBe(0);
    const db = new Database(state);
    expect(db.pragma('application_id', { simple: true })).not.toBe(0);
    // As an earlier flashmark left it: no application_id.
    db.pragma('application_id = 0');
    db.close();
    const run = flashmark(['stats', notes, '--state', state, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const again = new Database(state, { readonly: true });
    expect(again.pragma('application_id', { simple: true })).not.toBe(0);
    again.close();
  });
});

describe('--state among the outputs', () => {
  it('build and watch refuse a --state that is (or would be) a package in -o; nothing is written', () => {
    const out = join(dir, 'decks');
    for (const command of ['build', 'watch']) {
      for (const state of [join(out, 'Git.apkg'), join(out, 'Other.APKG')]) {
        const run = flashmark([command, notes, '-o', out, '--state', state], { timeoutMs: 60_000 });
        expectOneLine(run, /^flashmark: --state: .*\.(apkg|APKG) is in the -o folder/m);
        expect(existsSync(state)).toBe(false);
      }
    }
    // Beside the packages under another name is fine.
    mkdirSync(out);
    const run = flashmark(['build', notes, '-o', out, '--state', join(out, 'state.db')]);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(out, 'Git.apkg'))).toBe(true);
  });
});

describe('--state in a folder that does not exist', () => {
  it('is one line for every command, and nothing is created', () => {
    const missing = join(dir, 'no-such-folder', 'deeper', 'state.db');
    for (const command of ['build', 'review', 'stats', 'watch']) {
      const extra = command === 'build' || command === 'watch' ? ['-o', join(dir, 'missing-decks')] : [];
      const run = flashmark([command, notes, '--state', missing, ...extra], { input: '\n5\nq\n', timeoutMs: 60_000 });
      expectOneLine(run, /^flashmark: --state: the folder of .*no-such-folder\/deeper\/state\.db does not exist/m);
      expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
      expect(existsSync(join(dir, 'missing-decks'))).toBe(false);
    }
  });

  it('stats creates no study database (its numbers count every card as new)', () => {
    const copy = join(dir, 'fresh-notes');
    mkdirSync(copy);
    writeFileSync(join(copy, 'Git.md'), readFileSync(join(notes, 'Git', 'basics.md')));
    const run = flashmark(['stats', copy, '--json', '--now', '2026-03-01']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ new: 3 });
    expect(existsSync(join(copy, '.flashmark'))).toBe(false);
    // The default place is still created by the commands that write.
    expect(flashmark(['review', copy, '--now', '2026-03-01'], { input: '\n4\n' }).code).toBe(0);
    expect(existsSync(join(copy, '.flashmark', 'state.db'))).toBe(true);
  });
});

describe('--state that is not a regular file', () => {
  it('a FIFO, a link to /dev/zero or /dev/null, a folder, or a FIFO where its build cache goes: one line for every command, no hang', () => {
    const special = join(dir, 'special-state');
    mkdirSync(special);
    expect(spawnSync('mkfifo', [join(special, 'fifo.db')]).status).toBe(0);
    symlinkSync('/dev/zero', join(special, 'zero.db'));
    symlinkSync('/dev/null', join(special, 'null.db'));
    mkdirSync(join(special, 'folder.db'));
    expect(spawnSync('mkfifo', [join(special, 'cached.cache.db')]).status).toBe(0);
    const cases: [string, RegExp][] = [
      ['fifo.db', /fifo\.db is a FIFO, not a regular file/],
      ['zero.db', /zero\.db is a device, not a regular file/],
      ['null.db', /null\.db is a device, not a regular file/],
      ['folder.db', /folder\.db is a folder, not a regular file/],
      ['cached.db', /cached\.db: its build cache .*cached\.cache\.db is a FIFO, not a regular file/],
    ];
    for (const [name, line] of cases) {
      for (const command of ['build', 'review', 'stats', 'watch', 'cards']) {
        const extra = command === 'build' || command === 'watch' ? ['-o', join(special, 'decks')] : [];
        const run = flashmark([command, notes, '--state', join(special, name), ...extra], { input: '\n5\nq\n', timeoutMs: 30_000 });
        expectOneLine(run, line);
        expect(run.stderr).toMatch(/^flashmark: --state: /);
      }
    }
    expect(readdirSync(special).sort()).toEqual(['cached.cache.db', 'fifo.db', 'folder.db', 'null.db', 'zero.db']);
  });
});

const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;

describe('a study database the disk refuses to grow (RLIMIT_FSIZE, as a full disk)', () => {
  it.skipIf(!hasPrlimit)('review and stats stop with one line naming it; the answers acknowledged before are in it', () => {
    const state = join(dir, 'limited', 'state.db');
    mkdirSync(join(dir, 'limited'));
    const limitedNotes = join(dir, 'limited', 'notes');
    mkdirSync(limitedNotes);
    const terms = Array.from({ length: 60 }, (_, i) => `- **term ${i}**: meaning ${i}`).join('\n');
    writeFileSync(join(limitedNotes, 'terms.md'), `# Terms\n\n${terms}\n`);
    expect(flashmark(['review', limitedNotes, '--state', state, '--now', '2026-03-01'], { input: '\n4\n' }).code).toBe(0);
    const limited = (args: string[], input: string): Run => {
      const result = spawnSync('prlimit', ['--fsize=40000', process.execPath, cli, ...args], { encoding: 'utf8', env, input, timeout: 60_000 });
      return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
    };
    // Answers until the WAL would pass 40 KB; the notes unchanged, so the one write before them is the session's mark.
    const review = limited(['review', limitedNotes, '--state', state, '--now', '2026-03-02'], '\n4\n'.repeat(40));
    expectOneLine(review, /^flashmark: cannot write to the study database .*limited\/state\.db: .*; every answer acknowledged with "saved" is in it$/m);
    const saved = review.stdout.match(/^saved \d/gm)?.length ?? 0;
    const db = new Database(state, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM study_review').get()).toEqual({ n: 1 + saved });
    db.close();
    // A note changed: the sync of the cards is the write refused.
    writeFileSync(join(limitedNotes, 'terms.md'), `# Terms\n\n${terms.replaceAll('meaning', 'sense')}\n`);
    expectOneLine(limited(['stats', limitedNotes, '--state', state, '--now', '2026-03-02'], ''), /^flashmark: cannot write to the study database .*limited\/state\.db: /m);
    expect(flashmark(['stats', limitedNotes, '--state', state, '--now', '2026-03-02']).code).toBe(0);
  });
  if (!hasPrlimit) it.skip('prlimit (util-linux) is not installed: the file size limit is skipped', () => undefined);
});
