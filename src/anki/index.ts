/** Anki package writing: pure functions from notes to `.apkg` bytes. */
export { writeApkg, type AnkiPackage, type PackageMedia } from './package.js';
export { REVIEW_CARD, type CardScheduling, type PackageScheduling, type RevlogRow } from './scheduling.js';
export { writeCollection, cardOrdinals, isUsableGuid, COLLECTION_CREATED, type PackageNote } from './collection.js';
export { BASIC_MODEL, CLOZE_MODEL, BASIC_MODEL_ID, CLOZE_MODEL_ID, FIRST_MODEL_NAMES, MODEL_MOD, modelOf, type Model, type ModelKind } from './models.js';
export { collectDecks, deckIdOf, normalizeDeckName } from './decks.js';
export { mediaFileName, isSafeMediaName } from './media.js';
export { clozeProblem, fieldChecksum, normalizeField, normalizeTag, stripHtmlPreservingMedia, tagsColumn } from './text.js';
export { readPackageNotes, type PackagedNote } from './read.js';
export { clozeOrdinals, MAX_CLOZE } from '../cloze.js';
export { sourceField, splitBreadcrumb, type NoteFields } from './fields.js';
