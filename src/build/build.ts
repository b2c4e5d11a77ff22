import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { imagePaths, type NoteResult, type NoteWarning } from '../card.js';
import { UserError, messageOf } from '../errors.js';
import { removeAbandonedTempFiles } from '../fs/abandoned.js';
import { writeFileAtomic } from '../fs/atomic.js';
import { createFolder } from '../fs/mkdir.js';
import { specialKind } from '../fs/special-kind.js';
import { openStateDatabase, type Db } from '../store/database.js';
import { cardOrdinals, writeApkg, type PackageMedia, type PackageScheduling } from '../anki/index.js';
import { BUILD_MIGRATIONS, loadNoteHistory, loadPackageRecords, maxNoteId, saveBuild, saveNoteHistory, type PackageRecord } from './history.js';
import { BuildPlanner, type PlannedNote } from './plan.js';
import { CardPreparer, packageKeyOf, type PackageOf } from './prepare.js';

/** What a build reads: the vault as `loadVault` returns it. */
export interface BuildInput {
  root: string;
  /**
   * Read once, in vault order, and may be asynchronous: a cold build hands
   * each note over as soon as a worker has extracted it (an incremental build
   * one at a time, to save memory).
   */
  notes: Iterable<NoteResult> | AsyncIterable<NoteResult>;
  /**
   * How many notes of each package `notes` will give: a package is assembled
   * and written as soon as its last note is read, while later ones may still
   * be parsed. Packages not listed are written when `notes` ends.
   */
  expected?: ReadonlyMap<string, number>;
  warnings: readonly NoteWarning[];
  /**
   * Packages carried over unchanged from the last build into this folder
   * (incremental builds: src/build/incremental-build.ts decides which). Their
   * notes are not in `notes`; their files and build history stay as they are.
   */
  reuse?: readonly { key: string; sha256: string }[];
  /**
   * The content keys of the notes of the packages carried over (note path →
   * `contentKeysText` of its cards), or those of them a packed card may have:
   * which of two notes' copies of a card is left out depends on both, in vault
   * order, even when only one is packed.
   */
  reusedContents?: ReadonlyMap<string, string>;
  /**
   * Files and folders (relative to the root; `.` for the root) that could not
   * be read, of packages no note of which is in `notes`. Unreadable is not gone:
   * those packages are kept as the last build left them, file and build history.
   */
  unreadable?: readonly string[];
}

export interface BuildOptions {
  /** Folder the packages go to; created if missing. */
  outDir: string;
  /** The study database holding the build history. */
  statePath: string;
  now: Date;
  /**
   * Waits until the clock reads `ms`: a note changed again within the second
   * of its last `mod` gets `mod` = previous + 1 (it must rise for Anki to take
   * it), which is ahead of `now`, and the format wants no `mod` in the future.
   * Without it, such a package is written at once (an explicit clock).
   */
  waitUntil?: (ms: number) => Promise<void>;
  /** `--with-progress`: cards listed here are written as review cards with their review log (src/progress/). */
  scheduling?: PackageScheduling | undefined;
  /** Told the guids the last build published that this one retires (their note is gone or no longer makes them). */
  onRetired?: (guids: readonly string[]) => void;
  /** The package of each note (default: one per top-level folder or note). */
  packageOf?: PackageOf;
  /** Cards that repeat an earlier note's question and answer are packed too (the setting `keep: duplicate`). */
  keepDuplicates?: boolean;
  /**
   * The study database at `statePath`, already opened with the build history's
   * migrations (`buildVault` holds it for the renames): its whole-file check is
   * then made once a build, not twice. Left open. Without it, it is opened and closed here.
   */
  db?: Db;
}

export interface PackageReport {
  /** Package key: the top-level folder or note it comes from. */
  key: string;
  /** Path of the `.apkg`. */
  file: string;
  /** Whether the file was (re)written; false when its bytes were already identical. */
  written: boolean;
  notes: number;
  cards: number;
  media: number;
  added: number;
  changed: number;
  unchanged: number;
  /** Notes the last build put into this package that are gone from it. */
  removed: number;
}

