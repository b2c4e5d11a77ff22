import { statSync } from 'node:fs';
import { watchNotes } from './watcher.js';

/** How often the notes folder is checked to be still there: a moved or deleted folder sends chokidar no event it reports. */
const ROOT_CHECK_MS = 1000;

/** Why a session ended: `stopped` resolved, or the notes folder was moved or deleted. */
export type WatchEnd = 'stopped' | 'gone';

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface WatchSessionOptions {
  root: string;
  /** Paths below the notes folder whose changes are ours, not the user's (output folder, study database). */
  ignore: readonly string[];
  /** Dot files at the root whose changes do trigger a rebuild (the settings file). */
  watchDotFiles?: readonly string[];
  /** One rebuild; resolves when its files are written. Errors are reported and the session goes on. */
  rebuild: (changed: ReadonlySet<string>) => Promise<void>;
  onError: (error: unknown) => void;
  /** Resolves when the session should end (e.g. on Ctrl-C). */
  stopped: Promise<unknown>;
  onReady?: () => void;
  debounceMs?: number;
}

/**
 * Rebuilds whenever the notes settle after a change, one rebuild at a time:
 * changes that arrive during a rebuild are collected and trigger exactly one
 * more. When `stopped` resolves, the watcher closes and a rebuild in progress
 * is allowed to finish, so no package or database is left half-written.
 * When the notes folder is moved or deleted the session ends the same way,
 * with `gone`, instead of rebuilding from nothing or reporting each file lost.
 */
export async function runWatchSession(options: WatchSessionOptions): Promise<WatchEnd> {
  let running: Promise<void> | undefined;
  let queued: Set<string> | undefined;
  let stopping = false;
  let markGone: () => void = () => undefined;
  const gone = new Promise<WatchEnd>((resolveGone) => {
    markGone = () => resolveGone('gone');
  });
  const rootGone = (): boolean => {
    if (isFolder(options.root)) return false;
    markGone();
    return true;
  };
  // Keeps the process alive, too: without it the event loop empties once chokidar drops the folder.
  const check = setInterval(rootGone, ROOT_CHECK_MS);

  const start = (changed: ReadonlySet<string>): void => {
    if (stopping || rootGone()) return;
    if (running) {
      queued ??= new Set();
      for (const file of changed) queued.add(file);
      return;
    }
    running = options
      .rebuild(changed)
      .catch(options.onError)
      .finally(() => {
        running = undefined;
        const next = queued;
        queued = undefined;
        if (next) start(next);
      });
  };

  const watcher = watchNotes(options.root, {
    ignore: options.ignore,
    ...(options.watchDotFiles ? { watchDotFiles: options.watchDotFiles } : {}),
    onSettled: start,
    // The folder's own disappearance is reported once, as the session's end.
    onError: (error) => {
      if (!rootGone()) options.onError(error);
    },
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
  });
  const stopped = options.stopped.then((): WatchEnd => 'stopped');
  await Promise.race([watcher.ready, stopped, gone]);
  options.onReady?.();
  const end = await Promise.race([stopped, gone]);
  stopping = true;
  clearInterval(check);
  await watcher.close();
  while (running) await running;
  return end;
}
