import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError, messageOf } from '../errors.js';
import { createFolder } from '../fs/mkdir.js';

export type Db = Database.Database;

/**
 * The schema steps of one component that keeps tables in the state database
 * (the study state, the build history, ...). Step N (1-based) is applied once,
 * in a transaction, when the database is below version N for that component.
 */
export interface Migrations {
  component: string;
  steps: readonly string[];
}

/**
 * SQLite's `application_id` of a flashmark study database ("FlMk"), set on
 * creation: any other SQLite file given as `--state` is refused untouched.
 */
export const STUDY_APPLICATION_ID = 0x466c4d6b;

/** How long a statement waits for another process's write lock (a review beside a build) before it is refused. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the state database at `path` and brings the given
 * components' tables up to date. A file that is not a database, is another
 * program's database, is corrupt, is locked for longer than the busy timeout,
 * or was written by a newer flashmark is reported as a UserError and never modified.
 *
 * `checkedAs`: the file's `writeSignature` when flashmark last closed it after
 * opening it here. While the file still has it, nothing has written to it
 * since, and the whole-file check (a read of every page) is not made again.
 */
export function openStateDatabase(path: string, components: readonly Migrations[], checkedAs?: string): Db {
  const isNew = !existsSync(path);
  // Taken before the connection opens, which can start a write-ahead log beside the file.
  const unchanged = checkedAs !== undefined && writeSignature(path) === checkedAs;
  if (isNew) {
    try {
      createFolder(dirname(path));
    } catch (error) {
      throw new UserError(`cannot create the folder of the study database ${path}: ${messageOf(error)}`);
    }
  }
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw new UserError(`cannot open the study database ${path}: ${messageOf(error)}`);
  }
  try {
    // WAL lets a build or a second reader proceed while a review session writes;
    // the busy timeout makes concurrent writers wait instead of failing at once.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!isNew && !unchanged) checkIntegrity(db, path);
    // Before anything is written: another program's database, or a newer flashmark's, stays as it was
    // (the switch to WAL rewrites the header of a database in another journal mode).
    if (!isStudyDatabase(db)) throw new UserError(notOursMessage(path));
    refuseNewerVersions(db, path, components);
    stamp(db);
    db.pragma('journal_mode = WAL');
    // WAL's default here (NORMAL) syncs only at checkpoints: an answer reported saved could be
    // lost to a power cut. FULL syncs the WAL at every commit.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, components);
  } catch (error) {
    db.close();
    if (error instanceof UserError) throw error;
    throw new UserError(describeOpenFailure(path, error));
  }
  return db;
}

/**
 * Refuses, as `openStateDatabase` would, an existing study database that is
 * not a database or was written by a newer flashmark, without writing anything:
 * for commands that create other files (the build cache) before they open it.
 * Reads only the header and the schema versions; the whole-file check stays with the open.
 */
export function checkStateDatabase(path: string, components: readonly Migrations[]): void {
  if (!existsSync(path)) return;
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new UserError(`cannot open the study database ${path}: ${messageOf(error)}`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!isStudyDatabase(db)) throw new UserError(notOursMessage(path));
    refuseNewerVersions(db, path, components);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(describeOpenFailure(path, error));
  } finally {
    db.close();
  }
}

/** Marks a new database, or one of an earlier flashmark (before the mark), as a study database. */
function stamp(db: Db): void {
  if (db.pragma('application_id', { simple: true }) !== STUDY_APPLICATION_ID) db.pragma(`application_id = ${STUDY_APPLICATION_ID}`);
}

/**
 * Ours, or ours to take: stamped with our id, or unstamped and either empty
 * (a new file; also one another opener is creating) or an earlier flashmark's.
 */
function isStudyDatabase(db: Db): boolean {
  // One snapshot: read apart, another opener's stamp and first table can fall between the reads
  // (an unstamped file with a bare `schema_version`), and a new database is refused as not ours.
  return db.transaction(() => readsAsStudyDatabase(db))();
}

