import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { NoteWarning } from '../card.js';
import { ignoreMatcher } from '../settings/glob.js';

/** Folders that never hold notes: tool and editor state, not the user's writing. */
const IGNORED_FOLDERS = new Set(['node_modules']);

/** Whether a file or folder name is skipped: every dot entry (.flashmark, .obsidian, .trash, .git) and node_modules. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || IGNORED_FOLDERS.has(name);
}

export interface Discovery {
  /** Note paths relative to the root, `/`-separated, sorted by code unit. */
  files: string[];
  warnings: NoteWarning[];
  /** Notes left out by the settings' `ignore` patterns, each with the pattern that matched, sorted by file. */
  ignored: IgnoredNote[];
}

export interface IgnoredNote {
  file: string;
  pattern: string;
}

/**
 * Every `*.md` file below `root`, less those an `ignore` pattern (settings) matches. Symlinked folders are followed once: a folder
 * whose real path was already visited (a link loop, or two links to one place)
 * is skipped, so discovery always ends.
 *
 * The folders are read with the synchronous calls: awaiting one `readdir` and
 * one `realpath` per folder through the thread pool leaves the process
 * waiting several times longer (see bench/). It stays a promise for the
 * library's callers.
 */
export async function findNoteFiles(root: string, ignore: readonly string[] = []): Promise<Discovery> {
  return walkNoteFiles(root, ignore);
}

function walkNoteFiles(root: string, ignore: readonly string[]): Discovery {
  const files: string[] = [];
  const warnings: NoteWarning[] = [];
  const visited = new Set<string>([realpathSync(root)]);
  // Iterative walk: a deep folder tree cannot exhaust the stack.
  const pending: string[] = [''];
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch (error) {
      warnings.push({ file: rel || '.', message: `folder not readable (${(error as NodeJS.ErrnoException).code ?? 'error'})`, kind: 'unreadable' });
      continue;
    }
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(join(root, childRel));
          isDir = target.isDirectory();
          isFile = target.isFile();
          if (isDir) {
            const real = realpathSync(join(root, childRel));
            if (visited.has(real)) {
              warnings.push({ file: childRel, message: 'symlink to a folder already read (a link loop, or a second link to one place); skipped', kind: 'skipped' });
              continue;
            }
            visited.add(real);
          }
        } catch (error) {
          // A dangling link is not a note; a link that resolves to itself is worth telling.
          if ((error as NodeJS.ErrnoException).code === 'ELOOP') warnings.push({ file: childRel, message: 'symlink loop; skipped', kind: 'skipped' });
          continue;
        }
      } else if (isDir) {
        visited.add(realPathOr(join(root, childRel)));
      }
      if (isDir) pending.push(childRel);
      else if (isFile && entry.name.toLowerCase().endsWith('.md')) files.push(childRel);
    }
  }
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ignoredBy = ignoreMatcher(ignore);
  const ignored: IgnoredNote[] = [];
  const kept = files.filter((file) => {
    const pattern = ignoredBy(file);
    if (pattern !== undefined) ignored.push({ file, pattern });
    return pattern === undefined;
  });
  return { files: kept, warnings, ignored };
}

function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
