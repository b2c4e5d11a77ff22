import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NoteResult, NoteWarning } from '../card.js';
import type { PackageScheduling } from '../anki/index.js';
import { buildPackages, packageKeyOf, type BuildReport, type PackageReport } from './index.js';
import type { PackageOf } from './prepare.js';
import { loadPackageRecords, peekBuildHistory, presentPackageOf } from './history.js';
import { MediaReader } from './media.js';
import type { Db } from '../store/database.js';
import type { ExtractionCache } from '../vault/cache.js';
import type { LoadedNote, LoadedVault, LoadingVault } from '../vault/incremental.js';
import { CONTENT_KEY_DIGITS, contentKeysText } from '../vault/same-content.js';

/**
 * Incremental builds: a package whose inputs are exactly those of its last
 * build is neither re-assembled nor re-read — its notes' cached results are
 * not even decoded. `buildPackages` then gets only the other packages' notes
 * and is told which packages to carry over (`reuse`).
 *
 * A package is carried over when all of these hold; otherwise it is rebuilt
 * from its notes (cached results or fresh extraction):
 * - the same notes, each with the same text hash (and the cache is for this
 *   tool version and these extraction options: see cache.ts);
 * - every image its cards refer to, found as the package writer finds it
 *   (media.ts), has the same size, mtime and inode;
 * - its `.apkg` is still on disk with the size and mtime the last build left,
 *   and the build history in the study database records the same bytes
 *   (sha256) for it — a deleted or replaced study database rebuilds all;
 * - the last build went into the same output folder (a build elsewhere may
 *   have moved `mod`s in the shared build history);
 * - no card of it shares an identity with a card of another package (which
 *   one wins depends on both; such packages are always rebuilt together);
 * - unless repeated cards are kept, no card of it asks and answers what a
 *   card of a note added, changed or gone since the last build does (which
 *   copy is left out depends on both: same-content.ts); its other cards' keys
 *   are claimed by the build in vault order beside the notes it packs.
 */
interface CarryOverRecord {
  /** Hash of the package key and its notes' paths and text hashes. */
  fingerprint: string;
  /** Empty for a package whose notes make no cards (nothing written). */
  sha256: string;
  size: number;
  mtimeMs: number;
  /** Image path as the cards write it (relative to the notes root) → stat signature of the file it leads to. */
  media: Record<string, string>;
  /** The report of its last build; carried over as "all unchanged". */
  report: PackageReport | null;
  /** Warnings of its notes at that build, by file, in order. */
  warnings: NoteWarning[];
  entangled: boolean;
}

/** A package's notes at its last build, kept apart from its record (cache.ts): each note's path → its hash and its cards' content keys (contentKeysText). */
type PackageContents = Record<string, [hash: string, keys: string]>;

export interface IncrementalBuildOptions {
  outDir: string;
  statePath: string;
  now: Date;
  /** See BuildOptions. */
  waitUntil?: ((ms: number) => Promise<void>) | undefined;
  cache: ExtractionCache;
  /** `build --with-progress`: package bytes then depend on the study database too, so nothing is carried over. */
  scheduling?: PackageScheduling | undefined;
  onRetired?: (guids: readonly string[]) => void;
  /** The package of each note (default: one per top-level folder or note). */
  packageOf?: PackageOf;
  /** See BuildOptions. */
  keepDuplicates?: boolean;
  /** See BuildOptions. */
  db?: Db;
}

export interface IncrementalBuildResult {
  report: BuildReport;
  /** Packages carried over without being assembled. */
  reused: number;
}

const LAST_OUT_DIR = 'last_out_dir';

/**
 * Builds the vault's packages. Nothing carried over when nothing was built into
 * this folder before (a cold build): the packages are then assembled while
 * the workers still parse, each as soon as its notes are in. Otherwise the
 * choice of what to carry over needs every fresh note's cards first.
 */
