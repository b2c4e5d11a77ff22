import { closeSync, fstatSync, openSync, readFileSync, readdirSync, realpathSync, statSync, constants } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { mediaFileName } from '../anki/index.js';

/** Larger files are refused: Anki will not sync media over 100 MB. */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

export type MediaLookup = { ok: true; name: string; data: Buffer } | { ok: false; reason: string };

/**
 * Reads the images notes refer to, safely: only regular files inside the notes
 * folder after every symlink is resolved. Anything else (an absolute path,
 * `../` out of the folder, a symlink leading out, a device, a folder, a
 * missing file) is refused with a reason, and never packed. Each path is read
 * once per build.
 */
export class MediaReader {
  private readonly realRoot: string;
  private readonly cache = new Map<string, MediaLookup>();
  private readonly located = new Map<string, string>();
  private byName: Map<string, string> | undefined;

  constructor(readonly root: string) {
    this.realRoot = realpathSync(root);
  }

  read(path: string): MediaLookup {
    let result = this.cache.get(path);
    if (!result) {
      result = this.lookup(this.locate(path));
      this.cache.set(path, result);
    }
    return result;
  }

  /**
   * The file `read` packs for `path` (relative to the notes folder), without
   * reading it: the path as written, else percent-decoded (Markdown links are
   * often encoded, `my%20diagram.png`, the file on disk is not), else a file
   * of that name anywhere in the notes folder (Obsidian finds `![[diagram.png]]`
   * in an attachments folder, say). The path as written when none is there.
   * A build that carries a package over checks the same file.
   */
  locate(path: string): string {
    let located = this.located.get(path);
    if (located === undefined) {
      located = this.search(path);
      this.located.set(path, located);
    }
    return located;
  }

  private search(path: string): string {
    if (!this.missing(path)) return path;
    const decoded = safeDecode(path);
    if (decoded !== path && !this.missing(decoded)) return decoded;
    const elsewhere = this.findByName(path);
    return elsewhere !== undefined && !this.missing(elsewhere) ? elsewhere : path;
  }

  /** Nothing at `path` inside the notes folder; a path that leaves it is not missing but refused by `lookup`. */
  private missing(path: string): boolean {
    if (isAbsolutePath(path) || !inside(this.root, resolve(this.root, path))) return false;
    try {
      realpathSync(resolve(this.root, path));
      return false;
    } catch {
      return true;
    }
  }

  /**
   * The file of that name elsewhere in the notes folder (dot folders such as
   * .obsidian and .trash left out); the shortest path wins, as in Obsidian.
   * The folder is listed once, on the first image that is not where its note says.
   */
  private findByName(path: string): string | undefined {
    if (!this.byName) {
      this.byName = new Map();
      const found: string[] = [];
      listFiles(this.root, '', found);
      found.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
      for (const file of found) {
        const base = posix.basename(file);
        if (!this.byName.has(base)) this.byName.set(base, file);
      }
    }
    return this.byName.get(posix.basename(path));
  }

  private lookup(path: string): MediaLookup {
    if (isAbsolutePath(path)) return { ok: false, reason: 'is an absolute path' };
    const target = resolve(this.root, path);
    if (!inside(this.root, target)) return { ok: false, reason: 'is outside the notes folder' };
    let real: string;
    try {
      real = realpathSync(target);
    } catch {
      return { ok: false, reason: 'was not found' };
    }
    if (!inside(this.realRoot, real)) return { ok: false, reason: 'leads outside the notes folder (symlink)' };
    try {
      if (!statSync(real).isFile()) return { ok: false, reason: 'is not a regular file' };
      // O_NOFOLLOW and a second check on the open file: the path cannot be swapped for something else in between.
      const fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      try {
        const stat = fstatSync(fd);
        if (!stat.isFile()) return { ok: false, reason: 'is not a regular file' };
        if (stat.size > MAX_MEDIA_BYTES) return { ok: false, reason: `is larger than ${MAX_MEDIA_BYTES / 1024 / 1024} MB` };
        const data = readFileSync(fd);
        return { ok: true, name: mediaFileName(path, data), data };
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      return { ok: false, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
}

/** Paths (relative, `/`-separated) of the files below `dir`, without following symlinked folders. */
function listFiles(root: string, dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) listFiles(root, path, out);
    else out.push(path);
  }
}

/** Empty, absolute, or absolute on Windows (`C:\\`): never a path inside the notes folder. */
function isAbsolutePath(path: string): boolean {
  return path === '' || isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path);
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
