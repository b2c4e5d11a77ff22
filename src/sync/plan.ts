import { createHash } from 'node:crypto';
import type { PackagedNote } from '../anki/index.js';
import type { SyncedNote } from './state.js';

/** A note the notes make, as its package gives it to Anki. */
export interface WantedNote extends PackagedNote {
  /** The package that holds it (absolute path). */
  file: string;
  /** What Anki must hold for the note to be as the notes say: note type, fields, tags (see contentHash). */
  hash: string;
}

/** Share of the notes flashmark made in Anki that one sync may delete without `--allow-deletes`. */
export const DELETE_SHARE_LIMIT = 0.25;

export interface SyncPlan {
  /** Not in Anki yet (new, or deleted there by hand): imported. */
  add: WantedNote[];
  /** In Anki with other fields or tags: imported (updated in place, same note id). */
  update: WantedNote[];
  /** In Anki in another deck than the notes now give: its cards are moved (an import never moves cards). */
  move: WantedNote[];
  /** Made by flashmark, gone from the notes: deleted from Anki. */
  remove: SyncedNote[];
  /** Made by flashmark, gone from the notes and already gone from Anki: only forgotten. */
  forget: SyncedNote[];
  unchanged: number;
  /** The packages to import, in order: those holding a note to add or update. */
  imports: string[];
  /** Notes flashmark made that Anki holds now: what the deletion share is measured against. */
  synced: number;
}

/** The hash of what an update must bring into Anki: note type, fields in order, and tags (Anki compares tags case-insensitively). */
export function contentHash(note: Pick<PackagedNote, 'modelName' | 'fields' | 'tags'>): string {
  const tags = note.tags.map((t) => t.toLowerCase()).sort();
  return createHash('sha256').update(JSON.stringify([note.modelName, Object.values(note.fields), tags])).digest('hex').slice(0, 32);
}

/**
 * What a sync must do to bring Anki to the notes: pure, from the notes the
 * packages hold, what sync recorded as confirmed in Anki, and which of those
 * recorded note ids Anki still has.
 */
export function planSync(wanted: readonly WantedNote[], synced: ReadonlyMap<string, SyncedNote>, inAnki: ReadonlySet<number>): SyncPlan {
  const plan: SyncPlan = { add: [], update: [], move: [], remove: [], forget: [], unchanged: 0, imports: [], synced: 0 };
  const wantedGuids = new Set<string>();
  const imports = new Set<string>();
  for (const note of wanted) {
    wantedGuids.add(note.guid);
    const known = synced.get(note.guid);
    if (!known || !inAnki.has(known.noteId)) {
      plan.add.push(note);
      imports.add(note.file);
      continue;
    }
    const changed = known.hash !== note.hash;
    const moved = known.deck.toLowerCase() !== note.deck.toLowerCase();
    if (changed) {
      plan.update.push(note);
      imports.add(note.file);
    }
    if (moved) plan.move.push(note);
    if (!changed && !moved) plan.unchanged++;
  }
  for (const known of synced.values()) {
    const present = inAnki.has(known.noteId);
    if (present) plan.synced++;
    if (wantedGuids.has(known.guid)) continue;
    (present ? plan.remove : plan.forget).push(known);
  }
  plan.imports = [...imports].sort();
  return plan;
}

/** Why the plan's deletions need `--allow-deletes`, or undefined when they are within the share. */
export function deletionRefusal(plan: SyncPlan): string | undefined {
  const count = plan.remove.length;
  if (count === 0 || count <= plan.synced * DELETE_SHARE_LIMIT) return undefined;
  const share = Math.round((count / plan.synced) * 100);
  return (
    `sync would delete ${count} of the ${plan.synced} notes flashmark made in Anki (${share}%, more than ${DELETE_SHARE_LIMIT * 100}%); ` +
    'if the notes folder is the right one and those notes are meant to go, run again with --allow-deletes'
  );
}
