import { watchNotes } from './watcher.js';

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
 */
export async function runWatchSession(options: WatchSessionOptions): Promise<void> {
  let running: Promise<void> | undefined;
  let queued: Set<string> | undefined;
  let stopping = false;

  const start = (changed: ReadonlySet<string>): void => {
    if (stopping) return;
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
    onError: options.onError,
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
  });
  await Promise.race([watcher.ready, options.stopped]);
  options.onReady?.();
  await options.stopped;
  stopping = true;
  await watcher.close();
  while (running) await running;
}
