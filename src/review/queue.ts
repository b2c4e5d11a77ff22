import type { Db } from '../store/database.js';
import { dueUnits, newCardsStudiedOn, newUnits, pendingRepeats } from '../study/store.js';
import type { QueueItem } from './session.js';

export interface QueueOptions {
  today: number;
  /** New cards per study day, counted across sessions. */
  newPerDay: number;
  deck?: string | undefined;
}

/**
 * The cards of a session, in order (sm2.md): due reviews, oldest due first;
 * then new cards up to what is left of today's new-card limit; then cards
 * graded below 4 earlier today that have not yet scored 4 (a session quit
 * before they did leaves them for the next session of the same day).
 */
export function sessionQueue(db: Db, options: QueueOptions): QueueItem[] {
  const { today, deck } = options;
  const newLeft = Math.max(0, options.newPerDay - newCardsStudiedOn(db, today));
  return [
    ...dueUnits(db, today, deck).map((unit) => ({ unit, reason: 'due' as const })),
    ...newUnits(db, newLeft, deck, today).map((unit) => ({ unit, reason: 'new' as const })),
    ...pendingRepeats(db, today, deck).map((unit) => ({ unit, reason: 'repeat' as const })),
  ];
}
