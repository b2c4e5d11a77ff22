import type { Command } from 'commander';
import { formatWarnings } from '../../build/index.js';
import { loadVaultSettings } from '../../settings/index.js';
import { ANKI_KEY_VARIABLE, DELETE_SHARE_LIMIT, SyncInterruptedError, connectToAnki, formatSyncReport, pushToAnki } from '../../sync/index.js';
import { buildVault } from '../../build/build-vault.js';
import { ankiOptions, buildTargetOptions, clockWait, refuseStateAmongOutputs, resolveAnkiKey, resolveNotesDir, resolveNow, resolveStatePath } from '../options.js';

interface SyncCommandOptions {
  out: string;
  state?: string;
  now?: string;
  json?: boolean;
  dryRun?: boolean;
  allowDeletes?: boolean;
  ankiUrl: string;
  ankiKey?: string;
}

export function registerSync(program: Command): void {
  ankiOptions(buildTargetOptions(program.command('sync')))
    .description('Build what changed, then bring a running Anki (AnkiConnect add-on) to exactly the cards the notes make.')
    .option('--now <iso-date>', 'the clock: time of the changes this build publishes (default: now, or FLASHMARK_NOW)')
    .option('--dry-run', 'build, then print what would change in Anki, changing nothing there')
    .option('--allow-deletes', `delete even more than ${DELETE_SHARE_LIMIT * 100}% of the notes flashmark made in Anki`)
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Needs Anki running with the AnkiConnect add-on (code 2055492159). New cards are
added, edited ones updated in place (their review history kept), cards whose
notes are gone are deleted; notes you made in Anki, and other decks, are never
touched. Prints one line per deck changed and a total. A sync that would delete
more than ${DELETE_SHARE_LIMIT * 100}% of the notes flashmark made (a notes folder moved or not
mounted, say) is refused unless --allow-deletes is given. If Anki fails
half-way, what was done is reported and the next sync completes the rest.

The add-on's API key, if one is set in its config: --anki-key or ${ANKI_KEY_VARIABLE}.

Examples:
  flashmark sync notes
  flashmark sync notes --dry-run
  ${ANKI_KEY_VARIABLE}=secret flashmark sync ~/vault --anki-url http://127.0.0.1:8765`,
    )
    .action(async (notes: string, options: SyncCommandOptions) => {
      const root = resolveNotesDir(notes);
      const settings = loadVaultSettings(root);
      const statePath = resolveStatePath(root, options.state);
      const now = resolveNow(options.now);
      refuseStateAmongOutputs(options.state, options.out);
      // Anki is asked first: with Anki closed, nothing is built either.
      const client = await connectToAnki(options.ankiUrl, resolveAnkiKey(options.ankiKey));
      const { report } = await buildVault(root, { outDir: options.out, statePath, now, waitUntil: clockWait(options.now), extract: settings.extract });
      if (!options.json) process.stderr.write(formatWarnings(report));
      try {
        const outcome = await pushToAnki(client, report, { statePath, dryRun: options.dryRun ?? false, allowDeletes: options.allowDeletes ?? false });
        process.stdout.write(options.json ? `${JSON.stringify(outcome, null, 2)}\n` : formatSyncReport(outcome));
      } catch (error) {
        if (error instanceof SyncInterruptedError) {
          const partial = error.outcome;
          process.stdout.write(options.json ? `${JSON.stringify({ ...partial, complete: false }, null, 2)}\n` : formatSyncReport(partial));
        }
        throw error;
      }
    });
}
