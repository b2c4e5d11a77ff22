import type { Stats } from './compute.js';

/**
 * The stats as terminal text: the counts, then one bar per coming day
 * (`width` columns for the busiest day). Plain characters only, so the
 * chart reads the same in a pipe, a log or a README.
 */
export function statsText(stats: Stats, width = 40): string {
  const retention = stats.retention30d === null ? 'no answers yet' : `${(stats.retention30d * 100).toFixed(1)}%`;
  const lines = [
    `Study day ${stats.today}`,
    `  new ${stats.new} · learning ${stats.learning} · young ${stats.young} · mature ${stats.mature} · due today ${stats.due}${stats.retired ? ` · retired ${stats.retired}` : ''}`,
    `  answers today ${stats.reviewsToday} · recalled over the last 30 days ${retention}`,
    `  time spent today ${minutes(stats.secondsToday)} · over the last 30 days ${minutes(stats.seconds30d)}`,
    '',
    ...deckTable(stats.decks),
    '',
    'Answers over the last 30 days (recalled):',
    ...historyChart(stats.history, width),
    '',
    `Due in the next ${stats.forecast.length} days:`,
  ];
  const most = Math.max(1, ...stats.forecast.map((day) => day.due));
  const countWidth = String(most).length;
  for (const [offset, day] of stats.forecast.entries()) {
    const bar = day.due === 0 ? '' : '█'.repeat(Math.max(1, Math.round((day.due / most) * width)));
    const label = `${day.date.slice(5)} ${weekday(day.date)}`;
    lines.push(`  ${label} ${String(day.due).padStart(countWidth)} ${bar}${offset === 0 ? '  (today, with overdue)' : ''}`.trimEnd());
  }
  return lines.join('\n');
}

/** One row per deck: new, learning steps, young, mature, due today. */
function deckTable(decks: Stats['decks']): string[] {
  const header = ['deck', 'new', 'learning', 'young', 'mature', 'due'];
  const rows = decks.map((d) => [d.deck, ...[d.new, d.learning, d.young, d.mature, d.due].map(String)]);
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((row) => [...row[i]!].length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

/** One bar per day of the last 30, the busiest `width` long, with the day's recall rate. */
function historyChart(history: Stats['history'], width: number): string[] {
  const most = Math.max(1, ...history.map((day) => day.answers));
  const countWidth = String(most).length;
  return history.map((day) => {
    const bar = day.answers === 0 ? '' : '█'.repeat(Math.max(1, Math.round((day.answers / most) * width)));
    const recall = day.recalled === null ? '' : ` ${Math.round(day.recalled * 100)}%`;
    return `  ${day.date.slice(5)} ${weekday(day.date)} ${String(day.answers).padStart(countWidth)} ${bar}${recall}`.trimEnd();
  });
}

function minutes(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

function weekday(iso: string): string {
  return ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'][new Date(`${iso}T00:00:00Z`).getUTCDay()]!;
}
