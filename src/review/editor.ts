import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { messageOf } from '../errors.js';

/**
 * Opens a note at a line in the learner's editor (`$VISUAL`, else `$EDITOR`,
 * run by the shell so `code --wait` works), waiting for it to close. The
 * `+LINE FILE` form is understood by vi, vim, nano, emacs and VS Code's
 * `--goto`-less wrappers alike. Returns why it could not, or undefined.
 */
export function openInEditor(root: string, file: string, line: number, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const editor = env.VISUAL || env.EDITOR;
  if (!editor) return 'e: set $VISUAL or $EDITOR to open the note in your editor';
  const run = spawnSync(`${editor} +${line} ${shellQuote(join(root, file))}`, { shell: true, stdio: 'inherit', env });
  if (run.error) return `e: cannot run ${editor}: ${messageOf(run.error)}`;
  if (run.status !== 0) return `e: ${editor} exited with status ${run.status ?? run.signal}`;
  return undefined;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
