import type { Card, DroppedCard, NoteResult } from '../card.js';
import { contentKeysText, rememberContentKeys } from './same-content.js';

/**
 * A note's extraction result as the pool's workers send it and the cache
 * keeps it: the card JSON without what every card of a note repeats. Each
 * card carries its note's file (twice: itself and in `source`), deck and tags,
 * a large share of what a cold build stringifies, posts between threads,
 * writes to the cache and parses again.
 * A card whose deck or tags differ from the note's keeps its own.
 */
interface StoredNote {
  file: string;
  deck?: string;
  tags?: string[];
  cards: StoredCard[];
  /** The cards' content keys (same-content.ts), one after another: `cards --json` leaves out repeated cards without decoding them. */
  contents?: string;
  /** Only when not empty; a candidate's file is the note's, like a card's. */
  dropped?: StoredDropped[];
  warnings: NoteResult['warnings'];
  skipped?: string;
}

type StoredDropped = Omit<DroppedCard, 'source'> & { line: number };

interface StoredCard {
  id: string;
  type: Card['type'];
  front: string;
  back: string;
  cards: number;
  rule: Card['rule'];
  line: number;
  /** Only when not the note's. */
  deck?: string;
  tags?: string[];
  file?: string;
  /** Only when not empty. */
  media?: string[];
}

export function storedResultJson(result: NoteResult): string {
  const first = result.cards[0];
  const stored: StoredNote = { file: result.file, cards: [], warnings: result.warnings };
  if (first) {
    stored.deck = first.deck;
    stored.tags = first.tags;
  }
  for (const card of result.cards) {
    const entry: StoredCard = { id: card.id, type: card.type, front: card.front, back: card.back, cards: card.cards, rule: card.rule, line: card.source.line };
    if (card.deck !== stored.deck) entry.deck = card.deck;
    if (!sameStrings(card.tags, stored.tags)) entry.tags = card.tags;
    if (card.source.file !== result.file) entry.file = card.source.file;
    if (card.media.length > 0) entry.media = card.media;
    stored.cards.push(entry);
  }
  if (result.cards.length > 0) stored.contents = contentKeysText(result.cards);
  // Last but `skipped`: `cards --json` reads no further than here (cards-json.ts).
  if (result.dropped.length > 0) stored.dropped = result.dropped.map(({ source, ...candidate }) => ({ ...candidate, line: source.line }));
  if (result.skipped !== undefined) stored.skipped = result.skipped;
  return JSON.stringify(stored);
}

/** The result `storedResultJson` was made from, its cards' keys in the order of `Card` (as `cards --json` prints them). */
export function resultFromStoredJson(json: string): NoteResult {
  const stored = JSON.parse(json) as StoredNote;
  const cards = stored.cards.map(
    (c): Card => ({
      id: c.id,
      deck: c.deck ?? stored.deck ?? '',
      type: c.type,
      front: c.front,
      back: c.back,
      cards: c.cards,
      tags: [...(c.tags ?? stored.tags ?? [])],
      rule: c.rule,
      source: { file: c.file ?? stored.file, line: c.line },
      media: c.media ?? [],
    }),
  );
  if (stored.contents !== undefined) rememberContentKeys(cards, stored.contents);
  const dropped = (stored.dropped ?? []).map(
    ({ line, ...candidate }): DroppedCard => ({ reason: candidate.reason, rule: candidate.rule, type: candidate.type, front: candidate.front, back: candidate.back, source: { file: stored.file, line } }),
  );
  const result: NoteResult = { file: stored.file, cards, dropped, warnings: stored.warnings };
  if (stored.skipped !== undefined) result.skipped = stored.skipped;
  return result;
}

function sameStrings(a: readonly string[], b: readonly string[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((value, i) => value === b[i]);
}
