import type { NoteResult } from '../card.js';
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

/**
 * `review` and `stats`: the notes' cards keep the ids they took over, and a
 * note renamed since the last session takes over the cards of the note it
 * replaces, found by the study database's cards (those of a source file no
 * longer in the notes) against the notes whose file it has no card of.
 * Applies the ids in place; returns the renames found.
 */
export function keepStudiedIdentities(db: Db, notes: readonly NoteResult[]): Rename[] {
  const aliases = loadAliases(db);
  const known = new Map<string, { id: string; type: 'basic' | 'cloze'; front: string }[]>();
  const rows = db.prepare<[], { card_id: string; type: string; front: string; source_file: string }>(
    'SELECT DISTINCT card_id, type, front, source_file FROM study_card WHERE retired = 0 ORDER BY source_file, source_line, card_id',
  );
  for (const row of rows.all()) {
    const cards = known.get(row.source_file) ?? [];
    cards.push({ id: row.card_id, type: row.type === 'cloze' ? 'cloze' : 'basic', front: row.front });
    known.set(row.source_file, cards);
  }
  const present = new Set(notes.map((note) => note.file));
  const gone = [...known].filter(([file]) => !present.has(file)).map(([file, cards]) => traceOf(file, cards));
  const arrived = notes.filter((note) => !known.has(note.file) && note.cards.length > 0);
  const renames = followRenames(db, aliases, gone, arrived);
  for (const note of notes) applyAliases(note, aliases);
  return renames;
}

/** A note whose cards with review history a build retired. */
export interface RetiredNote {
  file: string;
  /** Card ids (Anki guids) retired that have answers in the review log. */
  ids: string[];
}

/** Of the card ids a build retired, those with answers in the study database's review log, by the note they came from. */
export function retiredWithHistory(db: Db, ids: readonly string[]): RetiredNote[] {
  const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'study_review'").get() !== undefined;
  if (!hasLog || ids.length === 0) return [];
  const lookup = db.prepare<[string], { source_file: string }>(
    `SELECT source_file FROM study_card c WHERE card_id = ?
       AND EXISTS (SELECT 1 FROM study_review r WHERE r.card_id = c.card_id AND r.undone_at IS NULL) LIMIT 1`,
  );
  const byFile = new Map<string, string[]>();
  for (const id of ids) {
    const file = lookup.get(id)?.source_file;
    if (file === undefined) continue;
    const list = byFile.get(file) ?? [];
    list.push(id);
    byFile.set(file, list);
  }
  return [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, list]) => ({ file, ids: list.sort() }));
}
