import { readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { UserError } from '../errors.js';
import { SettingsError, parseVaultSettings, type VaultSettings } from './parse.js';

/** The settings file at the notes folder's root. A dot file: Obsidian and the scan leave it alone. */
export const SETTINGS_FILE = '.flashmark.yml';
/** The same file under YAML's other extension. */
const SETTINGS_FILE_ALT = '.flashmark.yaml';
/** Far above any real settings file; reading a huge file by mistake would only be slow. */
const MAX_SETTINGS_BYTES = 1024 * 1024;

/**
 * The settings of the vault at `notesDir` — the one way every command that
 * reads notes (cards, build, review, stats, watch) gets them, before it writes
 * anything. No settings file gives the defaults. A bad file is a UserError of
 * one line naming the file and the key: the command stops with nothing written.
 */
export function loadVaultSettings(notesDir: string): VaultSettings {
  const found = [SETTINGS_FILE, SETTINGS_FILE_ALT].map((name) => join(notesDir, name)).filter(isPresent);
  const path = found[0];
  if (path === undefined) return { extract: {}, review: {} };
  const shown = displayPath(path);
  if (found.length > 1) throw new UserError(`${shown}: ${SETTINGS_FILE} and ${SETTINGS_FILE_ALT} both exist; keep one`);
  try {
    return { file: shown, ...parseVaultSettings(readSettingsText(path), basename(notesDir)) };
  } catch (error) {
    if (error instanceof SettingsError) throw new UserError(`${shown}: ${error.message}`);
    throw error;
  }
}

function isPresent(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function readSettingsText(path: string): string {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new SettingsError('is not a file');
    if (statSync(path).size > MAX_SETTINGS_BYTES) throw new SettingsError(`too big for a settings file (over ${MAX_SETTINGS_BYTES / 1024} KB)`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    throw new SettingsError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SettingsError('not UTF-8 text (save it as UTF-8)');
  }
}

/** The path as the user would type it: relative to the working folder when inside it. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
