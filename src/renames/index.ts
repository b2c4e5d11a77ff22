/** Renamed and moved notes keep their cards: card ids taken over from the note a new one replaces. */
export { RENAME_MIGRATIONS } from './schema.js';
export { RENAME_SIMILARITY, matchRenames, type Rename, type RenameMatch } from './match.js';
export { cueKey, traceOf, type CardTrace, type NoteTrace } from './traces.js';
export { applyAliases, followRenames, keepStudiedIdentities, loadAliases, retiredWithHistory, type Aliases, type RetiredNote } from './follow.js';
export { keepLoadedIdentities } from './loaded.js';
export { formatRenames, formatRetired } from './report.js';
