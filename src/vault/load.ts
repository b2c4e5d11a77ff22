import type { NoteResult, NoteWarning } from '../card.js';
import { extractNote, resolveExtractOptions, type ExtractOptions } from '../extract/index.js';
import { findNoteFiles, readNoteText, type IgnoredNote } from '../scan/index.js';
import { withVaultName } from './vault-name.js';

/** A notes folder read and extracted: every note's cards, and the problems found while scanning. */
export interface Vault {
  root: string;
  /** One result per note that could be read, sorted by file. */
  notes: NoteResult[];
  /** Scan-level problems: unreadable folders, notes too big, binary or not UTF-8 (those notes are not in `notes`). */
  warnings: NoteWarning[];
  /** Notes the settings' `ignore` patterns left out (not read). */
  ignored?: IgnoredNote[];
}

/** Reads and extracts every note below `root`, one after another. A bad note is a warning, never an exception. */
export async function loadVault(root: string, options: Partial<ExtractOptions> = {}): Promise<Vault> {
  const resolved = resolveExtractOptions(withVaultName(root, options));
  const { files, warnings, ignored } = await findNoteFiles(root, resolved.ignore);
  const notes: NoteResult[] = [];
  for (const file of files) {
    const read = readNoteText(root, file, resolved.maxNoteBytes);
    if (!read.ok) {
      warnings.push({ file, message: read.reason, kind: read.kind });
      continue;
    }
    notes.push(extractNote(file, read.text, resolved));
  }
  return { root, notes, warnings, ignored };
}
