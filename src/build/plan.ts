import type { ModelKind, NoteFields } from '../anki/index.js';
import type { NoteHistory, NoteHistoryChange } from './history.js';

/** A flashmark card made ready for a package: fields final (media renamed), hash of what Anki would compare. */
export interface PreparedNote {
  guid: string;
  /** Package key: first segment of the source file. */
  pkg: string;
  kind: ModelKind;
  fields: NoteFields;
  tags: string;
  deck: string;
  /** Hash of kind, fields and tags: a different hash is a change Anki must see. */
  hash: string;
}

export type NoteStatus = 'added' | 'changed' | 'unchanged';

export interface PlannedNote extends PreparedNote {
  id: number;
  mod: number;
  status: NoteStatus;
}

/** What a build changes in the history, known once every note is planned. */
export interface PlanOutcome {
  /** Notes the last build put into a package that no longer has them, with that package. */
  removed: NoteHistory[];
  /** History rows that differ from the stored ones. */
  history: NoteHistoryChange[];
  /** Guids the last build published that no package has now. */
  retired: string[];
}

/**
 * Gives each note its Anki id and `mod` from the build history, and says what
 * changed since the last build. Notes are planned one at a time, in vault
 * order, so a package can be written as soon as its notes are planned. Pure:
 * the clock is `nowMs`.
 *
 * - A guid seen before keeps its note id; a new one gets the next free id at or
 *   after `now` (ids are millisecond timestamps).
 * - `mod` stays as published while the hash is the same; when it differs,
 *   `mod` becomes the time of the change, and always rises (previous + 1 at
 *   least), since Anki only takes a note whose `mod` is higher than its own.
 */
export class BuildPlanner {
  private nextId: number;
  private readonly nowSec: number;
  /** History rows that differ from the stored ones, by package, until taken. */
  private readonly rows = new Map<string, NoteHistoryChange[]>();
  /** guid → package of every note planned that the history knows (the only ones `finish` asks about). */
  private readonly placed = new Map<string, string>();

  constructor(
    private readonly history: ReadonlyMap<string, NoteHistory>,
    nowMs: number,
    /** Packages carried over unbuilt (BuildInput.reuse): their notes are never planned, and not removed. */
    private readonly reused: ReadonlySet<string> = new Set(),
    /** No new note id below this (the history given may leave out carried-over packages' notes). */
    idFloor = 0,
  ) {
    this.nowSec = Math.floor(nowMs / 1000);
    this.nextId = Math.max(nowMs, idFloor);
    for (const h of history.values()) this.nextId = Math.max(this.nextId, h.noteId + 1);
  }

  /** The next note, in vault order (each guid once). */
  plan(note: PreparedNote): PlannedNote {
    const past = this.history.get(note.guid);
    if (past) this.placed.set(note.guid, note.pkg);
    let id: number;
    let mod: number;
    if (!past) {
      id = this.nextId++;
      mod = this.nowSec;
    } else {
      id = past.noteId;
      mod = past.hash === note.hash ? past.mod : Math.max(this.nowSec, past.mod + 1);
    }
    const inSamePackage = past !== undefined && past.present && past.pkg === note.pkg;
    const status: NoteStatus = !inSamePackage ? 'added' : past.hash === note.hash ? 'unchanged' : 'changed';
    const row: NoteHistoryChange = { guid: note.guid, noteId: id, pkg: note.pkg, hash: note.hash, mod, firstSeen: past?.firstSeen ?? this.nowSec, present: true };
    if (past && past.pkg !== note.pkg) row.movedFrom = past.pkg;
    if (!past || !sameHistory(past, row)) {
      const rows = this.rows.get(note.pkg);
      if (rows) rows.push(row);
      else this.rows.set(note.pkg, [row]);
    }
    return { guid: note.guid, pkg: note.pkg, kind: note.kind, fields: note.fields, tags: note.tags, deck: note.deck, hash: note.hash, id, mod, status };
  }

  /** The history rows of a package's notes planned so far, to store once the package is on disk; `finish` leaves them out. */
  takeRows(pkg: string): NoteHistoryChange[] {
    const rows = this.rows.get(pkg) ?? [];
    this.rows.delete(pkg);
    return rows;
  }

  /** Once every note is planned: what left its package, and the history rows to store that were not taken. */
  finish(): PlanOutcome {
    const removed: NoteHistory[] = [];
    const retired: string[] = [];
    const rows = [...this.rows.values()].flat();
    for (const past of this.history.values()) {
      if (!past.present || this.reused.has(past.pkg)) continue;
      const nowIn = this.placed.get(past.guid);
      if (nowIn === past.pkg) continue;
      removed.push(past);
      if (nowIn !== undefined) continue;
      rows.push({ ...past, present: false });
      retired.push(past.guid);
    }
    return { removed, history: rows, retired };
  }
}

function sameHistory(a: NoteHistory, b: NoteHistory): boolean {
  return a.noteId === b.noteId && a.pkg === b.pkg && a.hash === b.hash && a.mod === b.mod && a.present === b.present;
}
