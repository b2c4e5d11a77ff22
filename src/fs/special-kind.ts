import { lstatSync, statSync } from 'node:fs';

/**
 * What a path is when it is neither absent nor a regular file ("a folder",
 * "a FIFO"…), for a one-line refusal that names it. A symbolic link is
 * followed unless `followLinks` is false, when it is itself the answer.
 */
export function specialKind(file: string, followLinks = true): string | undefined {
  let stats;
  try {
    stats = followLinks ? statSync(file) : lstatSync(file);
  } catch {
    return undefined;
  }
  if (stats.isFile()) return undefined;
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  return 'a device';
}
