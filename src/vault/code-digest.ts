import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A digest of the code that makes extraction results: every module under
 * `codeDir` (flashmark's compiled `dist/`, or `src/` when run as TypeScript)
 * and, when given and present, the lockfile that pins the parser's packages.
 *
 * Part of the cache's fingerprint (cache.ts), beside the version number: a
 * checkout of a newer commit has the same version, and without this its
 * builds would keep the cards the older code made from unchanged notes, and
 * carry their packages over. Reading ~100 modules and the two bundles
 * (scripts/bundle.js), 2.2 MB in all, takes 7-10 ms, once per build.
 */
export function codeDigest(codeDir: string, lockfile?: string): string {
  const hash = createHash('sha256');
  const modules = readdirSync(codeDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.(?:js|ts)$/.test(path) && !path.endsWith('.d.ts'))
    .map((path) => path.split('\\').join('/'))
    .sort();
  for (const path of modules) hash.update(`${path}\0`).update(readFileSync(join(codeDir, path))).update('\0');
  if (lockfile !== undefined) {
    try {
      hash.update('lockfile\0').update(readFileSync(lockfile));
    } catch {
      // an installed package has no lockfile: its version number pins its dependencies' ranges
    }
  }
  return hash.digest('base64url');
}