export interface RemovedPackageReport {
  key: string;
  file: string;
  /** Notes it held at the last build. */
  removed: number;
  /** True if the stale package was deleted: only a file with exactly the bytes flashmark wrote is. */
  deleted: boolean;
}

/** A package that could not be written; the build goes on with the others, then fails. */
export interface FailedPackageReport {
  key: string;
  file: string;
  message: string;
}

/** A package of the last build kept as it was, because notes of it could not be read. */
export interface KeptPackageReport {
  key: string;
  file: string;
  /** What could not be read (`.`: the notes folder, or no note in it at all). */
  unreadable: string[];
}

/** A note (a flashmark card) gone from the notes since the last build: its Anki guid, and the package it was in. */
export interface RemovedNote {
  guid: string;
  package: string;
}

export interface BuildReport {
  outDir: string;
  packages: PackageReport[];
  removedPackages: RemovedPackageReport[];
  /** Notes gone from the notes since the last build (not those that moved to another package). */
  removedNotes: RemovedNote[];
  /** Packages left as the last build wrote them because what they are made from could not be read; the build then fails. */
  keptPackages: KeptPackageReport[];
  /** Packages that could not be written (the last build's file, if any, left as it was); the build then fails. */
  failedPackages: FailedPackageReport[];
  warnings: NoteWarning[];
}

/**
 * `flashmark build`: one `.apkg` per top-level folder or note, each written
 * atomically and only when its bytes change. Note ids and `mod`s come from the
 * build history in the study database, so unchanged notes give byte-identical
 * packages and edited notes a higher `mod`. A package's notes' history is saved
 * once the package is on disk, the rest (notes that left, the packages written)
 * once every package is: a build killed half-way leaves complete packages (old
 * or new), each package's notes with the history it was written with.
 */
