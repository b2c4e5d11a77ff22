import type { NoteTrace } from './traces.js';

/**
 * A gone note and an arrived one are the same note when the cards they have in
 * common (same cue key) are at least this share of the smaller one's cards, as
 * git calls a deleted and an added file a rename at 50% similarity. Taking the
 * smaller note lets a note split in two, or two merged into one, keep what
 * matches.
 */
export const RENAME_SIMILARITY = 0.5;

export interface Rename {
  from: string;
  to: string;
  /** Cards the arrived note took over from the gone one. */
  cards: number;
}

export interface RenameMatch {
  /** Card id an arrived note makes → the gone note's card id it takes over. */
  aliases: Map<string, string>;
  renames: Rename[];
}

interface Pairing {
  gone: NoteTrace;
  arrived: NoteTrace;
  common: number;
  /** The same path in Unicode NFC: the same note whatever it shares. */
  samePath: boolean;
}

/**
 * Pairs notes that are gone with notes that arrived by the cards they share,
 * best pairings first (same NFC path, then most cards in common), and gives
 * each card of an arrived note the id of the gone card with the same cue key.
 * Each gone card is taken over once. Pure.
 */
export function matchRenames(gone: readonly NoteTrace[], arrived: readonly NoteTrace[]): RenameMatch {
  const pairings = pairNotes(gone, arrived);
  const taken = new Set<string>();
  const assigned = new Set<string>();
  const aliases = new Map<string, string>();
  const renames: Rename[] = [];
  for (const { gone: from, arrived: to } of pairings) {
    let cards = 0;
    for (const card of to.cards) {
      if (assigned.has(card.id)) continue;
      const old = from.cards.find((c) => c.key === card.key && !taken.has(c.id));
      if (!old) continue;
      taken.add(old.id);
      assigned.add(card.id);
      if (old.id !== card.id) aliases.set(card.id, old.id);
      cards++;
    }
    if (cards > 0) renames.push({ from: from.file, to: to.file, cards });
  }
  return { aliases, renames };
}

function pairNotes(gone: readonly NoteTrace[], arrived: readonly NoteTrace[]): Pairing[] {
  // Which gone notes have a key: comparing every pair would be quadratic in a moved folder's notes.
  const holders = new Map<string, Set<number>>();
  gone.forEach((note, i) => {
    for (const card of note.cards) {
      const set = holders.get(card.key);
      if (set) set.add(i);
      else holders.set(card.key, new Set([i]));
    }
  });
  const pairings: Pairing[] = [];
  for (const note of arrived) {
    const keys = new Set(note.cards.map((c) => c.key));
    const shared = new Map<number, number>();
    for (const key of keys) for (const i of holders.get(key) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    for (const [i, common] of shared) {
      const old = gone[i]!;
      const samePath = old.file.normalize('NFC') === note.file.normalize('NFC');
      const smaller = Math.min(new Set(old.cards.map((c) => c.key)).size, keys.size);
      if (samePath || common >= RENAME_SIMILARITY * smaller) pairings.push({ gone: old, arrived: note, common, samePath });
    }
  }
  return pairings.sort(
    (a, b) => Number(b.samePath) - Number(a.samePath) || b.common - a.common || compare(a.gone.file, b.gone.file) || compare(a.arrived.file, b.arrived.file),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
