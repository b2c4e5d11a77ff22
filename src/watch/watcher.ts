import { watch, type FSWatcher } from 'chokidar';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Watches a notes folder and calls `onSettled` once a burst of changes has
 * settled. Editors save atomically (write a temp file, rename it over the
 * note), move notes, or touch many files at once (git checkout): every event
 * just restarts a short quiet-period timer, and the rebuild that follows
 * re-reads the whole vault through the cache, so the exact sequence of events
 * never matters — only that the tree has stopped changing.
 */
export interface NotesWatcher {
  /** Resolves once the initial scan is done and changes are being reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Quiet period after the last event before `onSettled` runs. */
  debounceMs?: number;
  /** Paths below the notes folder that must not trigger rebuilds (the output folder, the study database). */
  ignore?: readonly string[];
  /** Dot files at the root that do matter (the settings file). */
  watchDotFiles?: readonly string[];
  onSettled: (changed: ReadonlySet<string>) => void;
  onError: (error: Error) => void;
}

export function watchNotes(root: string, { debounceMs = 150, ignore = [], watchDotFiles = [], onSettled, onError }: WatchOptions): NotesWatcher {
  const ignoredPaths = ignore.map((p) => resolve(p));
  const isIgnored = (path: string): boolean => {
    const rel = relative(root, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || watchDotFiles.includes(rel)) return false;
    // Dot folders and files (.flashmark, .obsidian, .git, editors' temp files) are never notes.
    if (rel.split(sep).some((segment) => segment.startsWith('.'))) return true;
    // Also SQLite's companions of an ignored database file (-wal, -shm, -journal).
    return ignoredPaths.some((p) => path === p || path.startsWith(p + sep) || path.startsWith(`${p}-`));
  };
  const watcher: FSWatcher = watch(root, { ignored: isIgnored, ignoreInitial: true, persistent: true });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    pending.add(relative(root, path).split(sep).join('/'));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const changed = pending;
      pending = new Set();
      onSettled(changed);
    }, debounceMs);
  });
  watcher.on('error', (error) => onError(error instanceof Error ? error : new Error(String(error))));
  const ready = new Promise<void>((resolveReady) => watcher.once('ready', () => resolveReady()));
  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
