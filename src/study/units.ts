import type { Card } from '../card.js';
import { clozeOrdinals } from '../cloze.js';

/**
 * The scheduled units of a card, as Anki counts its cards: a basic card is one
 * unit (ord 0); a cloze card one unit per card Anki makes of it (`clozeOrdinals`),
 * none when it has no usable deletion (the build leaves such a card out too).
 */
export function unitOrdinals(card: Pick<Card, 'type' | 'front'>): number[] {
  return card.type === 'cloze' ? clozeOrdinals(card.front) : [0];
}
