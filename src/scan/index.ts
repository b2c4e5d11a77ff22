export { findNoteFiles, isIgnoredName, type Discovery, type IgnoredNote } from './discover.js';
export { readNoteText, readNoteBytes, decodeNote, problemOf, textOfNote, DEFAULT_MAX_NOTE_BYTES, type NoteText, type NoteBytes, type NoteFailure } from './read.js';
