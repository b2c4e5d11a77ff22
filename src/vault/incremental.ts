import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { NoteResult, NoteWarning } from '../card.js';
import { resolveExtractOptions, type ExtractOptions } from '../extract/index.js';
import { decodeNote, findNoteFiles, type IgnoredNote } from '../scan/index.js';
import type { ExtractionCache, KnownNote } from './cache.js';
import type { Vault } from './load.js';
import { extractEach, type NoteSource } from './pool.js';
import { readNoteBytes } from './read.js';

/** A note of the vault with its extraction result, decoded from JSON only when asked for. */
export interface LoadedNote {
  file: string;
  /** Hash of the note's bytes: its cache key. */
  hash: string;
  /** Parsed in this run (not taken from the cache). */
  fresh: boolean;
  result(): NoteResult;
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
 * in the same order, as `loadVault`.
 */
export async function loadVaultIncrementally(root: string, options: LoadOptions = {}): Promise<LoadedVault> {
  const extract = resolveExtractOptions(options.extract);
  const { cache } = options;
  const { files, warnings, ignored } = await findNoteFiles(root, extract.ignore);
  const known = cache?.known() ?? new Map<string, KnownNote>();
  const notes: LoadedNote[] = [];
  const stale: { index: number; source: NoteSource; hash: string; stat: string }[] = [];
  const restat = new Map<string, string>();
  const startedMs = Date.now();
  for (const file of files) {
    const prior = known.get(file);
    const stat = statSignature(join(root, file), startedMs);
    if (cache && prior && prior.stat !== '' && prior.stat === stat) {
      notes.push(cachedNote(cache, file, prior.hash, false));
      continue;
    }
    const read = readNoteBytes(root, file, extract.maxNoteBytes);
    const decoded = read.ok ? undefined : await read.problem;
    if (decoded && !decoded.ok) {
      warnings.push({ file, message: decoded.reason });
      continue;
    }
    const bytes = read.ok ? read.bytes : Buffer.from(decoded?.ok ? decoded.text : '', 'utf8');
    const hash = createHash('sha1').update(bytes).digest('base64url');
    if (cache && prior?.hash === hash) {
      notes.push(cachedNote(cache, file, hash, false));
      if (stat !== prior.stat) restat.set(file, stat);
      continue;
    }
    const text = decoded ?? decodeNote(bytes);
    if (!text.ok) {
      warnings.push({ file, message: text.reason });
      continue;
    }
    stale.push({ index: notes.length, source: { file, text: text.text }, hash, stat });
    notes.push(lazyNote(file, hash, () => missing(file)));
  }

  const extracted = stale.length;
  const { onProgress } = options;
  const pool = {
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(onProgress ? { onProgress: (done: number, total: number) => onProgress('parsing notes', done, total) } : {}),
  };
  // Each result goes to the cache as it arrives and is read back when the build takes it:
  // holding every fresh note's JSON would add a quarter of a GB to a 10,000-note cold build.
  await extractEach(
    stale.map((s) => s.source),
    extract,
    pool,
    (k, json) => {
      const { index, source, hash, stat } = stale[k]!;
      if (cache) cache.put(source.file, { hash, stat, result: json });
      notes[index] = cache ? cachedNote(cache, source.file, hash, true) : lazyNote(source.file, hash, () => json, true);
    },
  );
  stale.length = 0; // the notes' texts, which the closures above would otherwise keep for as long as the vault
  if (cache) {
    const present = new Set(notes.map((n) => n.file));
    cache.update(new Map(), [...known.keys()].filter((file) => !present.has(file)), restat);
  }
  return { root, notes, warnings, ignored, extracted };
}

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

/** `loadVault`'s result, from a loaded vault (decodes every note). */
export function materialize(vault: LoadedVault): Vault {
  return { root: vault.root, notes: vault.notes.map((n) => n.result()), warnings: vault.warnings, ignored: vault.ignored };
}

/**
 * A note whose result is decoded from `json` when first asked for. The JSON
 * text is then dropped (a 10,000-note build would otherwise hold both), and
 * after `release` the result is decoded again from `again` (the cache).
 */
function lazyNote(file: string, hash: string, json: () => string, fresh = false, again?: () => string): LoadedNote {
  let decoded: NoteResult | undefined;
  let source: () => string = json;
  return {
    file,
    hash,
    fresh,
    result: () => {
      if (!decoded) {
        decoded = JSON.parse(source()) as NoteResult;
        source = again ?? (() => missing(file));
      }
      return decoded;
    },
    release: () => {
      if (again) decoded = undefined;
    },
  };
}

/**
 * A note whose result is read from the cache when asked for. Made here, not
 * in loadVaultIncrementally: a closure keeps its whole enclosing scope alive,
 * and there that scope holds every note's text and JSON (a 10,000-note cold
 * build kept 360 MB that way).
 */
function cachedNote(cache: ExtractionCache, file: string, hash: string, fresh: boolean): LoadedNote {
  const fromCache = (): string => cache.result(file) ?? missing(file);
  return lazyNote(file, hash, fromCache, fresh, fromCache);
}

function missing(file: string): never {
  throw new Error(`the extraction cache lost the result of ${file} while it was in use`);
}
