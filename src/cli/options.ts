import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';

/** The notes folder a command works on: the argument, or `./notes`. Must be an existing folder. */
export function resolveNotesDir(arg: string | undefined): string {
  const dir = resolve(arg ?? 'notes');
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UserError(`notes folder not found: ${arg ?? 'notes'}`);
  }
  if (!isDir) throw new UserError(`not a folder: ${arg ?? 'notes'} (give the folder that holds your notes)`);
  return dir;
}

/** The study database: `--state FILE`, or `.flashmark/state.db` inside the notes folder (which the scan ignores). */
export function resolveStatePath(notesDir: string, stateOption: string | undefined): string {
  return stateOption ? resolve(stateOption) : join(notesDir, '.flashmark', 'state.db');
}

/**
 * The clock: `--now ISO-DATE`, else the FLASHMARK_NOW environment variable,
 * else the real time. Injectable so tests and users can act "as of" another date.
 */
export function resolveNow(nowOption: string | undefined): Date {
  const value = nowOption ?? process.env['FLASHMARK_NOW'];
  if (value === undefined || value === '') return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new UserError(`--now: not a date: ${value} (use ISO form, e.g. 2026-03-01 or 2026-03-01T09:30)`);
  }
  return date;
}

/** A positive integer option, or a UserError naming the option. */
export function parsePositiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`${name}: expected a whole number, got ${value}`);
  return n;
}

/** The notes folder, `-o` and `--state`, as `build` and `watch` both take them. */
export function buildTargetOptions(command: Command): Command {
  return command
    .argument('[notes]', 'the notes folder', 'notes')
    .option('-o, --out <folder>', 'folder the .apkg files go to', 'decks')
    .option('--state <file>', 'the study database, which keeps the build history (default: <notes>/.flashmark/state.db)');
}
