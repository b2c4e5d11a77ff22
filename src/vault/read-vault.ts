import type { NoteResult, NoteWarning } from '../card.js';
import type { ExtractOptions } from '../extract/index.js';
import type { IgnoredNote } from '../scan/index.js';
import { textHash, type ExtractionCache } from './cache.js';
import { startLoadingVault } from './incremental.js';
import { openExtractionCache } from './open-cache.js';
import { withVaultName } from './vault-name.js';

export interface ReadVaultOptions {
  /** The study database: its extraction cache (beside it) is used and kept up to date. Without one, every note is parsed. */
  statePath?: string | undefined;
  extract?: Partial<ExtractOptions>;
  /** Worker threads for parsing (default: the cores available). */
  threads?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

/** The vault as read by `readVault`: what the scan found at once, the notes' results when asked for. */
export interface ReadVault {
  root: string;
  /** Scan-level problems (unreadable folders, notes too big, binary or not UTF-8), as `loadVault` reports them. */
  warnings: NoteWarning[];
  ignored: IgnoredNote[];
  /** Notes parsed in this run; the others were read back from the cache, as `build --json` counts them. */
  parsed: number;
  /**
   * Equal for two reads exactly when their notes give the same results: the
   * cache's fingerprint (tool and extraction options) and every note's path
   * and hash. Undefined without a cache, which has no fingerprint.
   */
  digest: string | undefined;
  /** Every readable note's result, sorted by file, as `loadVault` gives them: decoded from the cache on the first call. */
  notes(): NoteResult[];
  /**
   * Every readable note's result as the cache keeps it (stored-result.ts), as
   * UTF-8 bytes, one at a time in the order of `notes()`: for printing the
   * cards without decoding them (cards-json.ts), and without holding them all.
   */
  stored(): Iterable<Uint8Array>;
}

/**
 * Reads the vault for `cards`, `review` and `stats` through the extraction
 * cache and worker pool the build uses: only the notes that changed since the
 * cache last saw them are parsed, the rest is read back when `notes()` is
 * called, which a command that finds nothing changed need not do. `use` runs
 * while the cache is open; the cache stays safe to share with concurrent runs.
 */
export async function readVault<T>(root: string, options: ReadVaultOptions, use: (vault: ReadVault) => T | Promise<T>): Promise<T> {
  const extract = withVaultName(root, options.extract);
  const cache: ExtractionCache | undefined = options.statePath === undefined ? undefined : openExtractionCache(options.statePath, extract);
  try {
    const loading = await startLoadingVault(root, {
      ...(cache ? { cache } : {}),
      extract,
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    await loading.extraction;
    let decoded: NoteResult[] | undefined;
    return await use({
      root,
      warnings: loading.warnings,
      ignored: loading.ignored,
      parsed: loading.extracted,
      digest: cache ? textHash([cache.fingerprint, ...loading.notes.map((note) => `${note.file}\u0000${note.hash}`)].join('\n')) : undefined,
      notes: () => (decoded ??= loading.notes.map((note) => note.result())),
      stored: function* () {
        cache?.mapForReading();
        for (const note of loading.notes) {
          yield note.storedBytes();
          note.release();
        }
      },
    });
  } finally {
    cache?.close();
  }
}
