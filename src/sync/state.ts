import type { Db, Migrations } from '../store/database.js';

/**
 * What `sync` knows is in Anki, kept in the study database: per guid, the
 * Anki note id it was confirmed under, the hash of what was confirmed and the
 * deck its cards were put in. Anki's API neither returns guids nor searches
 * them, so this map is how sync finds the notes to update, move and delete,
 * and how it tells the notes it made from everything else in the collection.
 */
export const SYNC_MIGRATIONS: Migrations = {
  component: 'sync',
  steps: [
    `CREATE TABLE sync_notes (
       guid TEXT PRIMARY KEY,
       note_id INTEGER NOT NULL,
       hash TEXT NOT NULL,
       deck TEXT NOT NULL
     ) WITHOUT ROWID;`,
  ],
};

export interface SyncedNote {
  guid: string;
  noteId: number;
  hash: string;
  deck: string;
}

export function loadSyncedNotes(db: Db): Map<string, SyncedNote> {
  const rows = db.prepare<[], SyncedNote>('SELECT guid, note_id AS noteId, hash, deck FROM sync_notes').all();
  return new Map(rows.map((row) => [row.guid, row]));
}

/** Records notes confirmed in Anki, in one transaction. */
export function saveSyncedNotes(db: Db, notes: readonly SyncedNote[]): void {
  const upsert = db.prepare(
    `INSERT INTO sync_notes (guid, note_id, hash, deck) VALUES (?, ?, ?, ?)
     ON CONFLICT(guid) DO UPDATE SET note_id = excluded.note_id, hash = excluded.hash, deck = excluded.deck`,
  );
  db.transaction(() => notes.forEach((n) => upsert.run(n.guid, n.noteId, n.hash, n.deck)))();
}

/** Forgets notes deleted from Anki (or found gone), in one transaction. */
export function forgetSyncedNotes(db: Db, guids: readonly string[]): void {
  const remove = db.prepare('DELETE FROM sync_notes WHERE guid = ?');
  db.transaction(() => guids.forEach((guid) => remove.run(guid)))();
}
