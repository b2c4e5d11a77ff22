import type { Db } from '../store/database.js';
import { dueUnits, newCardsStudiedByDeck, newCardsStudiedOn, newUnits, pendingRepeats } from '../study/tables.js';
import type { QueueItem } from './session.js';

export interface QueueOptions {
  today: number;
  /** New cards per study day, all decks together, counted across sessions. */
  newPerDay: number;
  /** New cards per study day in each deck (Anki's per-deck limit). */
  newPerDeck: number;
  deck?: string | undefined;
}

/**
 * The cards of a session, in order (docs/review.md): due reviews, oldest due first;
 * then new cards up to what is left of today's new-card limits (all decks
 * together, and each deck's own); then cards
 * graded below 4 earlier today that have not yet scored 4 (a session quit
 * before they did leaves them for the next session of the same day).
 */
export function sessionQueue(db: Db, options: QueueOptions): QueueItem[] {
  const { today, deck } = options;
  const newLeft = Math.max(0, options.newPerDay - newCardsStudiedOn(db, today));
  // Each deck's count goes on as cards are taken, so no deck passes its own limit.
  const perDeck = newCardsStudiedByDeck(db, today);
  const accept = (name: string): boolean => {
    const taken = perDeck.get(name) ?? 0;
    if (taken >= options.newPerDeck) return false;
    perDeck.set(name, taken + 1);
    return true;
  };
  return [
    ...dueUnits(db, today, deck).map((unit) => ({ unit, reason: 'due' as const })),
    ...newUnits(db, newLeft, deck, today, accept).map((unit) => ({ unit, reason: 'new' as const })),
    ...pendingRepeats(db, today, deck).map((unit) => ({ unit, reason: 'repeat' as const })),
  ];
}
