import { UserError, messageOf } from '../errors.js';
import { BUSY_TIMEOUT_MS } from './database.js';

/**
 * How many busy timeouts a review's write waits in all for another process's
 * write lock (a build, a sync) before giving up: 12 × 5 s, a minute.
 */
export const WRITE_LOCK_ATTEMPTS = 12;

export interface WriteLockPatience {
  /** The study database, named in the lines. */
  path: string;
  /** Prints the one waiting line (stderr). */
  warn: (line: string) => void;
  attempts?: number;
}

/**
 * Runs `change` (one write transaction), and when another process holds the
 * write lock past the busy timeout, says so once and tries again, up to
 * `attempts` busy timeouts in all; then a one-line error naming the database.
 * A refused transaction wrote nothing, so trying it again is safe.
 */
export function waitForWriteLock<T>(change: () => T, { path, warn, attempts = WRITE_LOCK_ATTEMPTS }: WriteLockPatience): T {
  const seconds = (n: number) => Math.round((n * BUSY_TIMEOUT_MS) / 1000);
  for (let attempt = 1; ; attempt++) {
    try {
      return change();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (attempt >= attempts) {
        throw new UserError(
          `the study database ${path} stayed locked by another process for ${seconds(attempts)} s; the last change was not saved (every answer acknowledged with "saved" is); try again when that process has finished`,
        );
      }
      if (attempt === 1) warn(`waiting for the study database ${path}: another process has held its write lock for ${seconds(1)} s (giving up after ${seconds(attempts)} s)…`);
    }
  }
}

/** A write that failed on another process's lock outside `waitForWriteLock` (syncing the cards from the notes), as one line naming the database. */
export function lockedLine(error: unknown, path: string): unknown {
  return isBusy(error) ? new UserError(`the study database ${path} is locked by another flashmark process; try again when it has finished`) : error;
}

/**
 * A write the disk refused (full, over the file size limit, read-only, an I/O
 * error) as one line naming the database; `kept` says what is safe. SQLite
 * rolled the transaction back, so the database is as its last commit left it.
 */
export function diskFailureLine(error: unknown, path: string, kept: string): unknown {
  if (!isDiskFailure(error)) return error;
  return new UserError(`cannot write to the study database ${path}: ${messageOf(error)}; ${kept}`);
}

function isDiskFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN)/.test(code);
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  // SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, …); SQLITE_LOCKED is a lock within one connection.
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
