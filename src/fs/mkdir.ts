import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates a folder and its missing parents one level at a time.
 * `mkdirSync(dir, { recursive: true })` (Node 20) spins forever when the file
 * system answers ENOENT for a folder whose parent exists, as /proc does
 * (`--state /proc/x/state.db` hung every command); created one by one, the
 * first failing level throws its error instead.
 */
export function createFolder(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) mkdirSync(folder);
}
