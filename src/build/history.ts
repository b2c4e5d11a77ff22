import { peekStateDatabase, type Db, type Migrations } from '../store/database.js';

/**
 * The build history, kept in the study database (never in `decks/`, which a
 * user may delete, nor in the notes): per Anki guid, the note id it was given,
 * the hash of its fields and tags at the last build, and the `mod` that hash
 * was published with. Anki updates a note on re-import only when `mod` is
 * higher than before, so `mod` must rise exactly when the hash changes.
 * Also the packages each output folder received, to spot a package whose
 * top-level folder disappeared.
 */
export const BUILD_MIGRATIONS: Migrations = {
  component: 'build',
  steps: [
    `CREATE TABLE build_notes (
       guid TEXT PRIMARY KEY,
       note_id INTEGER NOT NULL,
       package TEXT NOT NULL,
       hash TEXT NOT NULL,
       mod INTEGER NOT NULL,
       first_seen INTEGER NOT NULL,
       present INTEGER NOT NULL
     ) WITHOUT ROWID;
     CREATE TABLE build_packages (
       out_dir TEXT NOT NULL,
       key TEXT NOT NULL,
       file TEXT NOT NULL,
       sha256 TEXT NOT NULL,
       PRIMARY KEY (out_dir, key)
     ) WITHOUT ROWID;`,
    // maxNoteId without reading every row (incremental builds).
    `CREATE INDEX build_notes_note_id ON build_notes (note_id);`,
    // A rowid table: each package's rows are committed on their own (see saveNoteHistory) and guids
    // are random, so rows in the guid B-tree made every commit rewrite pages all over the table (see bench/).
    `CREATE TABLE build_notes_appended (
       guid TEXT PRIMARY KEY,
       note_id INTEGER NOT NULL,
       package TEXT NOT NULL,
       hash TEXT NOT NULL,
       mod INTEGER NOT NULL,
       first_seen INTEGER NOT NULL,
       present INTEGER NOT NULL
     );
     INSERT INTO build_notes_appended SELECT guid, note_id, package, hash, mod, first_seen, present FROM build_notes;
     DROP TABLE build_notes;
     ALTER TABLE build_notes_appended RENAME TO build_notes;
     CREATE INDEX build_notes_note_id ON build_notes (note_id);`,
    // Rows kept in package order: a package's rows are stored in a transaction of their own (see
    // saveNoteHistory), so that a commit rewrites that package's pages only, not pages all over a guid index.
    // A guid is in one package at a time: a note that moves takes its row along (movedFrom).
    `CREATE TABLE build_notes_by_package (
       package TEXT NOT NULL,
       guid TEXT NOT NULL,
       note_id INTEGER NOT NULL,
       hash TEXT NOT NULL,
       mod INTEGER NOT NULL,
       first_seen INTEGER NOT NULL,
       present INTEGER NOT NULL,
       PRIMARY KEY (package, guid)
     ) WITHOUT ROWID;
     INSERT INTO build_notes_by_package SELECT package, guid, note_id, hash, mod, first_seen, present FROM build_notes;
     DROP TABLE build_notes;
     ALTER TABLE build_notes_by_package RENAME TO build_notes;
     CREATE INDEX build_notes_note_id ON build_notes (note_id);`,
    // The retired rows (a note removed from its package), which every build loads, without reading the
    // others: see loadNoteHistory. Partial, so a build that retires nothing never writes to it.
    `CREATE INDEX build_notes_retired ON build_notes (package) WHERE present = 0;`,
  ],
};

export interface NoteHistory {
  guid: string;
  /** `notes.id` given when the guid was first built (milliseconds). */
  noteId: number;
  /** Package key of the last build that contained it. */
  pkg: string;
  /** Hash of kind, fields and tags as last published. */
  hash: string;
  /** `notes.mod` (seconds) published with that hash. */
  mod: number;
  /** When it was first built (seconds). */
  firstSeen: number;
  /** Whether the last build contained it. */
  present: boolean;
}

/** A history row to store; `movedFrom` is the package the history placed the guid in until now, when another. */
export interface NoteHistoryChange extends NoteHistory {
  movedFrom?: string;
}

export interface PackageRecord {
  key: string;
  file: string;
  sha256: string;
}

/**
 * The build history, without the notes present in `carriedOver` packages (an
 * incremental build leaves those untouched, and loading them all is slow in a
 * large vault). Retired notes are always loaded: one may come back.
 * Rows come package by package, in (package, guid) order: one range of the
 * primary key for each package rebuilt, the retired rows alone (their own
 * index) for each carried over, not `package NOT IN (...)`, which reads every row.
 */
