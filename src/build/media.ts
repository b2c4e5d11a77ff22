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
  private byName: Map<string, string> | undefined;

  constructor(private readonly root: string) {
    this.realRoot = realpathSync(root);
  }

  read(path: string): MediaLookup {
    let result = this.cache.get(path);
    if (!result) {
      result = this.lookup(path);
      // Markdown links are often percent-encoded (`my%20diagram.png`); the file on disk is not.
      if (!result.ok && result.reason === 'was not found' && path.includes('%')) {
        const decoded = safeDecode(path);
        if (decoded !== path) {
          const second = this.lookup(decoded);
          if (second.ok) result = second;
        }
      }
      // Obsidian finds `![[diagram.png]]` anywhere in the vault (an attachments folder, say), not only beside the note.
      if (!result.ok && result.reason === 'was not found') {
        const elsewhere = this.findByName(posix.basename(path));
        if (elsewhere !== undefined && elsewhere !== path) {
          const found = this.lookup(elsewhere);
          if (found.ok) result = found;
        }
      }
      this.cache.set(path, result);
    }
    return result;
  }

  /**
   * The file of that name elsewhere in the notes folder (dot folders such as
   * .obsidian and .trash left out); the shortest path wins, as in Obsidian.
   * The folder is listed once, on the first image that is not where its note says.
   */
  private findByName(name: string): string | undefined {
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
    return this.byName.get(name);
  }

  private lookup(path: string): MediaLookup {
    if (path === '' || isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path)) return { ok: false, reason: 'is an absolute path' };
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
