import type { Migrations } from '../store/database.js';

/**
 * What lets a renamed or moved note keep its cards, kept in the study database
 * beside the build history: `card_alias` maps a card id a note makes now to
 * the id it took over from the note it replaced (the Anki guid and the study
 * history stay with that id). Written when a rename is found, read by every
 * command that loads the notes.
 */
export const RENAME_MIGRATIONS: Migrations = {
  component: 'renames',
  steps: [`CREATE TABLE card_alias (card_id TEXT PRIMARY KEY, kept_id TEXT NOT NULL) WITHOUT ROWID;`],
};
