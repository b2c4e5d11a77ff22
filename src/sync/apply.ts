import { FIRST_MODEL_NAMES } from '../anki/index.js';
import { UserError } from '../errors.js';
import type { Db } from '../store/database.js';
import type { AnkiClient } from './client.js';
import type { SyncPlan, WantedNote } from './plan.js';
import { forgetSyncedNotes, saveSyncedNotes, type SyncedNote } from './state.js';

export type ChangeKind = 'added' | 'updated' | 'moved' | 'deleted';

/** What a sync did (or, with --dry-run, would do) to one deck. */
export interface DeckChanges {
  deck: string;
  added: number;
  updated: number;
  moved: number;
  deleted: number;
}

/** Counts changes per deck as they are applied, so an interrupted sync can say what it did. */
export class ChangeLog {
  private readonly decks = new Map<string, DeckChanges>();

  count(deck: string, kind: ChangeKind, n = 1): void {
    const key = deck.toLowerCase();
    let entry = this.decks.get(key);
    if (!entry) {
      entry = { deck, added: 0, updated: 0, moved: 0, deleted: 0 };
      this.decks.set(key, entry);
    }
    entry[kind] += n;
  }

  byDeck(): DeckChanges[] {
    return [...this.decks.values()].sort((a, b) => (a.deck < b.deck ? -1 : a.deck > b.deck ? 1 : 0));
  }
}

/** The changes a plan makes, without applying them (--dry-run). */
export function plannedChanges(plan: SyncPlan): ChangeLog {
  const log = new ChangeLog();
  for (const n of plan.add) log.count(n.deck, 'added');
  for (const n of plan.update) log.count(n.deck, 'updated');
  for (const n of plan.move) log.count(n.deck, 'moved');
  for (const n of plan.remove) log.count(n.deck, 'deleted');
  return log;
}

interface NoteInfo {
  noteId?: number;
  modelName?: string;
  tags?: string[];
  fields?: Record<string, { value: string; order: number }>;
  cards?: number[];
}

/**
 * Applies a plan to Anki, recording each step in the study database as soon
 * as Anki has confirmed it, so a sync stopped by an error half-way is
 * completed by the next one (which plans again from what was recorded).
 *
 * Why these actions: a note's identity is its guid, which `build` writes into
 * its packages and Anki matches on import; `addNotes` would give every note a
 * new random guid, and a package imported by hand later would duplicate it.
 * So notes are added and updated by `importPackage` of the packages `build`
 * wrote (same note, same id, review history kept), then checked with
 * `notesInfo` under the note ids the packages carry: the importer's update
 * rules have changed between Anki versions, and a note the import left as it
 * was is set right with `updateNote` (same note again). An import never moves
 * cards nor deletes, so `changeDeck` and `deleteNotes` do that, by the note
 * ids recorded here — never a search, which could reach notes flashmark did
 * not make.
 */
export async function applySync(client: AnkiClient, db: Db, plan: SyncPlan, log: ChangeLog): Promise<void> {
  const pending = new Map<string, WantedNote[]>();
  for (const note of [...plan.add, ...plan.update]) {
    const list = pending.get(note.file);
    if (list) list.push(note);
    else pending.set(note.file, [note]);
  }
  const updates = new Set(plan.update.map((n) => n.guid));
  for (const file of plan.imports) {
    await client.invoke<boolean>('importPackage', { path: file });
    const notes = pending.get(file) ?? [];
    await confirmNotes(client, notes);
    saveSyncedNotes(db, notes.map(syncedRow));
    for (const n of notes) log.count(n.deck, updates.has(n.guid) ? 'updated' : 'added');
  }
  if (plan.move.length > 0) {
    const infos = await client.invoke<NoteInfo[]>('notesInfo', { notes: plan.move.map((n) => n.id) });
    for (const [i, note] of plan.move.entries()) {
      const cards = infos[i]?.cards ?? [];
      if (cards.length > 0) await client.invoke<null>('changeDeck', { cards, deck: note.deck });
      saveSyncedNotes(db, [syncedRow(note)]);
      log.count(note.deck, 'moved');
    }
  }
  if (plan.remove.length > 0) {
    await client.invoke<null>('deleteNotes', { notes: plan.remove.map((n) => n.noteId) });
    forgetSyncedNotes(db, plan.remove.map((n) => n.guid));
    for (const n of plan.remove) log.count(n.deck, 'deleted');
  }
  forgetSyncedNotes(db, plan.forget.map((n) => n.guid));
}

/**
 * Checks that Anki holds each note as its package has it, under the package's
 * note id; a note the import did not update is updated in place. A note Anki
 * does not have under that id (it renumbered it, or refused it) is an error:
 * sync could not find it again to update or delete it.
 */
async function confirmNotes(client: AnkiClient, notes: readonly WantedNote[]): Promise<void> {
  if (notes.length === 0) return;
  const infos = await client.invoke<NoteInfo[]>('notesInfo', { notes: notes.map((n) => n.id) });
  const missing: WantedNote[] = [];
  let oldType = 0;
  for (const [i, note] of notes.entries()) {
    const info = infos[i] ?? {};
    if (info.noteId === note.id && FIRST_MODEL_NAMES.includes(info.modelName ?? '')) {
      oldType++;
      continue;
    }
    if (info.noteId !== note.id || info.modelName !== note.modelName) {
      missing.push(note);
      continue;
    }
    if (!sameContent(info, note)) await client.invoke<null>('updateNote', { note: { id: note.id, fields: note.fields, tags: note.tags } });
  }
  if (oldType > 0) {
    // The importer skips a note whose note type differs from the package's: it would never update again.
    throw new UserError(
      `${oldType} note${oldType === 1 ? '' : 's'} in Anki still ha${oldType === 1 ? 's' : 've'} flashmark's first note types (${FIRST_MODEL_NAMES.join(', ')}); ` +
        "in Anki's browser, select them and use Notes > Change Note Type to the v2 type of the same name, then sync again",
    );
  }
  if (missing.length > 0) {
    const first = missing[0]!;
    throw new Error(
      `Anki does not hold ${missing.length} imported note${missing.length === 1 ? '' : 's'} under the id its package gave (first: ${first.modelName} note ${first.id} in deck ${first.deck})`,
    );
  }
}

function sameContent(info: NoteInfo, note: WantedNote): boolean {
  const fields = info.fields ?? {};
  if (Object.entries(note.fields).some(([name, value]) => fields[name]?.value !== value)) return false;
  const have = (info.tags ?? []).map((t) => t.toLowerCase()).sort();
  const want = note.tags.map((t) => t.toLowerCase()).sort();
  return have.length === want.length && have.every((t, i) => t === want[i]);
}

function syncedRow(note: WantedNote): SyncedNote {
  return { guid: note.guid, noteId: note.id, hash: note.hash, deck: note.deck };
}