export async function buildPackages(input: BuildInput, options: BuildOptions): Promise<BuildReport> {
  const outDir = resolve(options.outDir);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new UserError(`-o: not a folder: ${options.outDir} (give the folder the .apkg files go to)`);
  }
  const warnings: NoteWarning[] = [...input.warnings];
  const db = options.db ?? openStateDatabase(options.statePath, [BUILD_MIGRATIONS]);
  try {
    createOutDir(options.outDir, outDir);
    removeAbandonedPackages(outDir);
    const previous = loadPackageRecords(db, outDir);
    const kept = keptPackages(previous, input.unreadable ?? [], options.packageOf ?? packageKeyOf);
    const reused = new Set([...(input.reuse ?? []).map((r) => r.key), ...kept.map((k) => k.record.key)]);
    const planner = new BuildPlanner(loadNoteHistory(db, reused), options.now.getTime(), reused, maxNoteId(db) + 1);
    const packageOf = options.packageOf ?? packageKeyOf;
    const cards = new CardPreparer(input.root, warnings, packageOf, options.keepDuplicates, input.reusedContents);
    const planned = new Map<string, PlannedNote[]>();
    const packages: PackageReport[] = [];
    const records: PackageRecord[] = [];
    const failed: FailedPackageReport[] = [];
    const history = new HistoryWriter(db, options.statePath, packages);
    const publish = async (key: string): Promise<void> => {
      const notes = planned.get(key);
      if (!notes) return; // its notes made no cards: no package
      planned.delete(key);
      const file = join(outDir, `${key}.apkg`);
      let published;
      try {
        published = await publishPackage(file, key, notes, cards.media, options);
      } catch (error) {
        // One package that cannot be written (a full disk, a name too long) does not stop the others;
        // its notes' history is not stored, and the package the last build wrote stays.
        planner.takeRows(key);
        failed.push({ key, file, message: messageOf(error) });
        return;
      }
      packages.push(published.report);
      records.push(published.record);
      // Stored now, not with the rest at the end, so a cold build does not spend its last second on 280,000 rows.
      history.write(() => saveNoteHistory(db, planner.takeRows(key)));
    };
    const left = new Map(input.expected);
    for await (const result of input.notes) {
      for (const note of cards.prepare(result)) {
        const plan = planner.plan(note);
        const group = planned.get(plan.pkg);
        if (group) group.push(plan);
        else planned.set(plan.pkg, [plan]);
      }
      const key = packageOf(result.file);
      const count = left.get(key);
      if (count !== undefined) left.set(key, count - 1);
      if (count === 1) await publish(key);
    }
    for (const key of [...planned.keys()]) await publish(key);

    const { removed, history: rows, retired } = planner.finish();
    options.onRetired?.(retired);
    const removedFrom = new Map<string, number>();
    for (const h of removed) removedFrom.set(h.pkg, (removedFrom.get(h.pkg) ?? 0) + 1);
    for (const p of packages) p.removed = removedFrom.get(p.key) ?? 0;
    for (const r of input.reuse ?? []) records.push({ key: r.key, file: join(outDir, `${r.key}.apkg`), sha256: r.sha256 });
    records.push(...kept.map((k) => k.record));
    const failedKeys = new Set(failed.map((f) => f.key));
    records.push(...previous.filter((r) => failedKeys.has(r.key)));
    const built = new Set(packages.map((p) => p.key));
    const removedPackages = retireMissingPackages(previous, new Set([...built, ...reused, ...failedKeys]), removed);
    history.write(() => saveBuild(db, outDir, rows, records));
    const keptReports = kept.map(({ record, unreadable }) => ({ key: record.key, file: record.file, unreadable }));
    const gone = new Set(retired);
    const removedNotes = removed.filter((h) => gone.has(h.guid)).map((h) => ({ guid: h.guid, package: h.pkg }));
    return {
      outDir,
      packages: packages.sort((a, b) => compareKeys(a.key, b.key)),
      removedPackages,
      removedNotes: removedNotes.sort((a, b) => compareKeys(a.package, b.package) || compareKeys(a.guid, b.guid)),
      keptPackages: keptReports,
      failedPackages: failed,
      warnings,
    };
  } finally {
    if (!options.db) db.close();
  }
}

/**
 * Writes one package's `.apkg` (when its bytes differ from the file's) once
 * its `mod`s are no longer ahead of the clock. Its `removed` count is filled
 * in when the whole build is planned.
 */
async function publishPackage(
  file: string,
  key: string,
  notes: readonly PlannedNote[],
  media: ReadonlyMap<string, PackageMedia>,
  options: BuildOptions,
): Promise<{ report: PackageReport; record: PackageRecord }> {
  const newestMs = notes.reduce((max, n) => Math.max(max, n.mod), 0) * 1000;
  if (newestMs > options.now.getTime()) await options.waitUntil?.(newestMs);
  refuseSpecialFile(file);
  const packageMedia = mediaOf(notes, media);
  const bytes = await writeApkg({ notes, media: packageMedia, deckFallback: key, ...(options.scheduling ? { scheduling: options.scheduling } : {}) });
  const written = !sameBytes(file, bytes);
  // A failure (a full disk) is reported by the caller with the file's name.
  if (written) writeFileAtomic(file, bytes);
  const report: PackageReport = {
    key,
    file,
    written,
    notes: notes.length,
    cards: notes.reduce((sum, n) => sum + cardOrdinals(n).length, 0),
    media: packageMedia.length,
    added: notes.filter((n) => n.status === 'added').length,
    changed: notes.filter((n) => n.status === 'changed').length,
    unchanged: notes.filter((n) => n.status === 'unchanged').length,
    removed: 0,
  };
  return { report, record: { key, file, sha256: sha256(bytes) } };
}

/**
 * Writes to the build history. A write that fails (a full disk) ends the
 * build with one line naming the study database and the packages already
 * written, whose history is stored: the next build finds them unchanged, so
 * this is the only report of them.
 */
