import type { Command } from 'commander';
import { realpathSync, statSync } from 'node:fs';
import { specialKind } from '../fs/special-kind.js';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../errors.js';
import type { PackageOf } from '../build/index.js';
import { ANKI_KEY_VARIABLE, DEFAULT_ANKI_URL } from '../sync/index.js';
import { cachePathFor } from '../vault/cache.js';

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

/**
 * The study database: `--state FILE`, or `.flashmark/state.db` inside the notes
 * folder (which the scan ignores). Only the default's folder is created: an
 * explicit path in a missing folder is more likely a typo than a wish for new folders.
 */
export function resolveStatePath(notesDir: string, stateOption: string | undefined): string {
  if (!stateOption) return refuseSpecialStateFiles(join(notesDir, '.flashmark', 'state.db'), 'the study database');
  const path = resolve(stateOption);
  let isDir = false;
  try {
    isDir = statSync(dirname(path)).isDirectory();
  } catch {
    throw new UserError(`--state: the folder of ${path} does not exist; create it first, or give another path`);
  }
  if (!isDir) throw new UserError(`--state: ${dirname(path)} is not a folder (in ${path})`);
  return refuseSpecialStateFiles(path, '--state:');
}

/**
 * The study database and its build cache must be regular files or absent:
 * SQLite opening a FIFO blocks for ever, and a device (`/dev/zero`, `/dev/null`)
 * would be read as an empty database. A link to a regular file is fine.
 */
function refuseSpecialStateFiles(path: string, name: string): string {
  for (const file of [path, cachePathFor(path)]) {
    const kind = specialKind(file);
    const what = file === path ? file : `${path}: its build cache ${file}`;
    if (kind !== undefined) throw new UserError(`${name} ${what} is ${kind}, not a regular file; remove it, or give another path`);
  }
  return path;
}


/**
 * The clock: `--now ISO-DATE`, else the FLASHMARK_NOW environment variable,
 * else the real time. Injectable so tests and users can act "as of" another date.
 */
export function resolveNow(nowOption: string | undefined): Date {
  const value = nowOption ?? process.env['FLASHMARK_NOW'];
  if (value === undefined || value === '') return new Date();
  const name = nowOption === undefined ? 'FLASHMARK_NOW' : '--now';
  const date = parseIsoTime(value.trim());
  if (date === undefined) {
    throw new UserError(
      `${name}: not a date and time from ${MIN_YEAR} to ${MAX_YEAR}: ${value} (ISO form, e.g. 2026-03-01, 2026-03-01T09:30 or 2026-03-01T09:30:00Z)`,
    );
  }
  return date;
}

/** The years `--now` accepts: dates the study days, the build's `mod`s and Anki's ids all hold. */
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A real calendar date and time in ISO form, or undefined: `Date` itself rolls
 * `2026-02-30` over to March 2 and reads `0001-01-01` as 1901.
 */
function parseIsoTime(value: string): Date | undefined {
  const match = ISO_TIME.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  if (year! < MIN_YEAR || year! > MAX_YEAR || month! < 1 || month! > 12) return undefined;
  if (day! < 1 || day! > new Date(Date.UTC(year!, month!, 0)).getUTCDate()) return undefined;
  if (hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const date = new Date(value.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The longest a build waits for the real clock to reach a package's `mod`: a few quick saves under `watch`. */
const MAX_CLOCK_WAIT_MS = 3000;

/**
 * A build's wait for the clock (see BuildOptions.waitUntil): on the real
 * clock, sleep until it reads `ms`, if that is at most a few seconds away.
 * None with an explicit `--now` or FLASHMARK_NOW, a clock of the user's own.
 */
export function clockWait(nowOption: string | undefined): ((ms: number) => Promise<void>) | undefined {
  if ((nowOption ?? process.env['FLASHMARK_NOW'] ?? '') !== '') return undefined;
  return waitForRealClock;
}

/** Sleeps until the real clock reads `ms`, unless that is past or over MAX_CLOCK_WAIT_MS away. */
export async function waitForRealClock(ms: number): Promise<void> {
  const wait = ms - Date.now();
  if (wait > 0 && wait <= MAX_CLOCK_WAIT_MS) await sleep(wait);
}

/** A whole-number option from 0 to `max`, or a UserError naming the option and its range. */
export function parseWholeNumber(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n > max) throw new UserError(`${name}: expected a whole number from 0 to ${max}, got ${value}`);
  return n;
}

/** The most days `stats --days` forecasts: ten years, one row each. */
export const MAX_FORECAST_DAYS = 3650;
/** The most new cards a day (`--new`, `--new-per-deck`): more than anyone studies, small enough to count. */
export const MAX_NEW_PER_DAY = 100_000;

/** The notes folder, `-o` and `--state`, as `build` and `watch` both take them. */
export function buildTargetOptions(command: Command): Command {
  return command
    .argument('[notes]', 'the notes folder', 'notes')
    .option('-o, --out <folder>', 'folder the .apkg files go to', 'decks')
    .option('--state <file>', 'the study database, which keeps the build history (default: <notes>/.flashmark/state.db)');
}

/** A file the build writes into `-o`: a package, or the temporary file a package is written to first. */
const OUTPUT_NAME = /\.apkg(\.\d+\.\d+\.tmp)?$/i;

/**
 * Refuses a study database that is, or would be, one of the build's outputs
 * (`--state decks/Git.apkg`): writing that package would replace the database.
 */
export function refuseStateAmongOutputs(stateOption: string | undefined, outDir: string): void {
  if (!stateOption) return;
  const statePath = resolve(stateOption);
  if (OUTPUT_NAME.test(basename(statePath)) && realPath(dirname(statePath)) === realPath(resolve(outDir))) {
    throw new UserError(`--state: ${statePath} is in the -o folder with a package's name; the build would overwrite it (give a path outside ${outDir}, or another name)`);
  }
}

/** The path with symlinks resolved, as far as it exists (a missing -o is compared as given). */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Where AnkiConnect listens and its key, as `sync` and `watch --sync` take them. */
export function ankiOptions(command: Command): Command {
  return command
    .option('--anki-url <url>', "AnkiConnect's address", DEFAULT_ANKI_URL)
    .option('--anki-key <key>', `the API key set in AnkiConnect's config, if any (or ${ANKI_KEY_VARIABLE})`);
}

/** The add-on's API key: `--anki-key`, else the environment variable, else none (an empty value is none). */
export function resolveAnkiKey(option: string | undefined): string | undefined {
  const key = option ?? process.env[ANKI_KEY_VARIABLE];
  return key === undefined || key === '' ? undefined : key;
}

/**
 * Where `build` writes: `-o FOLDER` gives one package per top-level folder or
 * note in it; `-o FILE.apkg` one package with every deck, in the file's folder.
 */
export function resolvePackageTarget(out: string): { outDir: string; packageOf?: PackageOf } {
  const match = /^(.*)\.apkg$/i.exec(basename(out));
  if (!match) return { outDir: out };
  const key = match[1]!;
  if (key.trim() === '' || key.startsWith('.')) throw new UserError(`-o: give the package a name: ${out}`);
  return { outDir: dirname(resolve(out)), packageOf: () => key };
}
