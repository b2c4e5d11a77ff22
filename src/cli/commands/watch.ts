import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { UserError, messageOf } from '../../errors.js';
import { SETTINGS_FILE, loadVaultSettings } from '../../settings/index.js';
import { buildVault } from '../../build/build-vault.js';
import { formatRenames, formatRetired } from '../../renames/index.js';
import { withReviewHistory } from '../../study/index.js';
import { cachePathFor } from '../../vault/cache.js';
import { formatRebuildLine } from '../../watch/report.js';
import { runWatchSession } from '../../watch/session.js';
import { WatchSync } from '../../watch/sync.js';
import { ankiOptions, buildTargetOptions, clockWait, refuseStateAmongOutputs, resolveAnkiKey, resolveNotesDir, resolveNow, resolveStatePath } from '../options.js';
import { printable, warningLine } from '../../printable.js';

interface WatchCommandOptions {
  out: string;
  state?: string;
  sync?: boolean;
  ankiUrl: string;
  ankiKey?: string;
}

export function registerWatch(program: Command): void {
  ankiOptions(buildTargetOptions(program.command('watch')))
    .description('Build the packages, then rebuild the affected ones whenever a note changes, until Ctrl-C.')
    .option('--sync', 'push every rebuild into a running Anki too, as flashmark sync does')
    .addHelpText(
      'after',
      `
Each rebuild prints one line: the packages rewritten with their cards added,
changed and removed, how many notes were parsed, and the time it took. Only
notes that changed are parsed again, and only packages whose notes changed are
rewritten. A note that cannot be read is reported and watching goes on.
Ctrl-C stops after the rebuild in progress, if any: no package or database is
left half-written. If the notes folder is moved or deleted, watch says so in
one line and exits with status 1 (start it again on the folder's new place).

--sync: after each rebuild, Anki is brought to the cards as by flashmark sync,
with one more line. When Anki is closed, watch says so once, keeps building,
and syncs when Anki is back.

Examples:
  flashmark watch notes -o decks
  flashmark watch notes --sync`,
    )
    .action(async (notes: string, options: WatchCommandOptions) => {
      const root = resolveNotesDir(notes);
      refuseStateAmongOutputs(options.state, options.out);
      const statePath = resolveStatePath(root, options.state);
      const outDir = resolve(options.out);
      const out = (line: string): boolean => process.stdout.write(`${printable(line)}\n`);
      const sync = options.sync
        ? new WatchSync({ url: options.ankiUrl, key: resolveAnkiKey(options.ankiKey), statePath, say: out, warn: (line) => process.stderr.write(`${printable(line)}\n`) })
        : undefined;
      // Settings are read again on every rebuild, so editing .flashmark.yml takes effect at once.
      const rebuild = async (changed: ReadonlySet<string> | undefined): Promise<void> => {
        await sync?.pause();
        const started = process.hrtime.bigint();
        const settings = loadVaultSettings(root);
        const { report, extracted, renamed, retiredWithHistory } = await buildVault(root, { outDir, statePath, now: resolveNow(undefined), waitUntil: clockWait(undefined), extract: settings.extract, withHistory: withReviewHistory });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        for (const w of report.warnings) {
          if (!changed || changed.has(w.file)) process.stderr.write(warningLine(w));
        }
        process.stderr.write(formatRetired(retiredWithHistory));
        process.stdout.write(formatRenames(renamed));
        out(formatRebuildLine(report, { seconds, extracted, initial: changed === undefined }));
        await sync?.push(report);
      };
      const stopped = new Promise((resolveStop) => {
        process.once('SIGINT', resolveStop);
        process.once('SIGTERM', resolveStop);
      });
      await rebuild(undefined);
      const end = await runWatchSession({
        root,
        ignore: [outDir, statePath, cachePathFor(statePath)],
        watchDotFiles: [SETTINGS_FILE, '.flashmark.yaml'],
        rebuild,
        onError: (error) => process.stderr.write(`${printable(`flashmark: ${messageOf(error)}`)}\n`),
        onReady: () => out(`watching ${relative(process.cwd(), root) || '.'} for changes (Ctrl-C to stop)`),
        stopped,
      });
      await sync?.stop();
      if (end === 'gone') throw new UserError(`the notes folder ${relative(process.cwd(), root) || '.'} was moved or deleted; stopped watching (the packages are as the last build left them)`);
      out('stopped');
    });
}
