import { resolve } from 'node:path';
import { writeSignature } from '../store/database.js';
import { ExtractionCache, cachePathFor } from './cache.js';

/**
 * The study database's `writeSignature` when the last command that opened it
 * (checked whole, or found as a command before it left it) closed it, kept in
 * the extraction cache beside it: `openStateDatabase` skips the whole-file
 * check while the file still has it. The cache is disposable: without it, or
 * without the entry, the next command checks the file whole.
 */
export function checkedStateKey(statePath: string): string {
  return `checked_state:${resolve(statePath)}`;
}

/** The signature the cache beside `statePath` keeps for it, if any; read in `cache` when the command holds it open. */
export function lastChecked(statePath: string, cache?: ExtractionCache): string | undefined {
  const key = checkedStateKey(statePath);
  return cache ? cache.meta(key) : ExtractionCache.peekMeta(cachePathFor(statePath), key);
}

/**
 * Records the study database's signature in the cache beside it (in `cache`
 * when the command holds it open), once the command has closed its
 * connection (the last connection folds its log in). A cache that cannot take
 * it only costs the next command the whole-file check.
 */
export function rememberChecked(statePath: string, cache?: ExtractionCache): void {
  const signature = writeSignature(statePath);
  if (signature === undefined) return;
  if (cache) cache.setMeta(checkedStateKey(statePath), signature);
  else ExtractionCache.putMeta(cachePathFor(statePath), checkedStateKey(statePath), signature);
}
