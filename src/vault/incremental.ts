import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { NoteResult, NoteWarning } from '../card.js';
import { cardOptionsOf, resolveExtractOptions, type ExtractOptions } from '../extract/index.js';
import { findNoteFiles, problemOf, readNoteBytes, type IgnoredNote, type NoteFailure } from '../scan/index.js';
import type { ExtractionCache, KnownNote } from './cache.js';
import { startExtraction, type NoteSource, type PoolOptions } from './pool.js';
import { resultFromStoredJson, storedResultJson } from './stored-result.js';
import { withVaultName } from './vault-name.js';

/** A note of the vault with its extraction result, decoded from JSON only when asked for. */
export interface LoadedNote {
  file: string;
  /** Hash of the note's bytes: its cache key. */
  hash: string;
  /** Parsed in this run (not taken from the cache). */
  fresh: boolean;
  /** Settles when `result` may be called: at once for a note from the cache, when a worker has extracted a fresh one. */
  ready: Promise<void>;
  result(): NoteResult;
  /** The result as the cache keeps it (stored-result.ts), as UTF-8 bytes, not decoded: what `cards --json` prints from. */
  storedBytes(): Uint8Array;
  /** Lets go of the decoded result (read again from the cache if asked for), so a large build holds few at a time. */
  release(): void;
}

export interface LoadedVault {
  root: string;
  /** Every note that could be read, sorted by file, as in `loadVault`. */
  notes: LoadedNote[];
  /** Scan-level warnings, as `loadVault` reports them. */
  warnings: NoteWarning[];
  /** Notes the settings' `ignore` patterns left out. */
  ignored: IgnoredNote[];
  /** How many notes were parsed in this run; the others came from the cache. */
  extracted: number;
}

/** A vault whose fresh notes are still being extracted: each note's `ready` says when its result is in. */
export interface LoadingVault extends LoadedVault {
  /** Settles when every fresh note is extracted and the cache is up to date; rejects if the extraction fails. */
  extraction: Promise<void>;
  /**
   * When notes are gone since the cache last saw them and others arrived
   * (a rename, say): the gone notes' results, read before the cache forgets
   * them, and the arrived notes' files. Empty otherwise.
   */
  departed: NoteResult[];
  arrived: string[];
}

