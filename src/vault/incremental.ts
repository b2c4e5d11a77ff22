import { createHash } from 'node:crypto';
import type { NoteResult, NoteWarning } from '../card.js';
import { resolveExtractOptions, type ExtractOptions } from '../extract/index.js';
import { decodeNote, findNoteFiles, type IgnoredNote } from '../scan/index.js';
import type { ExtractionCache } from './cache.js';
import type { Vault } from './load.js';
import { extractAllSerialized, type NoteSource } from './pool.js';
import { readNoteBytes } from './read.js';

/** A note of the vault with its extraction result, decoded from JSON only when asked for. */
export interface LoadedNote {
  file: string;
  /** Hash of the note's bytes: its cache key. */
  hash: string;
  result(): NoteResult;
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
  const known = cache?.hashes() ?? new Map<string, string>();
  const notes: LoadedNote[] = [];
  const stale: { index: number; source: NoteSource; hash: string }[] = [];
  for (const file of files) {
    const read = readNoteBytes(root, file, extract.maxNoteBytes);
    const decoded = read.ok ? undefined : await read.problem;
    if (decoded && !decoded.ok) {
      warnings.push({ file, message: decoded.reason });
      continue;
    }
    const bytes = read.ok ? read.bytes : Buffer.from(decoded?.ok ? decoded.text : '', 'utf8');
    const hash = createHash('sha1').update(bytes).digest('base64url');
    if (cache && known.get(file) === hash) {
      notes.push(lazyNote(file, hash, () => cache.result(file) ?? missing(file)));
      continue;
    }
    const text = decoded ?? decodeNote(bytes);
    if (!text.ok) {
      warnings.push({ file, message: text.reason });
      continue;
    }
    stale.push({ index: notes.length, source: { file, text: text.text }, hash });
    notes.push(lazyNote(file, hash, () => missing(file)));
  }

  const { onProgress } = options;
  const fresh = await extractAllSerialized(
    stale.map((s) => s.source),
    extract,
    {
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(onProgress ? { onProgress: (done: number, total: number) => onProgress('parsing notes', done, total) } : {}),
    },
  );
  const changed = new Map<string, { hash: string; result: string }>();
  stale.forEach(({ index, source, hash }, k) => {
    const json = fresh[k]!;
    notes[index] = lazyNote(source.file, hash, () => json);
    changed.set(source.file, { hash, result: json });
  });
  if (cache) {
    const present = new Set(notes.map((n) => n.file));
    cache.update(changed, [...known.keys()].filter((file) => !present.has(file)));
  }
  return { root, notes, warnings, ignored, extracted: stale.length };
}

/** `loadVault`'s result, from a loaded vault (decodes every note). */
export function materialize(vault: LoadedVault): Vault {
  return { root: vault.root, notes: vault.notes.map((n) => n.result()), warnings: vault.warnings, ignored: vault.ignored };
}

function lazyNote(file: string, hash: string, json: () => string): LoadedNote {
  let decoded: NoteResult | undefined;
  let source: (() => string) | undefined = json;
  return {
    file,
    hash,
    result: () => {
      if (!decoded) {
        decoded = JSON.parse(source!()) as NoteResult;
        source = undefined; // the JSON text is not needed twice: let a 10,000-note build keep one copy, not two
      }
      return decoded;
    },
  };
}

function missing(file: string): never {
  throw new Error(`the extraction cache lost the result of ${file} while it was in use`);
}