class HistoryWriter {
  constructor(
    private readonly db: Db,
    private readonly path: string,
    private readonly written: readonly PackageReport[],
  ) {}

  write(work: () => void): void {
    try {
      work();
    } catch (error) {
      const files = this.written.filter((p) => p.written).map((p) => p.file);
      const before = files.length > 0 ? `; written before it: ${files.join(', ')}` : '';
      throw new UserError(`cannot write the build history to the study database ${this.path}: ${messageOf(error)}${before}`);
    }
  }
}

/** The last build's packages that something unreadable belongs to (all of them when the root is). */
function keptPackages(previous: readonly PackageRecord[], unreadable: readonly string[], packageOf: PackageOf): { record: PackageRecord; unreadable: string[] }[] {
  return previous.flatMap((record) => {
    const causes = unreadable.filter((path) => path === '.' || packageOf(path) === record.key);
    return causes.length > 0 ? [{ record, unreadable: causes }] : [];
  });
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Creates the output folder and its missing parents (see createFolder), or says why it cannot. */
function createOutDir(given: string, outDir: string): void {
  try {
    createFolder(outDir);
  } catch (error) {
    throw new UserError(`-o: cannot create the folder ${given}: ${messageOf(error)}`);
  }
  if (!statSync(outDir).isDirectory()) throw new UserError(`-o: not a folder: ${given} (give the folder the .apkg files go to)`);
}

/**
 * A build killed while writing a package leaves its temporary file (see
 * writeFileAtomic) next to the intact previous package; the next build removes
 * those whose process is gone.
 */
function removeAbandonedPackages(outDir: string): void {
  removeAbandonedTempFiles(outDir, /^\..+\.apkg\.(\d+)\.\d+\.tmp$/);
}

/** The media files the notes' fields refer to (`<img src="NAME">`). */
function mediaOf(notes: readonly PlannedNote[], media: ReadonlyMap<string, PackageMedia>): PackageMedia[] {
  if (media.size === 0) return []; // no image packed: the fields need no search (59,000 of them in a 38,000-card package)
  const used = new Map<string, PackageMedia>();
  for (const note of notes) {
    for (const field of [note.fields[0], note.fields[1]]) { // images are only in the question and the answer
      for (const name of imagePaths(field)) {
        const file = media.get(name);
        if (file) used.set(name, file);
      }
    }
  }
  return [...used.values()];
}

/**
 * An output path must be a regular file or absent: reading a FIFO there to
 * compare bytes would block forever, and a link to `/dev/zero` never ends.
 */
function refuseSpecialFile(file: string): void {
  const kind = specialKind(file, false);
  if (kind !== undefined) throw new UserError(`it is ${kind}, not a regular file; remove it to let the build write the package there`);
}


function sameBytes(file: string, bytes: Uint8Array): boolean {
  try {
    return Buffer.from(bytes).equals(readFileSync(file));
  } catch {
    return false;
  }
}

/**
 * Packages the last build wrote into this folder whose top-level folder or
 * note is gone. The stale `.apkg` is deleted only if it still has exactly the
 * bytes flashmark wrote (so a file the user replaced is left alone); Anki keeps
 * the cards already imported from it either way.
 */
function retireMissingPackages(
  previous: readonly PackageRecord[],
  current: ReadonlySet<string>,
  removedNotes: readonly { pkg: string }[],
): RemovedPackageReport[] {
  return previous
    .filter((record) => !current.has(record.key))
    .map((record) => {
      let deleted = false;
      try {
        if (specialKind(record.file, false) === undefined && sha256(readFileSync(record.file)) === record.sha256) {
          rmSync(record.file);
          deleted = true;
        }
      } catch {
        // already gone or unreadable: nothing to delete
      }
      return { key: record.key, file: record.file, removed: removedNotes.filter((n) => n.pkg === record.key).length, deleted };
    });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
