import type { SyncOutcome } from './run.js';
import { printable } from '../printable.js';

/** One line per deck changed, then the total; a dry run says what it would do. */
export function formatSyncReport(outcome: SyncOutcome): string {
  const lines = outcome.decks.map((d) => `${d.deck}: ${counts(d)}`);
  const total = counts(outcome);
  lines.push(outcome.dryRun ? `dry run, nothing changed in Anki; would make: ${total}, ${outcome.unchanged} unchanged` : `Anki synced: ${total}, ${outcome.unchanged} unchanged`);
  return `${lines.map(printable).join('\n')}\n`;
}

/** `watch --sync`'s line after each push: the total, then the decks changed. */
export function formatSyncLine(outcome: SyncOutcome): string {
  const decks = outcome.decks.map((d) => `${d.deck}: ${counts(d)}`);
  return `Anki synced: ${counts(outcome)}, ${outcome.unchanged} unchanged${decks.length > 0 ? ` (${decks.join('; ')})` : ''}`;
}

function counts(c: { added: number; updated: number; moved: number; deleted: number }): string {
  const parts = [`${c.added} added`, `${c.updated} updated`];
  if (c.moved > 0) parts.push(`${c.moved} moved`);
  parts.push(`${c.deleted} deleted`);
  return parts.join(', ');
}
