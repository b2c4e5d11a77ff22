import type { NoteResult } from '../card.js';
import { messageOf } from '../errors.js';
import { extractNote, type ExtractOptions } from '../extract/index.js';
import { storedResultJson } from './stored-result.js';

/**
 * One note's extraction result as JSON (stored-result.ts) — the unit the
 * pool's workers send back and the cache stores. A note whose extraction
 * throws becomes a warning that names it, so one bad note never stops the
 * vault.
 */
export function extractSerialized(file: string, text: string, options: Partial<ExtractOptions>): string {
  let result: NoteResult;
  try {
    result = extractNote(file, text, options);
  } catch (error) {
    result = { file, cards: [], dropped: [], warnings: [{ file, message: `cannot extract cards: ${messageOf(error)}`, kind: 'skipped' }] };
  }
  return storedResultJson(result);
}