function readsAsStudyDatabase(db: Db): boolean {
  const id = db.pragma('application_id', { simple: true });
  if (id === STUDY_APPLICATION_ID) return true;
  if (id !== 0) return false;
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((row) => row.name);
  if (tables.length === 0) return true;
  if (!tables.includes('schema_version')) return false;
  const components = db.prepare<[], { component: string }>('SELECT component FROM schema_version').all();
  return components.some((row) => KNOWN_COMPONENTS.has(row.component));
}

/** The components an earlier flashmark recorded in `schema_version`. */
const KNOWN_COMPONENTS: ReadonlySet<string> = new Set(['study', 'build']);

function notOursMessage(path: string): string {
  return `${path} is not a flashmark study database (another program's SQLite file?); it was left untouched`;
}

/**
 * What changes whenever anything writes to the database file: its inode, size
 * and modification and change times (the change time cannot be set back, not
 * even by a copy that keeps the times). Undefined when it is missing or has a
 * write-ahead log with something in it beside it: the log is part of the
 * database. (A read-only connection leaves an empty one behind.)
 */
export function writeSignature(path: string): string | undefined {
  try {
    const file = statSync(path, { bigint: true, throwIfNoEntry: false });
    if (!file || (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) return undefined;
    return `${file.dev}:${file.ino}:${file.size}:${file.mtimeNs}:${file.ctimeNs}`;
  } catch {
    return undefined; // cannot be read: the open that follows says why
  }
}

function checkIntegrity(db: Db, path: string): void {
  const result = db.pragma('quick_check', { simple: true });
  if (result !== 'ok') {
    throw new UserError(`the study database ${path} is corrupt (${String(result)}); it was left untouched`);
  }
}

function describeOpenFailure(path: string, error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return `the study database ${path} is locked by another flashmark process; try again when it has finished`;
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return `${path} is not a flashmark study database or is corrupt; it was left untouched`;
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return `cannot write the study database ${path}: ${messageOf(error)}`;
  }
  return `cannot open the study database ${path}: ${messageOf(error)}`;
}

function migrate(db: Db, path: string, components: readonly Migrations[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const current = db.prepare<[string], { version: number }>('SELECT version FROM schema_version WHERE component = ?');
  const record = db.prepare('INSERT INTO schema_version (component, version) VALUES (?, ?) ON CONFLICT(component) DO UPDATE SET version = excluded.version');
  // Each step reads the version and applies itself in one write transaction, taken before the read:
  // two processes opening a new database together would otherwise both apply a step (a column added twice).
  const applyNext = db.transaction((component: string, steps: readonly string[]): boolean => {
    const version = current.get(component)?.version ?? 0;
    if (version >= steps.length) return false;
    db.exec(steps[version]!);
    record.run(component, version + 1);
    return true;
  });
  for (const { component, steps } of components) while (applyNext.immediate(component, steps));
}

/** A database whose schema of one of `components` is newer than this flashmark knows is refused, untouched. */
function refuseNewerVersions(db: Db, path: string, components: readonly Migrations[]): void {
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get() === undefined) return;
  const current = db.prepare<[string], { version: number }>('SELECT version FROM schema_version WHERE component = ?');
  for (const { component, steps } of components) {
    const version = current.get(component)?.version ?? 0;
    if (version > steps.length) {
      throw new UserError(
        `the study database ${path} was written by a newer flashmark (${component} schema ${version}, this version knows ${steps.length}); upgrade flashmark`,
      );
    }
  }
}

/**
 * The state database opened read-only, when `component`'s tables are at this
 * flashmark's version: no integrity check, no migration, nothing written.
 * Undefined when there is none yet, one of another version, or it cannot be
 * read: the caller goes the long way, through `openStateDatabase`, which
 * reports the problem.
 */
export function peekStateDatabase(path: string, { component, steps }: Migrations): Db | undefined {
  if (!existsSync(path)) return undefined;
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const version = db.prepare<[string], { version: number }>('SELECT version FROM schema_version WHERE component = ?').get(component)?.version;
    if (version === steps.length) return db;
  } catch {
    // unreadable: left to openStateDatabase
  }
  db?.close();
  return undefined;
}
