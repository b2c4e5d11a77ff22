export { openStudyDatabase, dueUnits, newUnits, newCardsStudiedOn, pendingRepeats, recordAnswer, undoAnswer, nextDue, deckMatches } from './tables.js';
export { acquireSessionLock, releaseSessionLock, withReviewHistory, type StudyUnit, type AnswerRecord } from './tables.js';
export { syncCards, type SyncReport } from './sync.js';
export { unitOrdinals } from './units.js';
export { studyMigrations } from './schema.js';
