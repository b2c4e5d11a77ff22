import type { Card, NoteResult } from '../card.js';
import type { Db } from '../store/database.js';
import { matchRenames, type Rename } from './match.js';
import { traceOf, type NoteTrace } from './traces.js';

/** Card ids taken over from renamed notes: the id a note makes now → the id it keeps. */
export type Aliases = Map<string, string>;

export function loadAliases(db: Db): Aliases {
  return new Map(db.prepare<[], [string, string]>('SELECT card_id, kept_id FROM card_alias').raw().all());
}

/** Gives a note's cards the ids they took over (in place: a decoded result is the caller's own copy). */
export function applyAliases(result: NoteResult, aliases: ReadonlyMap<string, string>): NoteResult {
  if (aliases.size === 0) return result;
  for (const card of result.cards) {
    const kept = aliases.get(card.id);
    if (kept !== undefined) card.id = kept;
  }
  return result;
}

/**
 * Pairs the notes gone since the last run (their cards as that run had them,
 * ids taken over included) with the notes that arrived (as extracted, ids not
 * yet taken over), stores the card ids the arrived ones take over, and adds
 * them to `aliases`. The caller then applies `aliases` to every note.
 */
export function followRenames(db: Db, aliases: Aliases, gone: readonly NoteTrace[], arrived: readonly NoteResult[]): Rename[] {
  if (gone.length === 0 || arrived.length === 0) return [];
  const found = matchRenames(gone, arrived.map((note) => traceOf(note.file, note.cards)));
  if (found.aliases.size === 0) return [];
  const store = db.prepare('INSERT INTO card_alias (card_id, kept_id) VALUES (?, ?) ON CONFLICT(card_id) DO UPDATE SET kept_id = excluded.kept_id');
  db.transaction(() => {
    for (const [id, kept] of found.aliases) store.run(id, kept);
  })();
  for (const [id, kept] of found.aliases) aliases.set(id, kept);
  return found.renames;
}

/** The cards a study database holds for each source file, as rename matching needs them. */
export type StudiedCards = ReadonlyMap<string, readonly Pick<Card, 'id' | 'type' | 'front'>[]>;

/**
 * `review` and `stats`: the notes' cards keep the ids they took over, and a
 * note renamed since the last session takes over the cards of the note it
 * replaces, found by the study database's cards (`studied`: those of a source
 * file no longer in the notes) against the notes whose file it has no card of.
 * Applies the ids in place; returns the renames found.
 */
export function keepStudiedIdentities(db: Db, notes: readonly NoteResult[], studied: StudiedCards): Rename[] {
  const aliases = loadAliases(db);
  const present = new Set(notes.map((note) => note.file));
  const gone = [...studied].filter(([file]) => !present.has(file)).map(([file, cards]) => traceOf(file, cards));
  const arrived = notes.filter((note) => !studied.has(note.file) && note.cards.length > 0);
  const renames = followRenames(db, aliases, gone, arrived);
  for (const note of notes) applyAliases(note, aliases);
  return renames;
}
