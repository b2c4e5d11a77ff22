import type { Rename } from './match.js';
import { printable, warningLine } from '../printable.js';

/** A note whose cards with review history a build retired. */
export interface RetiredNote {
  file: string;
  /** Card ids (Anki guids) retired that have answers in the review log. */
  ids: string[];
}

/** One line per renamed or moved note whose new file took over its cards. */
export function formatRenames(renamed: readonly Rename[]): string {
  return renamed.map((r) => `${printable(`renamed: ${r.from} -> ${r.to} (${plural(r.cards, 'card')} kept with their history)`)}\n`).join('');
}

/** One warning per note whose cards with review history were retired: they no longer come up in review. */
export function formatRetired(retired: readonly RetiredNote[]): string {
  return retired
    .map((r) => warningLine({ file: r.file, message: `${plural(r.ids.length, 'card')} with review history retired (no note makes ${r.ids.length === 1 ? 'it' : 'them'} now; the answers stay in the study database)` }))
    .join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
