import Database from 'better-sqlite3';
import { DEFAULT_DCONF_ID, DEFAULT_DECK_ID, collectDecks, deckJson, defaultDeckConfJson } from './decks.js';
import { BASIC_MODEL, BASIC_MODEL_ID, CLOZE_MODEL, MODEL_MOD, modelOf, type ModelKind } from './models.js';
import { REVIEW_CARD, type PackageScheduling } from './scheduling.js';
import { clozeOrdinals } from '../cloze.js';
import { BAD_CLOZE, fieldChecksum, clozeProblem, stripHtmlPreservingMedia } from './text.js';
import { batchInserter } from '../store/batch.js';
import type { NoteFields } from './fields.js';

/** One note (a flashmark card) as it goes into a package. */
export interface PackageNote {
  /** `notes.id`: a millisecond timestamp, unique in the package (the build history assigns it once). */
  id: number;
  /** `notes.guid`: the fact's identity; Anki matches re-imported notes on it alone. */
  guid: string;
  kind: ModelKind;
  /** Question, answer, breadcrumb and source (see fields.ts), already normalized (see normalizeField); missing ones are empty. */
  fields: NoteFields;
  /** `notes.tags`, already formatted (see tagsColumn). */
  tags: string;
  /** Deck name, levels joined by `::`. */
  deck: string;
  /** `notes.mod` in seconds: raised exactly when fields or tags change. */
  mod: number;
}

/** Day 0 of review due dates (2020-01-01 UTC), a constant so no build depends on the clock. */
export const COLLECTION_CREATED = 1577836800;

