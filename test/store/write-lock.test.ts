import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { openStudyDatabase } from '../../src/study/tables.js';
import { waitForWriteLock } from '../../src/store/write-lock.js';
import { tempDbPath } from '../study/fixtures.js';

describe('a write waiting for another connection\'s write lock', () => {
  it('says so in one line, then gives up with one line naming the database; what was committed stays', () => {
    const path = tempDbPath();
    const db = openStudyDatabase(path);
    db.exec('CREATE TABLE answer (grade INTEGER)');
    db.prepare('INSERT INTO answer VALUES (4)').run();
    // A second connection (as another process's would) takes the write lock and keeps it.
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const lines: string[] = [];
    let failure: unknown;
    try {
      waitForWriteLock(() => db.transaction(() => db.prepare('INSERT INTO answer VALUES (5)').run()).immediate(), { path, warn: (line) => lines.push(line), attempts: 2 });
    } catch (error) {
      failure = error;
    }
    expect(lines).toEqual([`waiting for the study database ${path}: another process has held its write lock for 5 s (giving up after 10 s)…`]);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as Error).message).toBe(
      `the study database ${path} stayed locked by another process for 10 s; the last change was not saved (every answer acknowledged with "saved" is); try again when that process has finished`,
    );
    other.exec('COMMIT');
    other.close();
    expect(db.prepare('SELECT grade FROM answer').all()).toEqual([{ grade: 4 }]);
    // Free again: the same write goes through, with no line.
    waitForWriteLock(() => db.prepare('INSERT INTO answer VALUES (5)').run(), { path, warn: (line) => lines.push(line) });
    expect(lines).toHaveLength(1);
    expect(db.prepare('SELECT grade FROM answer').all()).toEqual([{ grade: 4 }, { grade: 5 }]);
    db.close();
  }, 60_000);
});