export interface LoadOptions {
  extract?: Partial<ExtractOptions>;
  /** Where unchanged notes' results are kept; without one every note is parsed. */
  cache?: ExtractionCache;
  /** Worker threads for parsing (default: the cores available). */
  threads?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

/**
 * The vault as `loadVault` reads it, made fast: a note whose bytes are those
 * the cache last saw is not parsed again, and the notes that must be parsed
 * are spread over worker threads (pool.ts). Same notes, cards and warnings,
 * in the same order, as `loadVault`. Returns once the notes are read: the
 * fresh ones are extracted meanwhile (`extraction`, each note's `ready`), so a
 * build can assemble the packages whose notes are in while the workers parse
 * the rest (build/build-vault.ts).
 */
export async function startLoadingVault(root: string, options: LoadOptions = {}): Promise<LoadingVault> {
  const extract = resolveExtractOptions(withVaultName(root, options.extract));
  const { cache } = options;
  const { files, warnings, ignored } = await findNoteFiles(root, extract.ignore);
  const known = cache?.known() ?? new Map<string, KnownNote>();
  const notes: LoadedNote[] = [];
  const stale: Stale[] = [];
  const restat = new Map<string, string>();
  const startedMs = Date.now();
  const handOff = new HandOff(cache ? HAND_OFF_CHARS : Infinity);
  // Started before the notes are read: workers parse the first notes while the rest are read.
  const extraction = startExtraction(cardOptionsOf(extract), poolOptions(options), (batch) => {
    const arrived = batch.map(({ index, json }) => ({ ...stale[index]!, json }));
    cache?.putBatch(arrived.map(({ source, hash, stat, json }) => [source.file, { hash, stat, result: json }]));
    for (const { source, arrival, json } of arrived) {
      handOff.offer(source.file, json);
      // Never read again: the packages assembled meanwhile can use the memory.
      source.bytes = NO_BYTES;
      arrival.resolve();
    }
  });
  try {
    for (const file of files) {
      // Without a cache there is no prior entry: every note is read and extracted.
      const prior = cache ? known.get(file) : undefined;
      const read = readIfChanged(root, file, prior, statSignature(join(root, file), startedMs), extract.maxNoteBytes);
      if (read.kind === 'unusable') {
        warnings.push({ file, message: read.reason, kind: read.failure });
      } else if (read.kind === 'unchanged') {
        notes.push(cachedNote(cache!, file, read.hash));
        if (read.stat !== prior?.stat) restat.set(file, read.stat);
      } else {
        const arrival = deferred();
        const source = { file, bytes: read.bytes };
        stale.push({ source, hash: read.hash, stat: read.stat, arrival });
        notes.push(freshNote(file, read.hash, arrival.promise, handOff, cache));
        extraction.add(source);
      }
    }
  } catch (error) {
    // The workers finish the notes they were given (these still reach the cache), then exit.
    void extraction.done().catch(() => undefined);
    throw error;
  }
  const present = new Set(notes.map((n) => n.file));
  const gone = [...known.keys()].filter((file) => !present.has(file));
  const arrived = cache ? notes.filter((n) => !known.has(n.file)).map((n) => n.file) : [];
  const departed = arrived.length > 0 ? gone.flatMap((file) => departedResult(cache!, file)) : [];
  const extracted = extraction.done().then(() => {
    if (cache) cache.update(new Map(), gone, restat);
  });
  // Awaited by the caller; a note waiting for its result hears of a failure through its own promise.
  extracted.catch((error: unknown) => stale.forEach((s) => s.arrival.reject(error)));
  return { root, notes, warnings, ignored, extracted: stale.length, extraction: extracted, departed, arrived: departed.length > 0 ? arrived : [] };
}

/** A gone note's last result, if the cache has it. */
function departedResult(cache: ExtractionCache, file: string): NoteResult[] {
  const json = cache.result(file);
  return json === undefined ? [] : [resultFromStoredJson(json)];
}

/** A note as the cache last saw it (`unchanged`), its bytes to extract (`changed`, found to be text), or why it cannot be used. */
type NoteRead =
  | { kind: 'unchanged'; hash: string; stat: string }
  | { kind: 'changed'; hash: string; stat: string; bytes: Uint8Array }
  /** A note over the size limit is skipped for good; any other (a read error, a half-written file) may be back next time. */
  | { kind: 'unusable'; reason: string; failure: NoteFailure };

/**
 * Reads a note unless its stat signature is the one `prior` (the cache's
 * entry) was hashed with; a note read whose bytes hash as before is
 * unchanged too (a `touch`, a checkout), and only its new signature is kept.
 */
function readIfChanged(root: string, file: string, prior: KnownNote | undefined, stat: string, maxBytes: number): NoteRead {
  if (prior && prior.stat !== '' && prior.stat === stat) return { kind: 'unchanged', hash: prior.hash, stat };
  const read = readNoteBytes(root, file, maxBytes);
  if (!read.ok) return { kind: 'unusable', reason: read.reason, failure: read.kind };
  const { bytes } = read;
  const hash = createHash('sha1').update(bytes).digest('base64url');
  if (prior?.hash === hash) return { kind: 'unchanged', hash, stat };
  const problem = problemOf(bytes);
  return problem === undefined ? { kind: 'changed', hash, stat, bytes } : { kind: 'unusable', reason: problem, failure: 'unreadable' };
}

const NO_BYTES = new Uint8Array(0);

/** A note to extract in this run, and where its result goes. */
interface Stale {
  source: NoteSource;
  hash: string;
  stat: string;
  arrival: Deferred;
}

/** Fresh results kept in memory for the build at most (UTF-16 units): 32 MB. */
const HAND_OFF_CHARS = 16 * 1024 * 1024;

/**
 * Fresh results on their way to the build. A build that takes them as they
 * come (a cold build, see build/build-vault.ts) finds them here and need not read
 * them back from the cache. One that waits for every note first would hold
 * them all, so past a budget they are left to the cache alone. Without a
 * cache, all are kept.
 */
class HandOff {
  private readonly held = new Map<string, string>();
  private chars = 0;

