import type { Card } from '../card.js';
import type { Db } from '../store/database.js';
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

interface StoredUnit {
  card_id: string;
  ord: number;
  deck: string;
  type: string;
  front: string;
  back: string;
  source_file: string;
  source_line: number;
  retired: number;
}

/**
 * Brings the study database in line with the cards the notes make now, in one
 * transaction. Identity is (Card.id, ord), and Card.id comes from the cue, so
 * an edited answer updates the display text and keeps the progress.
 */
export function syncCards(db: Db, cards: readonly Card[], now: Date): SyncReport {
  const at = now.toISOString();
  const report: SyncReport = { added: 0, updated: 0, retired: 0, returned: 0, active: 0 };
  const insert = db.prepare(
    `INSERT INTO study_card (card_id, ord, deck, type, front, back, source_file, source_line, added_at, updated_at)
     VALUES (@card_id, @ord, @deck, @type, @front, @back, @source_file, @source_line, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE study_card SET deck = @deck, type = @type, front = @front, back = @back, source_file = @source_file,
       source_line = @source_line, retired = 0, updated_at = @at WHERE card_id = @card_id AND ord = @ord`,
  );
  const retire = db.prepare('UPDATE study_card SET retired = 1, updated_at = ? WHERE card_id = ? AND ord = ?');

  db.transaction(() => {
    const stored = new Map<string, StoredUnit>();
    for (const row of db.prepare<[], StoredUnit>('SELECT card_id, ord, deck, type, front, back, source_file, source_line, retired FROM study_card').all()) {
      stored.set(unitKey(row.card_id, row.ord), row);
    }
    const present = new Set<string>();
    for (const card of cards) {
      for (const ord of unitOrdinals(card)) {
        const key = unitKey(card.id, ord);
        if (present.has(key)) continue;
        present.add(key);
        const next = {
          card_id: card.id, ord, deck: card.deck, type: card.type, front: card.front, back: card.back,
          source_file: card.source.file, source_line: card.source.line,
        };
        const old = stored.get(key);
        if (!old) {
          insert.run({ ...next, at });
          report.added++;
        } else if (old.retired || differs(old, next)) {
          update.run({ ...next, at });
          if (old.retired) report.returned++;
          else report.updated++;
        }
      }
    }
    for (const [key, row] of stored) {
      if (!row.retired && !present.has(key)) {
        retire.run(at, row.card_id, row.ord);
        report.retired++;
      }
    }
    report.active = present.size;
  }).immediate();
  return report;
}

function unitKey(cardId: string, ord: number): string {
  return `${cardId}\u0000${ord}`;
}

function differs(old: StoredUnit, next: Omit<StoredUnit, 'retired'>): boolean {
  return (
    old.deck !== next.deck || old.type !== next.type || old.front !== next.front || old.back !== next.back ||
    old.source_file !== next.source_file || old.source_line !== next.source_line
  );
}
