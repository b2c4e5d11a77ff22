import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'flashmark-refused-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const notes = join(dir, 'notes');
mkdirSync(notes);
writeFileSync(join(notes, 'note.md'), '# Note\n\nA **term** in a sentence.\n');

/** Runs a command that must refuse `state` (alone in its folder), and returns the files of that folder afterwards. */
function refuse(command: string, state: string, message: RegExp): string[] {
  const before = readFileSync(state);
  // watch refuses before it starts watching; the timeout only stops a watch that did not.
  const out = command === 'build' || command === 'watch' ? ['-o', join(dir, 'decks')] : [];
  const run = spawnSync('node', [bin, command, notes, '--state', state, ...out], { encoding: 'utf8', input: '\n5\nq\n', timeout: 30_000 });
  expect(run.status, run.stderr).not.toBe(0);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(readFileSync(state).equals(before)).toBe(true);
  return readdirSync(dirname(state)).sort();
}

describe('commands with a --state they refuse', () => {
  it('build and watch create nothing: no build cache beside a file that is not a database', () => {
    mkdirSync(join(dir, 'bogus'));
    const bogus = join(dir, 'bogus', 'bogus.db');
    writeFileSync(bogus, 'not a database, just text\n'.repeat(100));
    for (const command of ['build', 'watch']) {
      expect(refuse(command, bogus, /^flashmark: .*bogus\.db is not a flashmark study database or is corrupt; it was left untouched$/m)).toEqual(['bogus.db']);
    }
  });

  it('build, stats and review check the whole file again once anything else has written to it, even keeping its size and times', () => {
    for (const command of ['build', 'stats', 'review']) {
      mkdirSync(join(dir, `changed-${command}`));
      const state = join(dir, `changed-${command}`, 'state.db');
      const run = (name: string): void => {
        const out = name === 'build' ? ['-o', join(dir, `changed-${command}-decks`)] : [];
        const result = spawnSync('node', [bin, name, notes, '--state', state, ...out], { encoding: 'utf8', input: 'q\n' });
        expect(result.status, result.stderr).toBe(0);
      };
      run('build');
      // A table no command reads: corrupted, only the whole-file check can tell.
      const db = new Database(state);
      db.exec("CREATE TABLE kept_aside (text TEXT); INSERT INTO kept_aside VALUES ('a row')");
      const { rootpage } = db.prepare<[], { rootpage: number }>("SELECT rootpage FROM sqlite_master WHERE name = 'kept_aside'").get()!;
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.close();
      run(command);
      run(command);
      // The times kept to the nanosecond, as `touch -r` copies them.
      const times = join(dir, `changed-${command}-times`);
      writeFileSync(times, '');
      expect(spawnSync('touch', ['-r', state, times]).status).toBe(0);
      const bytes = readFileSync(state);
      bytes.fill(0x5a, (rootpage - 1) * pageSize, rootpage * pageSize);
      writeFileSync(state, bytes);
      expect(spawnSync('touch', ['-r', times, state]).status).toBe(0);
      expect(statSync(state, { bigint: true }).mtimeNs).toBe(statSync(times, { bigint: true }).mtimeNs);
      refuse(command, state, /^flashmark: the study database .*state\.db is corrupt \(.*\); it was left untouched$/m);
    }
  });

  // A database in rollback-journal mode: switching it to WAL would rewrite its header, so the version is checked first.
  it('create and change nothing for a database of a newer flashmark', () => {
    mkdirSync(join(dir, 'newer'));
    const newer = join(dir, 'newer', 'newer.db');
    const db = new Database(newer);
    db.exec("CREATE TABLE schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL); INSERT INTO schema_version VALUES ('build', 999), ('study', 999)");
    db.close();
    for (const command of ['build', 'watch', 'review', 'stats']) {
      expect(refuse(command, newer, /newer\.db was written by a newer flashmark \((build|study) schema 999, this version knows \d+\); upgrade flashmark/)).toEqual(['newer.db']);
    }
  });
});
