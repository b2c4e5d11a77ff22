import Database, { type Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { UserError, messageOf } from '../errors.js';
import { createFolder } from '../fs/mkdir.js';
import type { Db } from '../store/database.js';

/**
 * The incremental cache: each note's extraction result (JSON, see
 * stored-result.ts), keyed by the note's path and the hash of its text, valid
 * for one fingerprint of the tool (version and code: see code-digest.ts) and
 * the extraction options. A rebuild re-extracts only the notes whose
 * path/hash pair is not in the cache.
 *
 * Where: a SQLite file beside the study database (`state.db` → `state.cache.db`).
 * Not a table inside the study database, because the cache holds about as much
 * JSON as the vault has text — keeping that out of the file users back up and
 * sync keeps their study history small — and because the cache is disposable:
 * a cache file that is corrupt or of another schema is deleted and rebuilt
 * rather than reported. For the same reason it is not opened with
 * `openStateDatabase`, whose integrity check reads the whole file (half a
 * second for a 10,000-note cache, half the budget of a rebuild). Not a JSON
 * file either: SQLite updates only the rows of changed notes, in a
 * transaction, so a rebuild after one edit writes a few KB and an interrupted
 * run leaves the previous cache intact.
 */
// 3: results in the form of stored-result.ts; 4: the packages' content keys.
const SCHEMA_VERSION = 4;
const SCHEMA = `
  DROP TABLE IF EXISTS cache_meta; DROP TABLE IF EXISTS cache_note; DROP TABLE IF EXISTS cache_package; DROP TABLE IF EXISTS cache_package_contents;
  CREATE TABLE cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE cache_note (file TEXT PRIMARY KEY, hash TEXT NOT NULL, stat TEXT NOT NULL, result TEXT NOT NULL);
  -- What each package was built from, so an unchanged package is neither re-assembled nor re-read (build/incremental-build.ts).
  CREATE TABLE cache_package (out_dir TEXT NOT NULL, key TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (out_dir, key));
  -- The content keys of each package's cards (megabytes for a large vault): apart, so a build with nothing to do neither reads nor writes them.
  CREATE TABLE cache_package_contents (out_dir TEXT NOT NULL, key TEXT NOT NULL, contents TEXT NOT NULL, PRIMARY KEY (out_dir, key));`;

/** Opens the cache database, (re)creating its tables when they are of another schema version. */
function openCacheDb(path: string): Db {
  createFolder(dirname(path));
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // A lost last transaction after a power cut only costs a re-parse; WAL never leaves the file corrupt.
    db.pragma('synchronous = NORMAL');
    if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) {
      db.transaction(() => {
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The cache file of a study database path. */
export function cachePathFor(statePath: string): string {
  return join(dirname(statePath), `${basename(statePath).replace(/\.db$/, '')}.cache.db`);
}

/** A short hash of a text: the cache's fingerprint, a read vault's digest (a note's key hashes its bytes the same way, in incremental.ts). */
export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** A stable JSON text of a plain value: object keys sorted, so equal options hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** What a cached result is valid for: the tool (its version, or version and code digest) and the extraction options. */
export function cacheFingerprint(tool: string, options: unknown): string {
  return textHash(`${tool}\n${canonicalJson(options)}`);
}

/** Up to this much of the cache file is mapped by `mapForReading`: more than any vault's cache. */
const MAP_BYTES = 1024 * 1024 * 1024;

export interface CachedNote {
  hash: string;
  /** The file's stat signature when its hash was taken ('' = do not trust it; see statSignature in incremental.ts). */
  stat: string;
  result: string;
}

export interface KnownNote {
  hash: string;
  stat: string;
}

export class ExtractionCache {
  // Prepared once: a cold build puts and reads back every result, and preparing each time would cost a third as much again.
  private readonly putNote: Statement<[string, string, string, string]>;
  private readonly readResult: Statement<[string], { result: string }>;
  private readonly readResultBytes: Statement<[string], Buffer>;

  private constructor(
    private readonly db: Db,
    /** What the cached results are valid for (see cacheFingerprint). */
    readonly fingerprint: string,
    private readonly path: string,
  ) {
    this.putNote = db.prepare('INSERT OR REPLACE INTO cache_note (file, hash, stat, result) VALUES (?, ?, ?, ?)');
    this.readResult = db.prepare('SELECT result FROM cache_note WHERE file = ?');
    // As a blob: the UTF-8 bytes as stored, not decoded to a string (cards-json.ts copies from them); the value alone, not a row object made for each.
    this.readResultBytes = db.prepare<[string], Buffer>('SELECT CAST(result AS BLOB) FROM cache_note WHERE file = ?').pluck();
  }

  /**
   * Opens the cache at `path` for `fingerprint`; entries made under another
   * fingerprint are dropped. An unreadable cache file is replaced.
   */
  static open(path: string, fingerprint: string): ExtractionCache {
    let db: Db;
    try {
      db = openCacheDb(path);
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
        throw new UserError(`the build cache ${path} is locked by another flashmark process; try again when it has finished`);
      }
      try {
        // Under a file (ENOTDIR) even the removal fails: that too is a cache that cannot be created.
        for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
        db = openCacheDb(path);
      } catch (again) {
        throw new UserError(`cannot create the build cache ${path}: ${messageOf(again)}`);
      }
    }
    const cache = new ExtractionCache(db, fingerprint, path);
    cache.resetUnless(fingerprint);
    return cache;
  }

  private resetUnless(fingerprint: string): void {
    const row = this.db.prepare<[], { value: string }>("SELECT value FROM cache_meta WHERE key = 'fingerprint'").get();
    if (row?.value === fingerprint) return;
    this.db.transaction(() => {
      this.db.exec('DELETE FROM cache_note; DELETE FROM cache_package; DELETE FROM cache_package_contents;');
      this.db.prepare("INSERT OR REPLACE INTO cache_meta (key, value) VALUES ('fingerprint', ?)").run(fingerprint);
    })();
  }

  /** Every cached note: path → hash and result. */
  entries(): Map<string, CachedNote> {
    const rows = this.db.prepare<[], { file: string; hash: string; stat: string; result: string }>('SELECT file, hash, stat, result FROM cache_note').all();
    return new Map(rows.map((r) => [r.file, { hash: r.hash, stat: r.stat, result: r.result }]));
  }

  /** Path → hash and stat signature of every cached note, without the results (cheap even for a large vault). */
  known(): Map<string, KnownNote> {
    const rows = this.db.prepare<[], { file: string; hash: string; stat: string }>('SELECT file, hash, stat FROM cache_note').all();
    return new Map(rows.map((r) => [r.file, { hash: r.hash, stat: r.stat }]));
  }

  /** The cached result of one note, if any. */
  result(file: string): string | undefined {
    return this.readResult.get(file)?.result;
  }

  /** The cached result of one note as its UTF-8 bytes, if any. */
  resultBytes(file: string): Buffer | undefined {
    return this.readResultBytes.get(file);
  }

  /**
   * Reads the results through a memory map from now on: reading every result
   * page by page cost twice as much. The mapped pages count in the process's
   * memory, so only a reader of every result asks for it.
   */
  mapForReading(): void {
    this.db.pragma(`mmap_size = ${MAP_BYTES}`);
  }

  /** The packages last built into `outDir`: key → record (JSON, owned by build/incremental-build.ts). */
  packageRecords(outDir: string): Map<string, string> {
    const rows = this.db.prepare<[string], { key: string; record: string }>('SELECT key, record FROM cache_package WHERE out_dir = ?').all(outDir);
    return new Map(rows.map((r) => [r.key, r.record]));
  }

  /** Replaces the package records of `outDir`, in one transaction. */
  savePackageRecords(outDir: string, records: ReadonlyMap<string, string>): void {
    const put = this.db.prepare('INSERT INTO cache_package (out_dir, key, record) VALUES (?, ?, ?)');
    this.write(() => {
      this.db.prepare('DELETE FROM cache_package WHERE out_dir = ?').run(outDir);
      for (const [key, record] of records) put.run(outDir, key, record);
    });
  }

  /** The content keys of the packages last built into `outDir`: key → JSON (owned by build/incremental-build.ts). */
  packageContents(outDir: string): Map<string, string> {
    const rows = this.db.prepare<[string], { key: string; contents: string }>('SELECT key, contents FROM cache_package_contents WHERE out_dir = ?').all(outDir);
    return new Map(rows.map((r) => [r.key, r.contents]));
  }

  /** Replaces the content keys of the packages `changed` names and forgets those of the packages not in `present`, in one transaction. */
  savePackageContents(outDir: string, changed: ReadonlyMap<string, string>, present: ReadonlySet<string>): void {
    const stored = this.db.prepare<[string], { key: string }>('SELECT key FROM cache_package_contents WHERE out_dir = ?').all(outDir);
    const gone = stored.filter((row) => !present.has(row.key));
    if (changed.size === 0 && gone.length === 0) return;
    const put = this.db.prepare('INSERT OR REPLACE INTO cache_package_contents (out_dir, key, contents) VALUES (?, ?, ?)');
    const drop = this.db.prepare('DELETE FROM cache_package_contents WHERE out_dir = ? AND key = ?');
    this.write(() => {
      for (const [key, contents] of changed) put.run(outDir, key, contents);
      for (const row of gone) drop.run(outDir, row.key);
    });
  }

  /**
   * A small value kept with the cache at `path`, read without opening it for
   * writing (no fingerprint check, no schema made): undefined when there is
   * no such cache, value or readable file.
   */
  static peekMeta(path: string, key: string): string | undefined {
    if (!existsSync(path)) return undefined;
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        db.pragma('busy_timeout = 5000');
        return db.prepare<[string], string>('SELECT value FROM cache_meta WHERE key = ?').pluck().get(key);
      } finally {
        db.close();
      }
    } catch {
      return undefined; // a cache being made, or another version's: as if it had none
    }
  }

  /** Sets a small value in the cache at `path`, if there is one; a cache that cannot take it is left as it is (false). */
  static putMeta(path: string, key: string, value: string): boolean {
    if (!existsSync(path)) return false;
    try {
      const db = new Database(path, { fileMustExist: true });
      try {
        db.pragma('busy_timeout = 5000');
        db.prepare('INSERT OR REPLACE INTO cache_meta (key, value) VALUES (?, ?)').run(key, value);
        return true;
      } finally {
        db.close();
      }
    } catch {
      return false;
    }
  }

  /** A small value kept with the cache (e.g. the last output folder built into). */
  meta(key: string): string | undefined {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM cache_meta WHERE key = ?').get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.write(() => this.db.prepare('INSERT OR REPLACE INTO cache_meta (key, value) VALUES (?, ?)').run(key, value));
  }

  /**
   * Records new results as they come from the workers, a batch a transaction:
   * a commit per result costs almost as much as the writing.
   */
  putBatch(notes: readonly (readonly [string, CachedNote])[]): void {
    this.write(() => {
      for (const [file, { hash, stat, result }] of notes) this.putNote.run(file, hash, stat, result);
    });
  }

  /**
   * Records new results, new stat signatures of notes whose content was found
   * unchanged (a `touch`, a checkout), and forgets notes that no longer exist,
   * in one transaction.
   */
  update(changed: ReadonlyMap<string, CachedNote>, removed: Iterable<string>, restat: ReadonlyMap<string, string> = new Map()): void {
    const put = this.putNote;
    const setStat = this.db.prepare('UPDATE cache_note SET stat = ? WHERE file = ?');
    const drop = this.db.prepare('DELETE FROM cache_note WHERE file = ?');
    this.write(() => {
      for (const [file, { hash, stat, result }] of changed) put.run(file, hash, stat, result);
      for (const [file, stat] of restat) setStat.run(stat, file);
      for (const file of removed) drop.run(file);
    });
  }

  /** One write transaction; a failure (a full disk) names the cache file, and the transaction is rolled back whole. */
  private write(work: () => void): void {
    try {
      this.db.transaction(work)();
    } catch (error) {
      throw new UserError(`cannot write the build cache ${this.path}: ${messageOf(error)}`);
    }
  }

  close(): void {
    this.db.close();
  }
}
