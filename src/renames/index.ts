/** Renamed and moved notes keep their cards: card ids taken over from the note a new one replaces. */
export { RENAME_MIGRATIONS } from './schema.js';
export { RENAME_SIMILARITY, matchRenames, type Rename, type RenameMatch } from './match.js';
export { cueKey, traceOf, type CardTrace, type NoteTrace } from './traces.js';
export { applyAliases, followRenames, keepStudiedIdentities, loadAliases, type Aliases, type StudiedCards } from './follow.js';
export { keepLoadedIdentities } from './loaded.js';
export { formatRenames, formatRetired, type RetiredNote } from './report.js';
