export { openStudyDatabase, dueUnits, newUnits, newCardsStudiedOn, pendingRepeats, recordAnswer, undoAnswer, nextDue, deckMatches } from './store.js';
export { acquireSessionLock, releaseSessionLock, type StudyUnit, type AnswerRecord } from './store.js';
export { syncCards, type SyncReport } from './sync.js';
export { unitOrdinals } from './units.js';
export { studyMigrations } from './schema.js';
