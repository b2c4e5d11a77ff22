import { hashPrefix } from '../hash.js';
import type { Rule } from '../card.js';
import { normalizeSpace } from './text.js';

/**
 * A card's id: the first 16 hex digits of SHA-1 over the note's identity, the
 * rule and the cue (what is asked, never the answer), whitespace-normalised so
 * re-wrapping a line keeps the card.
 */
export function cardId(noteIdentity: string, rule: Rule, cue: string): string {
  return hashPrefix('sha1', `${noteIdentity}\u0000${rule}\u0000${normalizeSpace(cue)}`, 16);
}

/**
 * A note's identity: its front matter `id` (survives renames and moves), else
 * its path without `.md`, in Unicode NFC: a copy through macOS or a sync tool
 * may spell `é` as `e` + a combining accent (NFD), and the cards must stay the same.
 */
export function noteIdentity(file: string, frontMatterId: string | undefined): string {
  return frontMatterId ? `id:${frontMatterId}` : file.replace(/\.md$/i, '').normalize('NFC');
}
