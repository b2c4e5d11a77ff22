export { findNoteFiles, isIgnoredName, type Discovery, type IgnoredNote } from './discover.js';
export { readNoteText, decodeNote, problemOf, textOfNote, DEFAULT_MAX_NOTE_BYTES, type NoteText } from './read.js';