export function loadNoteHistory(db: Db, carriedOver: ReadonlySet<string> = new Set()): Map<string, NoteHistory> {
  const columns = 'SELECT guid, note_id, hash, mod, first_seen, present FROM build_notes';
  // Rows as arrays (`raw`): a row object per history row, copied into a NoteHistory, is a third slower.
  const all = db.prepare<[string], HistoryRow>(`${columns} WHERE package = ?`).raw();
  const retired = db.prepare<[string], HistoryRow>(`${columns} INDEXED BY build_notes_retired WHERE package = ? AND present = 0`).raw();
  const history = new Map<string, NoteHistory>();
  for (const pkg of historyPackages(db)) {
    for (const [guid, noteId, hash, mod, firstSeen, present] of (carriedOver.has(pkg) ? retired : all).all(pkg)) {
      history.set(guid, { guid, noteId, pkg, hash, mod, firstSeen, present: present === 1 });
    }
  }
  return history;
}

type HistoryRow = [guid: string, noteId: number, hash: string, mod: number, firstSeen: number, present: number];

/** The packages the history has rows of, in order: one lookup in the primary key each, not a scan of every row. */
function historyPackages(db: Db): string[] {
  const first = db.prepare<[], string>('SELECT package FROM build_notes ORDER BY package LIMIT 1').pluck();
  const next = db.prepare<[string], string>('SELECT package FROM build_notes WHERE package > ? ORDER BY package LIMIT 1').pluck();
  const packages: string[] = [];
  for (let pkg = first.get(); pkg !== undefined; pkg = next.get(pkg)) packages.push(pkg);
  return packages;
}

/** The highest note id ever given, so new notes never reuse one (also those of packages not loaded). */
export function maxNoteId(db: Db): number {
  return db.prepare<[], { id: number | null }>('SELECT MAX(note_id) AS id FROM build_notes').get()?.id ?? 0;
}

export function loadPackageRecords(db: Db, outDir: string): PackageRecord[] {
  return db.prepare<[string], PackageRecord>('SELECT key, file, sha256 FROM build_packages WHERE out_dir = ? ORDER BY key').all(outDir);
}

/**
 * Stores the history rows of a package just written, in one transaction (the
 * rest of the build is stored by saveBuild). Only rows that differ are given.
 */
export function saveNoteHistory(db: Db, notes: readonly NoteHistoryChange[]): void {
  if (notes.length === 0) return;
  const store = noteStore(db);
  db.transaction(() => notes.forEach(store))();
}

/** Stores the rest of what a build published, in one transaction: the note rows not yet stored and the packages written. */
export function saveBuild(db: Db, outDir: string, notes: readonly NoteHistoryChange[], packages: readonly PackageRecord[]): void {
  const store = noteStore(db);
  const deletePackages = db.prepare('DELETE FROM build_packages WHERE out_dir = ?');
  const insertPackage = db.prepare('INSERT INTO build_packages (out_dir, key, file, sha256) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    notes.forEach(store);
    deletePackages.run(outDir);
    for (const p of packages) insertPackage.run(outDir, p.key, p.file, p.sha256);
  })();
}

/** Stores one row, inside the caller's transaction: the guid's row in its former package goes. */
function noteStore(db: Db): (n: NoteHistoryChange) => void {
  // One row a statement: a multi-row upsert was slower (see bench/).
  const upsert = db.prepare(
    `INSERT INTO build_notes (package, guid, note_id, hash, mod, first_seen, present) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(package, guid) DO UPDATE SET note_id = excluded.note_id, hash = excluded.hash,
       mod = excluded.mod, first_seen = excluded.first_seen, present = excluded.present`,
  );
  const leave = db.prepare('DELETE FROM build_notes WHERE package = ? AND guid = ?');
  return (n) => {
    if (n.movedFrom !== undefined) leave.run(n.movedFrom, n.guid);
    upsert.run(n.pkg, n.guid, n.noteId, n.hash, n.mod, n.firstSeen, n.present ? 1 : 0);
  };
}

/**
 * The build history as the last build left it, opened read-only: without the
 * whole-file integrity check and the migrations of `openStateDatabase`, which
 * the connection the build writes with runs. None (so nothing is carried over)
 * when there is no history yet, or one of another schema version, or it cannot
 * be read — that connection then reports the problem.
 */
export function peekBuildHistory(statePath: string): Db | undefined {
  return peekStateDatabase(statePath, BUILD_MIGRATIONS);
}

/**
 * The package, among `packages`, whose present notes hold a guid, or undefined.
 * The rows are keyed by package first, so the packages that may hold it are named.
 */
export function presentPackageOf(db: Db): (guid: string, packages: readonly string[]) => string | undefined {
  const query = db.prepare<[string, string], { package: string }>(
    'SELECT package FROM build_notes WHERE guid = ? AND present = 1 AND package IN (SELECT value FROM json_each(?))',
  );
  let named: readonly string[] | undefined;
  let json = '';
  return (guid, packages) => {
    if (packages !== named) {
      named = packages;
      json = JSON.stringify(packages);
    }
    return query.get(guid, json)?.package;
  };
}
