import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { messageOf } from '../../errors.js';
import { formatRebuildLine } from '../../watch/report.js';
import { runWatchSession } from '../../watch/session.js';
import { buildVault, openBuildCache } from '../../vault/build-vault.js';
import { cachePathFor } from '../../vault/cache.js';
import { resolveNotesDir, resolveNow, resolveStatePath } from '../options.js';
import { loadVaultSettings } from '../../settings/index.js';

interface WatchCommandOptions {
  out: string;
  state?: string;
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('Build the packages, then rebuild the affected ones whenever a note changes, until Ctrl-C.')
    .argument('[notes]', 'the notes folder', 'notes')
    .option('-o, --out <folder>', 'folder the .apkg files go to', 'decks')
    .option('--state <file>', 'the study database, which keeps the build history (default: <notes>/.flashmark/state.db)')
    .addHelpText(
      'after',
      `
Each rebuild prints one line: the packages rewritten, cards added/changed/removed,
and the time it took. Only notes that changed are parsed again. A note that
cannot be read is reported and watching goes on. Ctrl-C stops after the rebuild
in progress, if any, so no package is left half-written.

Example:
  flashmark watch notes -o decks`,
    )
    .action(async (notes: string, options: WatchCommandOptions) => {
      const root = resolveNotesDir(notes);
      // Read once, when watching starts: an edit of the settings file takes effect at the next `flashmark watch`.
      const { extract } = loadVaultSettings(root);
      const statePath = resolveStatePath(root, options.state);
      const outDir = resolve(options.out);
      const cache = openBuildCache(statePath, extract);
      const out = (line: string): boolean => process.stdout.write(`${line}\n`);
      const rebuild = async (changed: ReadonlySet<string> | undefined): Promise<void> => {
        const started = process.hrtime.bigint();
        const { report, extracted } = await buildVault(root, { outDir, statePath, now: resolveNow(undefined), cache, extract });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        for (const w of report.warnings) if (!changed || changed.has(w.file)) process.stderr.write(`flashmark: warning: ${w.file}: ${w.message}\n`);
        const line = formatRebuildLine(report, { seconds, extracted, initial: changed === undefined });
        if (line) out(line);
      };
      const stopped = new Promise((resolveStop) => {
        process.once('SIGINT', resolveStop);
        process.once('SIGTERM', resolveStop);
      });
      try {
        await rebuild(undefined);
        await runWatchSession({
          root,
          ignore: [outDir, statePath, cachePathFor(statePath)],
          rebuild,
          onError: (error) => process.stderr.write(`flashmark: ${messageOf(error)}\n`),
          onReady: () => out(`watching ${relative(process.cwd(), root) || '.'} for changes (Ctrl-C to stop)`),
          stopped,
        });
        out('stopped');
      } finally {
        cache.close();
      }
    });
}