export async function buildIncrementally(vault: LoadingVault, options: IncrementalBuildOptions): Promise<IncrementalBuildResult> {
  const outDir = resolve(options.outDir);
  const { cache } = options;
  const packageOf = options.packageOf ?? packageKeyOf;
  const groups = groupByPackage(vault.notes, packageOf);
  const stored = cache.meta(LAST_OUT_DIR) === outDir && !options.scheduling ? cache.packageRecords(outDir) : new Map<string, string>();
  const reused = new Map<string, CarryOverRecord>();
  let reusedContents = new Map<string, string>();
  let published = new Map<string, string>();
  if (stored.size > 0) await vault.extraction;
  const db = stored.size > 0 ? peekBuildHistory(options.statePath) : undefined;
  if (db) {
    try {
      published = new Map(loadPackageRecords(db, outDir).map((r) => [r.key, r.sha256]));
      const images = new MediaReader(vault.root);
      const records = new Map([...stored].map(([key, json]) => [key, JSON.parse(json) as CarryOverRecord]));
      for (const [key, notes] of groups) {
        const record = records.get(key);
        if (record && canReuse(record, key, notes, images, published)) reused.set(key, record);
      }
      releaseEntangled(groups, reused, db);
      if (!options.keepDuplicates) reusedContents = releaseRepeated(groups, records, reused, () => cache.packageContents(outDir));
    } finally {
      db.close();
    }
  }

  const facts: LoadedFacts = { media: new Map(), entangled: new Set(), contents: new Map() };
  const allPublishedStillHere = [...published.keys()].every((key) => reused.get(key)?.report);
  let report: BuildReport;
  if (reused.size === groups.size && allPublishedStillHere) {
    report = { outDir, packages: [], removedPackages: [], removedNotes: [], keptPackages: [], failedPackages: [], warnings: [...vault.warnings] };
  } else {
    report = await buildPackages(
      {
        root: vault.root,
        notes: resultsOf(groups, reused, vault.root, facts),
        expected: new Map([...groups].filter(([key]) => !reused.has(key)).map(([key, notes]) => [key, notes.length])),
        warnings: vault.warnings,
        unreadable: unreadableWithoutNotes(vault.warnings, groups, packageOf),
        reuse: [...reused.values()].flatMap((r) => (r.report ? [{ key: r.report.key, sha256: r.sha256 }] : [])),
        reusedContents,
      },
      {
        outDir: options.outDir, statePath: options.statePath, now: options.now, scheduling: options.scheduling,
        ...(options.waitUntil ? { waitUntil: options.waitUntil } : {}), ...(options.onRetired ? { onRetired: options.onRetired } : {}), packageOf,
        keepDuplicates: options.keepDuplicates ?? false, ...(options.db ? { db: options.db } : {}),
      },
    );
  }
  await vault.extraction; // settled by now (every note was taken); its cache update must be done before the records
  report = mergeReused(report, reused, vault);
  // Before the records: a record never names a package whose content keys are older than it.
  const rebuilt = new Map([...facts.contents].map(([key, contents]) => [key, JSON.stringify(contents)]));
  cache.savePackageContents(outDir, rebuilt, new Set(groups.keys()));
  // Packages with review progress in them must never be carried over into a build without it.
  cache.savePackageRecords(outDir, options.scheduling ? new Map() : recordsAfter(report, groups, reused, facts));
  cache.setMeta(LAST_OUT_DIR, outDir);
  return { report, reused: reused.size };
}

/**
 * What could not be read, for packages none of whose notes could: such a
 * package is kept, not retired (a package with readable notes is rebuilt from
 * them, the unreadable one warned about). No note at all, with packages built
 * before, is a folder not there yet (a mount, a sync) more often than a wish to delete them.
 */
function unreadableWithoutNotes(warnings: readonly NoteWarning[], groups: ReadonlyMap<string, unknown>, packageOf: PackageOf): string[] {
  const paths = warnings.filter((w) => w.kind === 'unreadable' && !groups.has(packageOf(w.file))).map((w) => w.file);
  return groups.size === 0 ? [...paths, '.'] : paths;
}

function groupByPackage(notes: readonly LoadedNote[], packageOf: PackageOf): Map<string, LoadedNote[]> {
  const groups = new Map<string, LoadedNote[]>();
  for (const note of notes) {
    const key = packageOf(note.file);
    const group = groups.get(key);
    if (group) group.push(note);
    else groups.set(key, [note]);
  }
  return groups;
}

function fingerprintOf(key: string, notes: readonly LoadedNote[]): string {
  const hash = createHash('sha256').update(key);
  for (const note of notes) hash.update(`\0${note.file}\0${note.hash}`);
  return hash.digest('base64url');
}

/**
 * A card of a package being rebuilt whose identity the build history places in
 * a package about to be carried over: the two packages compete for it, so the
 * other one is rebuilt too (repeated until no such card is left). Only notes
 * parsed in this run can bring such a card: a conflict among notes seen before
 * was found when it arose, and both packages were then marked entangled.
 * Released packages are checked whole, since none of their notes may be fresh.
 */
function releaseEntangled(groups: ReadonlyMap<string, readonly LoadedNote[]>, reused: Map<string, CarryOverRecord>, db: Db): void {
  const packageOf = presentPackageOf(db);
  const checked = new Set<string>();
  const releasedKeys = new Set<string>();
  let released = true;
  while (released && reused.size > 0) {
    released = false;
    const candidates = [...reused.keys()];
    for (const [key, notes] of groups) {
      if (reused.has(key) || checked.has(key)) continue;
      checked.add(key);
      for (const note of notes) {
        if (!note.fresh && !releasedKeys.has(key)) continue;
        for (const card of note.result().cards) {
          const other = packageOf(card.id, candidates);
          if (other !== undefined && other !== key && reused.delete(other)) {
            released = true;
            releasedKeys.add(other);
          }
        }
      }
    }
  }
}

