import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { loadVaultSettings } from '../../settings/index.js';
import { studyDay } from '../../schedule/days.js';
import { computeStats } from '../../stats/compute.js';
import { statsText } from '../../stats/chart.js';
import { printable } from '../../printable.js';
import { diskFailureLine, lockedLine } from '../../store/write-lock.js';
import { openStudyDatabase } from '../../study/tables.js';
import { lastChecked, rememberChecked } from '../../vault/checked-state.js';
import { MAX_FORECAST_DAYS, parseWholeNumber, resolveNotesDir, resolveStatePath } from '../options.js';
import { optionOrSetting } from '../setting-options.js';
import { addStudyOptions, resolveRollover, resolveStudyNow, type StudyCommandOptions } from '../study-options.js';
import { syncVault } from './review.js';

interface StatsCommandOptions extends StudyCommandOptions {
  json?: boolean;
  days: string;
}

export function registerStats(program: Command): void {
  const command = program
    .command('stats')
    .description('What is new, learning, young, mature and due, per deck; answers and recall over the last 30 days; time spent; a chart of the coming days.')
    .argument('[notes]', 'the notes folder', 'notes')
    .option('--json', 'print the numbers as JSON')
    .addOption(new Option('--days <n>', 'days in the due forecast, today first').default('30'));
  addStudyOptions(command)
    .addHelpText(
      'after',
      `
As Anki counts them: "learning" cards were failed at their last answer (they are
relearned), "young" ones were recalled with an interval under 21 days, "mature"
ones have 21 days or more; "due" counts overdue cards too. The recall rate is the
share of scheduled answers graded 3 or more over the last 30 study days. Below the
counts: a table per deck, the answers of the last 30 days (with the share recalled
each day), the time spent (the pauses between answers, up to 5 minutes each), and
the forecast.

Examples:
  flashmark stats notes
  flashmark stats notes --days 14 --deck DevOps
  flashmark stats notes --json | jq .forecast`,
    )
    .action(async (notes: string, options: StatsCommandOptions, command: Command) => {
      const notesDir = resolveNotesDir(notes);
      const settings = loadVaultSettings(notesDir);
      const now = resolveStudyNow(options.now);
      const today = studyDay(now, { rolloverHour: optionOrSetting(command, 'rollover', settings.review.rolloverHour, () => resolveRollover(options.rollover)) });
      const days = parseWholeNumber('--days', options.days, MAX_FORECAST_DAYS);
      const statePath = resolveStatePath(notesDir, options.state);
      // A read-only command creates no database: without one, every card is new (counted in memory).
      const stored = existsSync(statePath);
      const db = openStudyDatabase(stored ? statePath : ':memory:', stored ? lastChecked(statePath) : undefined);
      try {
        // Without a database there is no cache beside it either: every note is parsed, nothing is written.
        const parsed = await syncVault(db, notesDir, { statePath: existsSync(statePath) ? statePath : undefined, extract: settings.extract }, now, options.verbose ?? false);
        const stats = computeStats(db, today, days, options.deck);
        process.stdout.write(options.json ? `${JSON.stringify({ ...stats, parsed }, null, 2)}\n` : `${statsText(stats).split('\n').map(printable).join('\n')}\n`);
      } catch (error) {
        // Syncing the cards from the notes is the one write; refused, it changed nothing.
        throw diskFailureLine(lockedLine(error, statePath), statePath, 'it is as the last command left it');
      } finally {
        db.close();
      }
      if (stored) rememberChecked(statePath);
    });
}
