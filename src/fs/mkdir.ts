import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates a folder and its missing parents one level at a time.
 * `mkdirSync(dir, { recursive: true })` (Node 20) spins forever when the file
 * system answers ENOENT for a folder whose parent exists, as /proc does
 * (`--state /proc/x/state.db` hung every command); created one by one, the
 * first failing level throws its error instead. A level another process made
 * meanwhile (two builds started together) is as good as one made here.
 */
export function createFolder(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
    }
  }
}
