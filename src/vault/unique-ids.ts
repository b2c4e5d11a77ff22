import type { NoteResult } from '../card.js';
import { keepFirstContents } from './same-content.js';

/** The warning for a card whose identity an earlier card already has (two notes with one front-matter `id`, say). */
export function sameIdentityMessage(line: number, firstFile: string): string {
  return `line ${line}: same card identity as a card in ${firstFile}; skipped`;
}

/**
 * The notes with each card identity kept once, the first time in vault order,
 * as a build packs them; every later card with it is dropped with a warning on
 * its note, so `cards` lists what `build` packs.
 */
export function keepFirstIdentities(notes: NoteResult[]): NoteResult[] {
  const firstFile = new Map<string, string>();
  return notes.map((note) => {
    const cards = note.cards.filter((card) => {
      const seen = firstFile.get(card.id);
      if (seen === undefined) firstFile.set(card.id, note.file);
      return seen === undefined;
    });
    if (cards.length === note.cards.length) return note;
    const skipped = note.cards.filter((card) => !cards.includes(card));
    const warnings = skipped.map((card) => ({ file: card.source.file, message: sameIdentityMessage(card.source.line, firstFile.get(card.id) ?? ''), kind: 'skipped' as const }));
    return { ...note, cards, warnings: [...note.warnings, ...warnings] };
  });
}

/**
 * The cards a build packs, as `cards`, `review` and `stats` list them: each
 * identity once, then each question and answer once (same-content.ts).
 */
export function keepFirstCards(notes: NoteResult[], keepDuplicates: boolean): NoteResult[] {
  return keepFirstContents(keepFirstIdentities(notes), keepDuplicates);
}