/**
 * Packages about to be carried over that have a card with the content of a
 * card of a note added, changed or gone since the last build: which copy is
 * first, and so which is left out, may have changed for them, so they are
 * rebuilt too. Notes that did not change claim what they claimed before, so
 * no more is released. Returns, by note, the content keys of the notes still
 * carried over that a note packed also has (only those can decide which copy
 * of a packed card is first), which the build claims in vault order beside
 * the notes it packs (`BuildInput.reusedContents`). Only the notes added or
 * changed are decoded, the others' keys are those stored at the last build
 * (`stored`), and nothing is read when every package is carried over.
 */
function releaseRepeated(
  groups: ReadonlyMap<string, readonly LoadedNote[]>,
  records: ReadonlyMap<string, CarryOverRecord>,
  reused: Map<string, CarryOverRecord>,
  stored: () => ReadonlyMap<string, string>,
): Map<string, string> {
  const rebuilt = [...new Set([...groups.keys(), ...records.keys()])].filter((key) => !reused.has(key));
  if (reused.size === 0 || rebuilt.length === 0) return new Map();
  const contents = stored();
  const before = (key: string): PackageContents => JSON.parse(contents.get(key) ?? '{}') as PackageContents;
  const held = new Set<string>();
  const packed = new Set<string>();
  for (const key of rebuilt) {
    const known = before(key);
    const present = new Set<string>();
    for (const note of groups.get(key) ?? []) {
      present.add(note.file);
      const last = known[note.file];
      if (last?.[0] === note.hash) {
        addKeys(packed, last[1]);
        continue;
      }
      const keys = contentKeysText(note.result().cards);
      addKeys(held, keys);
      addKeys(packed, keys);
      if (last) addKeys(held, last[1]);
    }
    for (const [file, [, keys]] of Object.entries(known)) if (!present.has(file)) addKeys(held, keys);
  }
  const carried: [file: string, keys: string, shared: string][] = [];
  let released = false;
  for (const key of [...reused.keys()]) {
    // A package without stored keys (its last build stopped before they were saved) has its notes' read.
    const notes: [string, string][] = contents.has(key)
      ? Object.entries(before(key)).map(([file, [, keys]]) => [file, keys])
      : (groups.get(key) ?? []).map((note) => [note.file, contentKeysText(note.result().cards)]);
    const shared = notes.map(([, text]) => sharedUnlessHeld(text, held, packed));
    if (shared.includes(undefined)) {
      reused.delete(key);
      released = true;
      for (const [, text] of notes) addKeys(packed, text);
    } else notes.forEach(([file, text], n) => carried.push([file, text, shared[n]!]));
  }
  const seeds = new Map<string, string>();
  for (const [file, text, shared] of carried) {
    // A package released after this note was read packs keys it may share too.
    const kept = released ? keysIn(packed, text) : shared;
    if (kept !== '') seeds.set(file, kept);
  }
  return seeds;
}

/** Adds each content key of a note's `contentKeysText`. */
function addKeys(keys: Set<string>, text: string): void {
  for (let at = 0; at < text.length; at += CONTENT_KEY_DIGITS) keys.add(text.slice(at, at + CONTENT_KEY_DIGITS));
}

/** The content keys of a note's `contentKeysText` that are in `keys`, in order, as one string. */
function keysIn(keys: ReadonlySet<string>, text: string): string {
  let found = '';
  for (let at = 0; at < text.length; at += CONTENT_KEY_DIGITS) {
    const key = text.slice(at, at + CONTENT_KEY_DIGITS);
    if (keys.has(key)) found += key;
  }
  return found;
}

/** `keysIn(packed, text)`, read in the same pass as the search for a key in `held`: undefined when there is one. */
function sharedUnlessHeld(text: string, held: ReadonlySet<string>, packed: ReadonlySet<string>): string | undefined {
  let found = '';
  for (let at = 0; at < text.length; at += CONTENT_KEY_DIGITS) {
    const key = text.slice(at, at + CONTENT_KEY_DIGITS);
    if (held.has(key)) return undefined;
    if (packed.has(key)) found += key;
  }
  return found;
}

