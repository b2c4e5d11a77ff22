import type { ModelKind } from '../anki/index.js';
import type { NoteHistory } from './history.js';

/** A flashmark card made ready for a package: fields final (media renamed), hash of what Anki would compare. */
export interface PreparedNote {
  guid: string;
  /** Package key: first segment of the source file. */
  pkg: string;
  kind: ModelKind;
  fields: [string, string];
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

export interface BuildPlan {
  /** In the order given. */
  notes: PlannedNote[];
  /** Notes the last build put into a package that no longer has them, with that package. */
  removed: NoteHistory[];
  /** History rows that differ from the stored ones. */
  history: NoteHistory[];
}

/**
 * Gives each note its Anki id and `mod` from the build history, and says what
 * changed since the last build. Pure: the clock is `nowMs`.
 *
 * - A guid seen before keeps its note id; a new one gets the next free id at or
 *   after `now` (ids are millisecond timestamps).
 * - `mod` stays as published while the hash is the same; when it differs,
 *   `mod` becomes the time of the change, and always rises (previous + 1 at
 *   least), since Anki only takes a note whose `mod` is higher than its own.
 */
export function planBuild(
  prepared: readonly PreparedNote[],
  history: ReadonlyMap<string, NoteHistory>,
  nowMs: number,
  /** Packages carried over unbuilt (BuildInput.reuse): their notes are absent from `prepared`, not removed. */
  reused: ReadonlySet<string> = new Set(),
  /** No new note id below this (the history given may leave out carried-over packages' notes). */
  idFloor = 0,
): BuildPlan {
  const nowSec = Math.floor(nowMs / 1000);
  let nextId = Math.max(nowMs, idFloor);
  for (const h of history.values()) nextId = Math.max(nextId, h.noteId + 1);
  const notes: PlannedNote[] = [];
  const rows: NoteHistory[] = [];
  const current = new Set<string>();
  for (const note of prepared) {
    current.add(note.guid);
    const past = history.get(note.guid);
    let id: number;
    let mod: number;
    if (!past) {
      id = nextId++;
      mod = nowSec;
    } else {
      id = past.noteId;
      mod = past.hash === note.hash ? past.mod : Math.max(nowSec, past.mod + 1);
    }
    const inSamePackage = past !== undefined && past.present && past.pkg === note.pkg;
    const status: NoteStatus = !inSamePackage ? 'added' : past.hash === note.hash ? 'unchanged' : 'changed';
    notes.push({ guid: note.guid, pkg: note.pkg, kind: note.kind, fields: note.fields, tags: note.tags, deck: note.deck, hash: note.hash, id, mod, status });
    const row: NoteHistory = { guid: note.guid, noteId: id, pkg: note.pkg, hash: note.hash, mod, firstSeen: past?.firstSeen ?? nowSec, present: true };
    if (!past || !sameHistory(past, row)) rows.push(row);
  }
  const removed: NoteHistory[] = [];
  const movedFrom = new Map(prepared.map((n) => [n.guid, n.pkg]));
  for (const past of history.values()) {
    if (!past.present || reused.has(past.pkg)) continue;
    const nowIn = movedFrom.get(past.guid);
    if (nowIn === past.pkg) continue;
    removed.push(past);
    if (!current.has(past.guid)) rows.push({ ...past, present: false });
  }
  return { notes, removed, history: rows };
}

function sameHistory(a: NoteHistory, b: NoteHistory): boolean {
  return a.noteId === b.noteId && a.pkg === b.pkg && a.hash === b.hash && a.mod === b.mod && a.present === b.present;
}
