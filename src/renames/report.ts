import type { Rename } from './match.js';
import type { RetiredNote } from './follow.js';

/** One line per renamed or moved note whose new file took over its cards. */
export function formatRenames(renamed: readonly Rename[]): string {
  return renamed.map((r) => `renamed: ${r.from} -> ${r.to} (${plural(r.cards, 'card')} kept with their history)\n`).join('');
}

/** One warning per note whose cards with review history were retired: they no longer come up in review. */
export function formatRetired(retired: readonly RetiredNote[]): string {
  return retired
    .map((r) => `flashmark: warning: ${r.file}: ${plural(r.ids.length, 'card')} with review history retired (no note makes ${r.ids.length === 1 ? 'it' : 'them'} now; the answers stay in the study database)\n`)
    .join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
