import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cardOptionsOf, resolveExtractOptions, type ExtractOptions } from '../extract/index.js';
import { checkStateDatabase, type Migrations } from '../store/database.js';
import { ExtractionCache, cacheFingerprint, cachePathFor } from './cache.js';
import { codeDigest } from './code-digest.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
 * The extraction cache beside the study database, valid for this flashmark
 * code and these extraction options: the one every command reads notes through.
 * A study database that is not flashmark's, or whose `components` are newer
 * than this flashmark knows, is refused before the cache file beside it is created.
 */
export function openExtractionCache(statePath: string, extract?: Partial<ExtractOptions>, components: readonly Migrations[] = []): ExtractionCache {
  checkStateDatabase(statePath, components);
  return ExtractionCache.open(cachePathFor(statePath), cacheFingerprint(toolIdentity(), cardOptionsOf(resolveExtractOptions(extract))));
}

let identity: string | undefined;

/** The version number and a digest of this copy's code (`dist/` or `src/`, and a checkout's lockfile): see code-digest.ts. */
function toolIdentity(): string {
  identity ??= `${version} ${codeDigest(fileURLToPath(new URL('..', import.meta.url)), fileURLToPath(new URL('../../package-lock.json', import.meta.url)))}`;
  return identity;
}