  constructor(private readonly budget: number) {}

  offer(file: string, json: string): void {
    if (this.chars + json.length > this.budget) return;
    this.held.set(file, json);
    this.chars += json.length;
  }

  take(file: string): string | undefined {
    const json = this.held.get(file);
    if (json !== undefined) {
      this.held.delete(file);
      this.chars -= json.length;
    }
    return json;
  }
}

function poolOptions({ threads, onProgress }: LoadOptions): PoolOptions {
  return {
    ...(threads !== undefined ? { threads } : {}),
    ...(onProgress ? { onProgress: (done: number, total: number) => onProgress('parsing notes', done, total) } : {}),
  };
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  // Rejected only for notes whose builder already stopped waiting: no unhandled rejection from those.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

const SETTLED = Promise.resolve();

/**
 * What the cache compares to skip reading a note: size, modification and
 * change times and inode (an editor's atomic save makes a new inode). The hash
 * of the content stays the key; a matching stat only says the content was not
 * touched since it was hashed, as git's index does. A file modified in the
 * last two seconds gives '' (never trusted): on a file system with coarse
 * timestamps a second write in the same tick would keep the same stat.
 */
function statSignature(path: string, nowMs: number): string {
  try {
    const s = statSync(path);
    if (nowMs - Math.max(s.mtimeMs, s.ctimeMs) < 2000) return '';
    return `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;
  } catch {
    return '';
  }
}

/**
 * A note whose result is decoded from `json` when first asked for. The JSON
 * text is then dropped (a 10,000-note build would otherwise hold both), and
 * after `release` the result is decoded again from `again` (the cache).
 */
function lazyNote(
  file: string,
  hash: string,
  ready: Promise<void>,
  json: () => string,
  fresh: boolean,
  again?: () => string,
  bytes?: () => Uint8Array,
): LoadedNote {
  let decoded: NoteResult | undefined;
  let source: () => string = json;
  const note: LoadedNote = {
    file,
    hash,
    fresh,
    ready,
    // A note parsed in this run is encoded again from its result: those are the few that changed, or a vault without a cache.
    storedBytes: () => (bytes && !decoded ? bytes() : Buffer.from(storedResultJson(note.result()))),
    result: () => {
      if (!decoded) {
        decoded = resultFromStoredJson(source());
        source = again ?? (() => missing(file));
      }
      return decoded;
    },
    release: () => {
      if (again) decoded = undefined;
    },
  };
  return note;
}

/**
 * A note whose result is read from the cache when asked for. Made here, not
 * in startLoadingVault: a closure keeps its whole enclosing scope alive,
 * and there that scope holds every note's text and JSON.
 */
function cachedNote(cache: ExtractionCache, file: string, hash: string): LoadedNote {
  const fromCache = (): string => cache.result(file) ?? missing(file);
  return lazyNote(file, hash, SETTLED, fromCache, false, fromCache, () => cache.resultBytes(file) ?? missing(file));
}

/** A note parsed in this run: its result is taken from `handOff`, else from the cache, and read from the cache again after `release`. */
function freshNote(file: string, hash: string, ready: Promise<void>, handOff: HandOff, cache: ExtractionCache | undefined): LoadedNote {
  const fromCache = cache ? (): string => cache.result(file) ?? missing(file) : undefined;
  return lazyNote(file, hash, ready, () => handOff.take(file) ?? fromCache?.() ?? missing(file), true, fromCache);
}

function missing(file: string): never {
  throw new Error(`the extraction cache lost the result of ${file} while it was in use`);
}
