import type { Card } from '../card.js';
import { hashPrefix } from '../hash.js';

/** A card as rename matching sees it: its id, and a key of what it asks. */
export interface CardTrace {
  id: string;
  key: string;
}

/** A note's cards as rename matching sees them. */
export interface NoteTrace {
  file: string;
  cards: CardTrace[];
}

/** Enough digits to tell one note's cues apart. */
const KEY_DIGITS = 12;

/**
 * What a card asks, independent of the note's name: its type and front,
 * without the heading trail (it opens with the note's title, which may come
 * from the file name) and with cloze answers hidden (so an edited answer
 * keeps the key), whitespace-normalised. Computed only for the notes a run
 * finds gone or arrived.
 */
export function cueKey(card: Pick<Card, 'type' | 'front'>): string {
  const asked = card.front
    .replace(/^<div class="crumb">[\s\S]*?<\/div>/, '')
    .replace(/\{\{c(\d+)::[\s\S]*?\}\}/g, '{{c$1}}')
    .replace(/\s+/g, ' ')
    .trim();
  return hashPrefix('sha1', `${card.type}\u0000${asked}`, KEY_DIGITS);
}

export function traceOf(file: string, cards: readonly Pick<Card, 'id' | 'type' | 'front'>[]): NoteTrace {
  return { file, cards: cards.map((card) => ({ id: card.id, key: cueKey(card) })) };
}
