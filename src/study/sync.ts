import type { Card, NoteResult, NoteWarning } from '../card.js';
import { keepStudiedIdentities } from '../renames/index.js';
import type { Db } from '../store/database.js';
import { forgetSync, lastSync, recordSync, sourceWriter, storedSources, studiedCardsByFile, unitKey, type UnitSource } from './tables.js';
import { unitOrdinals } from './units.js';

export interface SyncReport {
  /** Units seen for the first time. */
  added: number;
  /** Units whose display text, deck or source moved (progress kept). */
  updated: number;
  /** Units no longer in the notes, now retired (kept, not shown). */
  retired: number;
  /** Retired units whose note brought them back, with their history. */
  returned: number;
  /** Units in the notes now. */
  active: number;
}

/**
 * Brings the study database in line with the cards the notes make now, in one
 * transaction. Identity is (Card.id, ord), and Card.id comes from the cue, so
 * an edited answer updates the display text and keeps the progress. Units
 * whose note is at or below an `unreadable` path (`.`: the whole notes folder)
 * stay as the last sync left them: unreadable is not gone.
 */
export function syncCards(db: Db, cards: readonly Card[], now: Date, unreadable: readonly string[] = []): SyncReport {
  const couldNotRead = (file: string): boolean => unreadable.some((path) => path === '.' || file === path || file.startsWith(`${path}/`));
  const at = now.toISOString();
  const report: SyncReport = { added: 0, updated: 0, retired: 0, returned: 0, active: 0 };
  const write = sourceWriter(db);

  db.transaction(() => {
    const stored = new Map(storedSources(db).map((unit) => [unitKey(unit.cardId, unit.ord), unit]));
    const present = new Set<string>();
    for (const card of cards) {
      for (const ord of unitOrdinals(card)) {
        const key = unitKey(card.id, ord);
        if (present.has(key)) continue;
        present.add(key);
        const next: UnitSource = {
          cardId: card.id, ord, deck: card.deck, type: card.type, front: card.front, back: card.back,
          sourceFile: card.source.file, sourceLine: card.source.line,
        };
        const old = stored.get(key);
        if (!old) {
          write.add(next, at);
          report.added++;
        } else if (old.retired || differs(old, next)) {
          write.update(next, at);
          if (old.retired) report.returned++;
          else report.updated++;
        }
      }
    }
    for (const [key, unit] of stored) {
      if (!unit.retired && !present.has(key) && !couldNotRead(unit.sourceFile)) {
        write.retire(unit, at);
        report.retired++;
      }
    }
    report.active = present.size;
    // The cards synced from now on are these, which no digest names (syncNoteCards records one after).
    forgetSync(db);
  }).immediate();
  return report;
}

/** The notes a sync is given: `digest` names their results (see readVault), `notes` decodes them. */
export interface SyncSource {
  digest: string | undefined;
  notes(): NoteResult[];
  /** Folders and notes that could not be read (relative paths, as the scan's warnings name them). */
  unreadable?: readonly string[];
}

/**
 * `syncCards` for the notes of a vault, returning the notes' warnings. When
 * the digest is the one the database was last synced with, the cards are
 * those already synced (a second sync of the same cards changes nothing), so
 * the notes are neither decoded nor compared, and the warnings are those kept
 * from that sync: `review` shows its first card and `stats` prints at once.
 * (Renames are followed as they are then: none is new among notes already synced.)
 */
export function syncNoteCards(db: Db, source: SyncSource, now: Date): NoteWarning[] {
  if (source.digest !== undefined) {
    const last = lastSync(db);
    if (last?.digest === source.digest) return JSON.parse(last.warnings) as NoteWarning[];
  }
  const notes = source.notes();
  // Before the sync: a renamed note's cards keep their ids, so their progress is not retired.
  keepStudiedIdentities(db, notes, studiedCardsByFile(db));
  const warnings = notes.flatMap((note) => note.warnings);
  const { digest } = source;
  db.transaction(() => {
    // No note at all is a folder not there yet (a mount, a sync) more often than a wish to retire every card.
    syncCards(db, notes.flatMap((note) => note.cards), now, notes.length === 0 ? ['.'] : (source.unreadable ?? []));
    if (digest !== undefined) recordSync(db, digest, JSON.stringify(warnings));
  }).immediate();
  return warnings;
}

function differs(old: UnitSource, next: UnitSource): boolean {
  return (
    old.deck !== next.deck || old.type !== next.type || old.front !== next.front || old.back !== next.back ||
    old.sourceFile !== next.sourceFile || old.sourceLine !== next.sourceLine
  );
}
