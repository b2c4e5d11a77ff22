import { basename } from 'node:path';
import type { BuildReport } from '../build/index.js';

export interface RebuildFacts {
  seconds: number;
  /** Notes parsed in this rebuild. */
  extracted: number;
  /** The build `watch` starts with. */
  initial: boolean;
}

/**
 * The one line `watch` prints per rebuild: each package whose cards changed
 * (cards = flashmark cards, i.e. Anki notes) with added/changed/removed
 * counts, packages whose notes are all gone, and the time taken.
 */
export function formatRebuildLine(report: BuildReport, facts: RebuildFacts): string {
  const time = `${facts.seconds.toFixed(2)} s`;
  const parsed = `${facts.extracted} ${facts.extracted === 1 ? 'note' : 'notes'} parsed`;
  if (facts.initial) {
    const cards = report.packages.reduce((sum, p) => sum + p.notes, 0);
    const written = report.packages.filter((p) => p.written).length;
    return `built ${report.packages.length} ${report.packages.length === 1 ? 'package' : 'packages'}, ${cards} cards, ${written} written (${parsed}, ${time})`;
  }
  const parts = report.packages
    .filter((p) => p.written || p.added + p.changed + p.removed > 0)
    .map((p) => `${basename(p.file)}: ${p.added} added, ${p.changed} changed, ${p.removed} removed`);
  for (const f of report.failedPackages) parts.push(`${basename(f.file)}: not written (${f.message})`);
  for (const k of report.keptPackages) parts.push(`${basename(k.file)}: kept, ${k.unreadable.join(', ')} not readable`);
  for (const r of report.removedPackages) parts.push(`${basename(r.file)}: ${r.removed} removed, package ${r.deleted ? 'deleted' : 'left alone'}`);
  return `${parts.length > 0 ? parts.join('; ') : 'no card changed'} (${parsed}, ${time})`;
}
