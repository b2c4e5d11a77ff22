import type { PackageScheduling } from '../anki/index.js';
import { BUILD_MIGRATIONS, type BuildReport } from './index.js';
import type { ExtractOptions } from '../extract/index.js';
import { progressSummary } from '../progress/index.js';
import { RENAME_MIGRATIONS, keepLoadedIdentities, type Rename, type RetiredNote } from '../renames/index.js';
import { openStateDatabase, type Db } from '../store/database.js';
import type { ExtractionCache } from '../vault/cache.js';
import { openExtractionCache } from '../vault/open-cache.js';
import { lastChecked, rememberChecked } from '../vault/checked-state.js';
import { startLoadingVault } from '../vault/incremental.js';
import { keepsDuplicates } from '../vault/same-content.js';
import { withVaultName } from '../vault/vault-name.js';
import { buildIncrementally } from './incremental-build.js';
import type { PackageOf } from './prepare.js';

export interface VaultBuildOptions {
  outDir: string;
  /** The study database (build history); the cache lives beside it. */
  statePath: string;
  now: Date;
  /** Waits for the clock when a package's `mod` is ahead of it (see BuildOptions); the command line passes the real clock's. */
  waitUntil?: ((ms: number) => Promise<void>) | undefined;
  extract?: Partial<ExtractOptions>;
  /** Worker threads for parsing (default: the cores available). */
  threads?: number;
  scheduling?: PackageScheduling | undefined;
  /** An open cache to use (watch keeps one open); by default one is opened and closed. */
  cache?: ExtractionCache;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** The package of each note (default: one per top-level folder or note; `build -o FILE.apkg`: one for all). */
  packageOf?: PackageOf;
  /**
   * Of the card ids this build retired, those with answers in the review log:
   * the study stage's query, passed in by the command, as the study tables are
   * not the build's to read. Without it, `retiredWithHistory` is empty.
   */
  withHistory?: (db: Db, retired: readonly string[]) => RetiredNote[];
}

export interface VaultBuildResult {
  report: BuildReport;
  /** With `scheduling`: the studied cards written as Anki review cards, and their review-log rows. */
  progress?: { reviewCards: number; revlogRows: number };
  /** Notes parsed in this build; the others came from the cache. */
  extracted: number;
  /** Packages carried over from the last build without being assembled. */
  reused: number;
  /** Notes renamed or moved since the last build, whose new file took over their cards. */
  renamed: Rename[];
  /** Notes whose cards with answers in the review log this build retired. */
  retiredWithHistory: RetiredNote[];
}

/**
 * `flashmark build` and each rebuild of `flashmark watch`: notes to packages,
 * parsing only the notes that changed (in parallel) and assembling only the
 * packages whose inputs changed. Same packages and report as a build from
 * scratch with the same build history.
 */
export async function buildVault(root: string, options: VaultBuildOptions): Promise<VaultBuildResult> {
  const extract = withVaultName(root, options.extract);
  const cache = options.cache ?? openBuildCache(options.statePath, extract);
  try {
    // Renames are followed before the notes' cards are used (src/renames/); the packages' build history is
    // written on the same connection, so the file is checked once.
    const db = openStateDatabase(options.statePath, [RENAME_MIGRATIONS, BUILD_MIGRATIONS], lastChecked(options.statePath, cache));
    let result: VaultBuildResult;
    try {
      const vault = await startLoadingVault(root, {
        cache,
        extract,
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      let retired: readonly string[] = [];
      // A build that fails (a bad -o, say) still lets the workers finish writing to the cache before it is closed.
      const built = keepLoadedIdentities(db, vault).then(async (renamed) => ({
        renamed,
        ...(await buildIncrementally(vault, {
          outDir: options.outDir,
          statePath: options.statePath,
          now: options.now,
          waitUntil: options.waitUntil,
          cache,
          scheduling: options.scheduling,
          onRetired: (guids) => (retired = guids),
          ...(options.packageOf ? { packageOf: options.packageOf } : {}),
          keepDuplicates: keepsDuplicates(extract),
          db,
        })),
      }));
      const { report, reused, renamed } = await built.finally(() => vault.extraction.catch(() => undefined));
      // Counted here: the notes' cards are read from the cache, which is closed on return.
      const progress = options.scheduling
        ? progressSummary(options.scheduling, vault.notes.flatMap((note) => note.result().cards))
        : undefined;
      result = { report, extracted: vault.extracted, reused, renamed, retiredWithHistory: options.withHistory?.(db, retired) ?? [], ...(progress ? { progress } : {}) };
    } finally {
      db.close();
    }
    rememberChecked(options.statePath, cache);
    return result;
  } finally {
    if (!options.cache) cache.close();
  }
}

/** The extraction cache beside the study database, refusing a --state the build will refuse before the cache file is created. */
export function openBuildCache(statePath: string, extract?: Partial<ExtractOptions>): ExtractionCache {
  return openExtractionCache(statePath, extract, [BUILD_MIGRATIONS]);
}