/** Packages carried over, reported as a full build would report them: every note unchanged, nothing written. */
function mergeReused(report: BuildReport, reused: ReadonlyMap<string, CarryOverRecord>, vault: LoadedVault): BuildReport {
  const carried = [...reused.values()].flatMap((r) =>
    r.report ? [{ ...r.report, written: false, added: 0, changed: 0, unchanged: r.report.notes, removed: 0 }] : [],
  );
  const packages = [...report.packages, ...carried].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // Warnings as a full build orders them: the scan's first, then note by note in vault order.
  const order = new Map(vault.notes.map((n, i) => [n.file, i]));
  const noteWarnings = [...report.warnings.slice(vault.warnings.length), ...[...reused.values()].flatMap((r) => r.warnings)];
  const rank = (w: NoteWarning): number => order.get(w.file) ?? order.size;
  const sorted = noteWarnings.map((w, i) => ({ w, i })).sort((a, b) => rank(a.w) - rank(b.w) || a.i - b.i);
  return { ...report, packages, warnings: [...vault.warnings, ...sorted.map(({ w }) => w)] };
}

/** What the next build compares against: a record per package key of the vault. */
function recordsAfter(
  report: BuildReport,
  groups: ReadonlyMap<string, readonly LoadedNote[]>,
  reused: ReadonlyMap<string, CarryOverRecord>,
  facts: LoadedFacts,
): Map<string, string> {
  const reports = new Map(report.packages.map((p) => [p.key, p]));
  const failed = new Set(report.failedPackages.map((f) => f.key));
  const records = new Map<string, string>();
  for (const [key, notes] of groups) {
    if (failed.has(key)) continue; // not written: no record, built next time
    const kept = reused.get(key);
    if (kept) {
      records.set(key, JSON.stringify(kept));
      continue;
    }
    const files = new Set(notes.map((n) => n.file));
    const built = reports.get(key);
    const record: CarryOverRecord = {
      fingerprint: fingerprintOf(key, notes),
      sha256: '',
      size: 0,
      mtimeMs: 0,
      media: facts.media.get(key) ?? {},
      report: built ?? null,
      warnings: report.warnings.filter((w) => files.has(w.file)),
      entangled: facts.entangled.has(key),
    };
    if (built) {
      try {
        const bytes = readFileSync(built.file);
        const s = statSync(built.file);
        Object.assign(record, { sha256: createHash('sha256').update(bytes).digest('hex'), size: s.size, mtimeMs: s.mtimeMs });
      } catch {
        continue; // gone already: no record, rebuilt next time
      }
    }
    records.set(key, JSON.stringify(record));
  }
  return records;
}

interface LoadedFacts {
  /** Package key → image path → stat signature, for the packages being rebuilt. */
  media: Map<string, Record<string, string>>;
  /** Packages (among those rebuilt) that share a card identity with another package. */
  entangled: Set<string>;
  /** Package key → its notes' hashes and content keys, for the packages being rebuilt. */
  contents: Map<string, PackageContents>;
}

/**
 * The results of the packages being rebuilt, package by package, each as soon
 * as it is extracted, handed over one at a time and let go of once taken. On
 * the way, what their records need from their cards goes into `facts` (one
 * pass: decoding every result twice cost a second at 10,000 notes). An
 * image's signature is taken before the build reads it, so an image changed
 * during the build is seen as changed next time.
 */
async function* resultsOf(
  groups: ReadonlyMap<string, readonly LoadedNote[]>,
  reused: ReadonlyMap<string, unknown>,
  root: string,
  facts: LoadedFacts,
): AsyncGenerator<NoteResult> {
  const owner = new Map<string, string>();
  const images = new MediaReader(root);
  for (const [key, notes] of groups) {
    if (reused.has(key)) continue;
    const media: Record<string, string> = {};
    facts.media.set(key, media);
    const contents: PackageContents = {};
    facts.contents.set(key, contents);
    for (const note of notes) {
      await note.ready;
      const result = note.result();
      contents[note.file] = [note.hash, contentKeysText(result.cards)];
      for (const card of result.cards) {
        const first = owner.get(card.id);
        if (first === undefined) owner.set(card.id, key);
        else if (first !== key) facts.entangled.add(first).add(key);
        for (const path of card.media) media[path] ??= imageSignature(join(root, images.locate(path)));
      }
      yield result;
      note.release();
    }
  }
}

function imageSignature(path: string): string {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return 'missing';
  }
}

function canReuse(
  record: CarryOverRecord,
  key: string,
  notes: readonly LoadedNote[],
  images: MediaReader,
  published: ReadonlyMap<string, string>,
): boolean {
  if (record.entangled || record.fingerprint !== fingerprintOf(key, notes)) return false;
  for (const [path, signature] of Object.entries(record.media)) if (imageSignature(join(images.root, images.locate(path))) !== signature) return false;
  if (!record.report) return !published.has(key);
  if (published.get(key) !== record.sha256) return false;
  try {
    const s = statSync(record.report.file);
    return s.size === record.size && s.mtimeMs === record.mtimeMs;
  } catch {
    return false;
  }
}
