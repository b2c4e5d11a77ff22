import { isAbsolute, relative, sep } from 'node:path';
import type { BuildReport } from './build.js';
import { printable, warningLine } from '../printable.js';

/** The build report as a person reads it: one line per package, then the removed packages (warnings: formatWarnings). */
export function formatBuildReport(report: BuildReport, cwd = process.cwd()): string {
  const lines: string[] = [];
  const shown = (file: string): string => {
    const rel = relative(cwd, file);
    return rel === '' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? file : rel;
  };
  for (const p of report.packages) {
    const counts = [`${p.added} added`, `${p.changed} changed`, `${p.unchanged} unchanged`, `${p.removed} removed`].join(', ');
    const what = p.written ? 'written' : 'unchanged, not rewritten';
    lines.push(`${shown(p.file)}: ${plural(p.notes, 'note')} (${counts}), ${plural(p.cards, 'card')}, ${plural(p.media, 'image')}; ${what}`);
  }
  for (const r of report.removedPackages) {
    const fate = r.deleted ? 'deleted the package flashmark wrote' : 'left the file alone (missing or changed since flashmark wrote it)';
    lines.push(`${shown(r.file)}: its notes are gone (${plural(r.removed, 'note')} removed); ${fate}. Cards already imported stay in Anki.`);
  }
  for (const k of report.keptPackages) {
    const what = k.unreadable.includes('.') ? 'the notes folder could not be read or holds no note' : `${k.unreadable.join(', ')} could not be read`;
    lines.push(`${shown(k.file)}: kept as the last build left it: ${what}`);
  }
  for (const f of report.failedPackages) lines.push(`${shown(f.file)}: not written: ${f.message}`);
  if (report.packages.length === 0 && report.removedPackages.length === 0 && report.keptPackages.length === 0 && report.failedPackages.length === 0) {
    lines.push('no cards found; nothing written');
  }
  return `${lines.map(printable).join('\n')}\n`;
}

/** One line per warning, each naming the note, prefixed like every command's warnings. */
export function formatWarnings(report: BuildReport): string {
  return report.warnings.map(warningLine).join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
