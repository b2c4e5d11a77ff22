import { Option, type Command } from 'commander';
import { loadVaultSettings } from '../../settings/index.js';
import { startReview } from '../../review/start.js';
import { SCHEDULER_NAMES, type SchedulerName } from '../../schedule/by-name.js';
import type { Db } from '../../store/database.js';
import { syncNoteCards } from '../../study/sync.js';
import { lastChecked, rememberChecked } from '../../vault/checked-state.js';
import { readVault, type ReadVaultOptions } from '../../vault/read-vault.js';
import { keepsDuplicates } from '../../vault/same-content.js';
import { keepFirstCards } from '../../vault/unique-ids.js';
import { MAX_NEW_PER_DAY, parseWholeNumber, resolveNotesDir, resolveStatePath } from '../options.js';
import { optionOrSetting } from '../setting-options.js';
import { addStudyOptions, resolveRollover, resolveStudyNow, runningClock, type StudyCommandOptions } from '../study-options.js';
import { warningLine } from '../../printable.js';

interface ReviewCommandOptions extends StudyCommandOptions {
  new: string;
  newPerDeck: string;
  burySiblings: boolean;
  buttons?: boolean;
  scheduler?: SchedulerName;
}

export function registerReview(program: Command): void {
  const command = program
    .command('review')
    .description('A study session in the terminal, scheduled by SM-2 (or FSRS with --scheduler fsrs): due cards first, then new ones.')
    .argument('[notes]', 'the notes folder', 'notes')
    .addOption(new Option('--new <n>', 'new cards per study day, all decks together, counted across sessions (review.new in .flashmark.yml changes the default)').default('20'))
    .addOption(new Option('--new-per-deck <n>', 'new cards per study day in each deck (review.newPerDeck changes the default)').default('20'))
    .option('--no-bury-siblings', "ask a cloze's other deletions the same day, right after one is answered (by default they wait for the next day)")
    .option('--buttons', 'grade with Again/Hard/Good/Easy on keys 1-4 (grades 2/3/4/5) instead of 0-5')
    .addOption(
      new Option('--scheduler <name>', 'schedule with SM-2 or FSRS from now on (kept in the study database; switching rebuilds every card from the review log)')
        .choices(SCHEDULER_NAMES),
    );
  addStudyOptions(command)
    .addHelpText(
      'after',
      `
Keys: Enter or Space shows the answer; 0-5 grade it (5 perfect, 4 correct after
hesitation, 3 correct with serious difficulty, 2/1/0 wrong), and Space or Enter
on the answer grades 4 (Good); each grade's next interval is shown; - buries the
card until tomorrow, @ suspends it (flashmark cards --suspended, --unsuspend ID),
e opens its note in $VISUAL/$EDITOR; u undoes the last answer; q quits with a summary. At a terminal each key acts at once. Otherwise
each input line is one key (an empty line is Enter), and the session ends by
itself when no card is left. Cards graded below 4 come back in the same session
until they score 4 or more; those repeats do not change the schedule.

Examples:
  flashmark review notes
  flashmark review notes --deck DevOps --new 10 --buttons
  flashmark review notes --scheduler fsrs     (and --scheduler sm2 to go back)
  printf '\\n4\\n\\n5\\nq\\n' | flashmark review notes --now 2026-03-01T09:00`,
    )
    .action(async (notes: string, options: ReviewCommandOptions, command: Command) => {
      const notesDir = resolveNotesDir(notes);
      const settings = loadVaultSettings(notesDir);
      const start = resolveStudyNow(options.now);
      const statePath = resolveStatePath(notesDir, options.state);
      await startReview({
        notesDir,
        statePath,
        checkedAs: lastChecked(statePath),
        clock: runningClock(start),
        rolloverHour: optionOrSetting(command, 'rollover', settings.review.rolloverHour, () => resolveRollover(options.rollover)),
        newPerDay: optionOrSetting(command, 'new', settings.review.newPerDay, () => parseWholeNumber('--new', options.new, MAX_NEW_PER_DAY)),
        newPerDeck: optionOrSetting(command, 'newPerDeck', settings.review.newPerDeck, () => parseWholeNumber('--new-per-deck', options.newPerDeck, MAX_NEW_PER_DAY)),
        deck: options.deck,
        buttons: options.buttons ?? false,
        burySiblings: options.burySiblings,
        scheduler: options.scheduler,
        syncNotes: (db, now) => syncVault(db, notesDir, { statePath, extract: settings.extract }, now, options.verbose ?? false).then(() => undefined),
        input: process.stdin,
        output: process.stdout,
      });
      rememberChecked(statePath);
    });
}

/** Note warnings go to stderr, one line each, so the session on stdout stays clean. */
export function reportWarnings(warnings: readonly { file: string; message: string }[]): void {
  for (const warning of warnings) process.stderr.write(warningLine(warning));
}

/**
 * Brings the study database in line with the notes, read through the
 * extraction cache beside it, and reports the notes' warnings. Nothing is
 * decoded or compared when no note changed since the last sync. Returns how
 * many notes were parsed (the others came from the cache), and with `verbose` says it.
 */
export function syncVault(db: Db, notesDir: string, options: ReadVaultOptions, now: Date, verbose: boolean): Promise<number> {
  return readVault(notesDir, options, (vault) => {
    // Each identity and each question once, as build packs them: a second note's cloze deletions must not join the first's card.
    const unreadable = vault.warnings.filter((warning) => warning.kind === 'unreadable').map((warning) => warning.file);
    const unique = { digest: vault.digest, notes: () => keepFirstCards(vault.notes(), keepsDuplicates(options.extract)), unreadable };
    reportWarnings([...vault.warnings, ...syncNoteCards(db, unique, now)]);
    if (verbose) process.stderr.write(`flashmark: parsed ${vault.parsed} note${vault.parsed === 1 ? '' : 's'} (the others were read from the extraction cache)\n`);
    return vault.parsed;
  });
}
