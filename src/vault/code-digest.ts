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
 * carry their packages over. Read once per build: the modules and the two
 * bundles (scripts/bundle.js) take a few milliseconds.
 */
export function codeDigest(codeDir: string, lockfile?: string): string {
  const hash = createHash('sha256');
  const modules = filesBelow(codeDir)
    .filter((path) => /\.(?:js|ts)$/.test(path) && !path.endsWith('.d.ts'))
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

/**
 * Every file below `dir`, as `/`-separated paths relative to it. Walked here:
 * `readdirSync`'s `recursive` option came with Node 20.1, and on 20.0 it would
 * list the top folder alone, leaving most of the code out of the digest.
 */
function filesBelow(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? filesBelow(dir, path) : [path];
  });
}
