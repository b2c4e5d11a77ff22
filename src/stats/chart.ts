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
    `  new ${stats.new} · learning ${stats.learning} · mature ${stats.mature} · due today ${stats.due}${stats.retired ? ` · retired ${stats.retired}` : ''}`,
    `  answers today ${stats.reviewsToday} · recalled over the last 30 days ${retention}`,
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

function weekday(iso: string): string {
  return ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'][new Date(`${iso}T00:00:00Z`).getUTCDay()]!;
}
