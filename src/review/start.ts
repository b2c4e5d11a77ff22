import { studyDay } from '../schedule/days.js';
import type { Db } from '../store/database.js';
import type { SchedulerName } from '../schedule/by-name.js';
import { chooseScheduler } from '../study/scheduler-choice.js';
import { UserError } from '../errors.js';
import { diskFailureLine, lockedLine, waitForWriteLock } from '../store/write-lock.js';
import { acquireSessionLock, deckMatches, deckNames, newCardsWaiting, nextDue, openStudyDatabase, releaseSessionLock } from '../study/tables.js';
import { closestNames } from './closest.js';
import { openInEditor } from './editor.js';
import { lineKeys, quietWhileLoading, terminalKeys } from './keys.js';
import { sessionQueue } from './queue.js';
import { runSession, summaryText, type SessionSummary } from './session.js';

export interface ReviewOptions {
  /** The notes folder (`e` opens a card's note in it). */
  notesDir: string;
  statePath: string;
  /** The session's clock (starts at --now, runs at real speed). */
  clock: () => Date;
  rolloverHour: number;
  /** New cards per study day, all decks together (the total cap). */
  newPerDay: number;
  /** New cards per study day in each deck. */
  newPerDeck: number;
  deck?: string | undefined;
  buttons: boolean;
  /** Bury a card's siblings once it is answered (default true). */
  burySiblings?: boolean;
  /** `--scheduler`: switch the database to this scheduler (its state rebuilt from the log); undefined = the one it is on. */
  scheduler?: SchedulerName | undefined;
  /** See openStateDatabase: the signature the study database had when the last command closed it. */
  checkedAs?: string | undefined;
  /** Brings the database's cards in line with the notes (called after the session mark is taken, so a second session fails fast). */
  syncNotes: (db: Db, now: Date) => Promise<void>;
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

/**
 * `flashmark review`: opens the study database, marks the session (a second
 * one gets a clear message), syncs the cards from the notes, and runs the
 * session on the terminal or on scripted input.
 */
export async function startReview(options: ReviewOptions): Promise<SessionSummary> {
  const db = openStudyDatabase(options.statePath, options.checkedAs);
  const write = (text: string) => void options.output.write(text);
  const writing = <T>(change: () => T): T => waitForWriteLock(change, { path: options.statePath, warn: (line) => void process.stderr.write(`${line}\n`) });
  const start = options.clock();
  // Answers are committed one by one; a signal only needs the session mark removed.
  const onSignal = (signal: NodeJS.Signals) => {
    releaseSessionLock(db);
    db.close();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  try {
    const takenOver = writing(() => acquireSessionLock(db, options.statePath, start));
    if (takenOver) process.stderr.write(`${takenOver}\n`);
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    try {
      const { scheduler, switched } = writing(() => chooseScheduler(db, options.scheduler, start));
      if (switched) {
        write(`Scheduler: ${switched.from} -> ${switched.to}; ${switched.cards} card${switched.cards === 1 ? '' : 's'} rebuilt from ${switched.answers} logged answer${switched.answers === 1 ? '' : 's'} (the log is unchanged).\n`);
      }
      const tty = Boolean(options.input.isTTY && options.output.isTTY);
      const loud = tty ? quietWhileLoading(options.input) : () => undefined;
      if (tty) write('Reading the notes…\n');
      try {
        await options.syncNotes(db, start);
      } finally {
        loud();
      }
      const today = studyDay(start, { rolloverHour: options.rolloverHour });
      refuseUnknownDeck(db, options.deck);
      const queue = sessionQueue(db, { today, newPerDay: options.newPerDay, newPerDeck: options.newPerDeck, deck: options.deck });
      const limitLine = (): string => {
        const waiting = newCardsWaiting(db, today, options.deck);
        return waiting > 0 ? `Daily limit reached: ${waiting} new card${waiting === 1 ? '' : 's'} wait${waiting === 1 ? 's' : ''} (tomorrow, or --new).\n` : '';
      };
      if (queue.length === 0) {
        const summary: SessionSummary = { reviewed: 0, recalled: 0, answers: 0, left: 0, next: nextDue(db, today, options.deck), seconds: 0, grades: {} };
        write(`${limitLine() || 'Nothing to review today.\n'}${summaryText(summary, today).split('\n').slice(-1).join('\n')}\n`);
        return summary;
      }
      const keys = tty ? terminalKeys(options.input) : lineKeys(options.input);
      try {
        const summary = await runSession({
          db, scheduler, queue, clock: options.clock, today, deck: options.deck,
          buttons: options.buttons, keys, write, tty, columns: options.output.columns,
          edit: (file, line) => openInEditor(options.notesDir, file, line),
          burySiblings: options.burySiblings ?? true,
          writing,
        });
        if (summary.left === 0) write(limitLine());
        return summary;
      } finally {
        keys.close();
      }
    } finally {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      releaseSessionLock(db);
    }
  } catch (error) {
    throw diskFailureLine(lockedLine(error, options.statePath), options.statePath, 'every answer acknowledged with "saved" is in it');
  } finally {
    db.close();
  }
}

/** An unknown `--deck` is an error naming the closest decks, not an empty session. */
function refuseUnknownDeck(db: Db, deck: string | undefined): void {
  if (deck === undefined) return;
  const names = deckNames(db);
  if (names.some((name) => deckMatches(name, deck))) return;
  const closest = closestNames(deck, names);
  throw new UserError(`--deck: no deck "${deck}"${closest.length > 0 ? ` (closest: ${closest.join(', ')})` : ' (the notes make no cards)'}`);
}
