import type { Db } from '../store/database.js';
import type { LoadingVault } from '../vault/incremental.js';
import { applyAliases, followRenames, loadAliases } from './follow.js';
import type { Rename } from './match.js';
import { traceOf } from './traces.js';

/**
 * `build` and `watch`: the vault's notes give their cards the ids they took
 * over, and notes that arrived since the last build take over the cards of
 * the notes gone since (the extraction cache's last results of those). Waits
 * for the arrived notes' cards only when a note is gone too.
 */
export async function keepLoadedIdentities(db: Db, vault: LoadingVault): Promise<Rename[]> {
  const aliases = loadAliases(db);
  let renames: Rename[] = [];
  if (vault.departed.length > 0) {
    const arrivedFiles = new Set(vault.arrived);
    const arrived = vault.notes.filter((note) => arrivedFiles.has(note.file));
    await Promise.all(arrived.map((note) => note.ready));
    const gone = vault.departed.map((note) => traceOf(note.file, applyAliases(note, aliases).cards));
    renames = followRenames(db, aliases, gone, arrived.map((note) => note.result()));
  }
  if (aliases.size > 0) {
    for (const note of vault.notes) {
      const extracted = note.result;
      note.result = () => applyAliases(extracted(), aliases);
    }
  }
  return renames;
}
