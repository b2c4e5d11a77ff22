import type { Card } from '../card.js';

/**
 * The scheduled units of a card, as Anki counts them: a basic card is one unit
 * (ord 0); a cloze card is one unit per distinct deletion number {{cN::…}},
 * with ord N-1.
 */
export function unitOrdinals(card: Pick<Card, 'type' | 'front'>): number[] {
  if (card.type !== 'cloze') return [0];
  const numbers = new Set<number>();
  for (const match of card.front.matchAll(/\{\{c(\d+)::/g)) numbers.add(Number(match[1]));
  // A cloze without markers cannot be asked as a cloze; one unit still keeps it visible.
  if (numbers.size === 0) return [0];
  return [...numbers].sort((a, b) => a - b).map((n) => n - 1);
}