// rslib/src/storage/schema11.sql (the same text as genanki's apkg_schema.py). The indexes
// are created after the rows are inserted, which is faster and yields the same schema.
const TABLES = `
create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
`;
const INDEXES = `
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

/** New cards are shown in `due` order; Anki caps new positions at 999999. */
const MAX_NEW_POSITION = 999_999;

/**
 * The `collection.anki2` bytes (schema 11, not WAL) holding the given notes,
 * one card per template (basic) or per distinct cloze number (cloze), all new.
 * The notes' order is the order new cards are shown in. Pure: the same notes
 * give the same bytes. Cards listed in `scheduling` are written as review
 * cards with their review log instead (see scheduling.ts); without it the
 * bytes are exactly those of a package without progress.
 */
export function writeCollection(notes: readonly PackageNote[], deckFallback: string, scheduling?: PackageScheduling): Buffer {
  const ordinals = notes.map(cardOrdinals);
  checkNotes(notes, ordinals);
  const { decks, idOf } = collectDecks(
    notes.map((n) => n.deck),
    deckFallback,
  );
  const mod = notes.reduce((max, n) => Math.max(max, n.mod), MODEL_MOD);
  const cardIds = assignCardIds(notes, ordinals);

  const db = new Database(':memory:');
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(TABLES);
    db.prepare('insert into col values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)').run(
      COLLECTION_CREATED,
      mod * 1000,
      MODEL_MOD * 1000,
      JSON.stringify(collectionConf(notes.length)),
      JSON.stringify({ [BASIC_MODEL_ID]: BASIC_MODEL, [CLOZE_MODEL.id]: CLOZE_MODEL }),
      JSON.stringify(decksJson(decks, mod)),
      JSON.stringify({ [DEFAULT_DCONF_ID]: defaultDeckConfJson() }),
      '{}',
    );
    // SQLite joins the two fields: no 100-MB detour through joined JavaScript strings for 100,000 notes.
    const insertNotes = batchInserter(db, 'insert into notes', '(?, ?, ?, ?, 0, ?, ? || char(31) || ? || char(31) || ? || char(31) || ?, ?, ?, 0, \'\')');
    // New cards (the usual case) bind only what varies; review cards (with progress) bind their scheduling too.
    const insertNewCards = batchInserter(db, 'insert into cards', '(?, ?, ?, ?, ?, 0, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, \'\')');
    const insertCards = batchInserter(db, 'insert into cards', '(?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, \'\')');
    const insertRevlog = db.prepare('insert into revlog values (?, ?, -1, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      notes.forEach((note, index) => {
        const sortField = stripHtmlPreservingMedia(note.fields[0]);
        insertNotes.add(note.id, note.guid, modelOf(note.kind).id, note.mod, note.tags, note.fields[0], note.fields[1], note.fields[2] ?? '', note.fields[3] ?? '', sortField, fieldChecksum(sortField));
        const did = idOf.get(note.deck)!;
        const due = Math.min(index + 1, MAX_NEW_POSITION);
        const progress = scheduling?.get(note.guid);
        for (const [ord, cardId] of cardIds[index]!) {
          const s = progress?.get(ord);
          if (!s) {
            insertNewCards.add(cardId, note.id, did, ord, note.mod, due);
            continue;
          }
          insertCards.add(cardId, note.id, did, ord, note.mod, REVIEW_CARD, REVIEW_CARD, s.due, s.ivl, s.factor, s.reps, s.lapses);
          for (const r of s.revlog) insertRevlog.run(r.id, cardId, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.type);
        }
      });
      insertNotes.flush();
      insertNewCards.flush();
      insertCards.flush();
    })();
    db.exec(INDEXES);
    return db.serialize();
  } finally {
    db.close();
  }
}

/** Anki keeps guids as plain tokens: 1 to 64 characters, no whitespace or control characters. */
export function isUsableGuid(guid: string): boolean {
  return /^[^\s\x00-\x1f\x7f]{1,64}$/.test(guid);
}

/** The card ordinals of a note: 0 for basic, one per distinct cloze number for cloze. */
export function cardOrdinals(note: Pick<PackageNote, 'kind' | 'fields'>): number[] {
  return note.kind === 'basic' ? [0] : clozeOrdinals(note.fields[0]);
}

function checkNotes(notes: readonly PackageNote[], ordinals: readonly number[][]): void {
  const guids = new Set<string>();
  const ids = new Set<number>();
  for (const [index, note] of notes.entries()) {
    // Two notes with one guid would both be added on import: duplicates the user must clean up by hand.
    if (guids.has(note.guid)) throw new Error(`duplicate guid in package: ${note.guid}`);
    if (!isUsableGuid(note.guid)) throw new Error(`unusable guid: ${JSON.stringify(note.guid)}`);
    if (ids.has(note.id)) throw new Error(`duplicate note id in package: ${note.id}`);
    if (!Number.isSafeInteger(note.id) || note.id <= 0 || !Number.isSafeInteger(note.mod) || note.mod <= 0) {
      throw new Error(`note ${note.guid}: id and mod must be positive integers`);
    }
    if (ordinals[index]!.length === 0) throw new Error(`cloze note ${note.guid} has no {{c1::...}} deletion`);
    if (note.kind === 'cloze' && BAD_CLOZE.test(note.fields[0])) throw new Error(`cloze note ${note.guid} ${clozeProblem(note.fields[0])}`);
    guids.add(note.guid);
    ids.add(note.id);
  }
}

/**
 * Card ids: unique, millisecond-sized, and the same in every build of the same
 * notes — each card takes its note's id, or the next free id after the
 * previous card's (notes in id order, ordinals ascending).
 */
function assignCardIds(notes: readonly PackageNote[], ordinals: readonly number[][]): [ord: number, id: number][][] {
  const result: [number, number][][] = notes.map(() => []);
  const order = notes.map((_, index) => index).sort((a, b) => notes[a]!.id - notes[b]!.id);
  let last = 0;
  for (const index of order) {
    const note = notes[index]!;
    for (const ord of ordinals[index]!) {
      last = Math.max(note.id, last + 1);
      result[index]!.push([ord, last]);
    }
  }
  return result;
}

function decksJson(decks: { id: number; name: string }[], mod: number): Record<string, unknown> {
  const json: Record<string, unknown> = { [DEFAULT_DECK_ID]: deckJson(DEFAULT_DECK_ID, 'Default', 0) };
  for (const deck of decks) json[deck.id] = deckJson(deck.id, deck.name, mod);
  return json;
}

function collectionConf(noteCount: number): Record<string, unknown> {
  return {
    activeDecks: [DEFAULT_DECK_ID],
    curDeck: DEFAULT_DECK_ID,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: BASIC_MODEL_ID,
    nextPos: Math.min(noteCount + 1, MAX_NEW_POSITION + 1),
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    dayLearnFirst: false,
    // Without schedVer 2 the importer assumes the V1 scheduler and rewrites scheduled cards.
    schedVer: 2,
    rollover: 4,
    creationOffset: 0,
  };
}
