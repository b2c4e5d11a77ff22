import type { Command } from 'commander';
import { formatBuildReport, formatWarnings } from '../../build/index.js';
import { buildVault } from '../../build/build-vault.js';
import { createProgress } from '../progress-bar.js';
import { loadPackageScheduling } from '../../progress/index.js';
import { buildTargetOptions, clockWait, refuseStateAmongOutputs, resolvePackageTarget, resolveNotesDir, resolveNow, resolveStatePath } from '../options.js';
import { loadVaultSettings } from '../../settings/index.js';
import { formatRenames, formatRetired } from '../../renames/index.js';
import { withReviewHistory } from '../../study/index.js';
import { printable } from '../../printable.js';

interface BuildCommandOptions {
  out: string;
  state?: string;
  now?: string;
  json?: boolean;
  withProgress?: boolean;
}

export function registerBuild(program: Command): void {
  buildTargetOptions(program.command('build'))
    .description('Build Anki packages (.apkg) from the notes: one per top-level folder or note (-o FILE.apkg: one with every deck), updated in place on re-import.')
    .option('--now <iso-date>', 'the clock: time of the changes this build publishes (default: now, or FLASHMARK_NOW)')
    .option('--json', 'print the report as JSON')
    .option('--with-progress', 'carry your review history (flashmark review) over: studied cards become Anki review cards with their review log')
    .addHelpText(
      'after',
      `
Import the .apkg files into Anki (desktop or AnkiDroid). After editing the notes,
build again and re-import: edited cards are updated in place, with their review
history kept; new cards are added. A package whose bytes would not change is not
rewritten.

--with-progress: Anki takes the progress only for cards new to the collection,
and only with "Import any learning progress" ticked. The first time, import the
--with-progress packages before any plain one (docs/progress.md).

Examples:
  flashmark build notes -o decks
  flashmark build notes -o decks --with-progress
  flashmark build notes -o all-notes.apkg         # one package with every deck
  flashmark build ~/vault -o ~/Anki/decks --json | jq '.packages[] | {file, added, changed}'`,
    )
    .action(async (notes: string, options: BuildCommandOptions) => {
      const notesDir = resolveNotesDir(notes);
      const settings = loadVaultSettings(notesDir);
      const now = resolveNow(options.now);
      const { outDir, packageOf } = resolvePackageTarget(options.out);
      refuseStateAmongOutputs(options.state, outDir);
      const statePath = resolveStatePath(notesDir, options.state);
      const scheduling = options.withProgress ? loadPackageScheduling(statePath) : undefined;
      // Only notes that changed since the last build are parsed (src/build/build-vault.ts); `parsed` says how many.
      const bar = createProgress({ json: options.json ?? false });
      const { report, extracted, progress, renamed, retiredWithHistory } = await buildVault(notesDir, { outDir, ...(packageOf ? { packageOf } : {}), statePath, now, waitUntil: clockWait(options.now), scheduling, withHistory: withReviewHistory, extract: settings.extract, onProgress: bar.update }).finally(
        () => bar.finish(),
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...report, renamed, retiredWithHistory, ...(progress ? { progress } : {}), parsed: extracted }, null, 2)}\n`);
      } else {
        process.stderr.write(formatWarnings(report) + formatRetired(retiredWithHistory));
        process.stdout.write(formatRenames(renamed) + formatBuildReport(report));
        if (progress) {
          process.stdout.write(
            `progress: ${progress.reviewCards} review card${progress.reviewCards === 1 ? '' : 's'} with ${progress.revlogRows} review-log row${progress.revlogRows === 1 ? '' : 's'}; ` +
              'import with "Import any learning progress" ticked (it applies to cards new to the collection only)\n',
          );
        }
      }
      if (report.failedPackages.length > 0) {
        process.stderr.write(`${printable(`flashmark: ${report.failedPackages.map((f) => `${f.file}: ${f.message}`).join('; ')}`)}\n`);
        process.exitCode = 1;
      }
      if (report.keptPackages.length > 0) {
        // Unreadable is not gone: the packages stay, and the build fails until the notes can be read.
        process.stderr.write(`${printable(`flashmark: ${report.keptPackages.map((k) => k.file).join(', ')}: kept as the last build left ${report.keptPackages.length === 1 ? 'it' : 'them'}; make the notes readable and build again`)}\n`);
        process.exitCode = 1;
      }
    });
}
