import { watch, type FSWatcher } from 'chokidar';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

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

/** SQLite's companions of an ignored database file. */
const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'];
/** A package, or the temporary file it is written to first. */
const PACKAGE_FILE = /\.apkg(\.\d+\.\d+\.tmp)?$/i;

export function watchNotes(root: string, { debounceMs = 150, ignore = [], watchDotFiles = [], onSettled, onError }: WatchOptions): NotesWatcher {
  const ignoredPaths = ignore.map((p) => resolve(p));
  const isIgnored = (path: string): boolean => {
    const rel = relative(root, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || watchDotFiles.includes(rel)) return false;
    // Dot folders and files (.flashmark, .obsidian, .git, editors' temp files) are never notes.
    if (rel.split(sep).some((segment) => segment.startsWith('.'))) return true;
    return ignoredPaths.some((p) => path === p || SQLITE_COMPANIONS.some((suffix) => path === p + suffix) || (path.startsWith(p + sep) && isOutput(p, path)));
  };
  /**
   * Below an ignored folder: everything, unless the notes folder is inside it
   * (`watch -o .`); then only the packages the build writes straight into it.
   */
  const rootInside = new Map(ignoredPaths.map((p) => [p, root === p || root.startsWith(p + sep)]));
  const isOutput = (folder: string, path: string): boolean => !rootInside.get(folder) || (dirname(path) === folder && PACKAGE_FILE.test(path));
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
