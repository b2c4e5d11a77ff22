import { basename, resolve } from 'node:path';
import { DEFAULT_EXTRACT_OPTIONS, type ExtractOptions } from '../extract/index.js';

/**
 * The extraction options for the notes folder at `root`, with the folder's
 * name as the deck scheme's `vault` (the deck of the notes at its top) unless
 * one is set. Every reader of a vault goes through it before the cache is
 * opened, so the name is part of the cache's key: renaming the folder renames that deck.
 */
export function withVaultName(root: string, extract: Partial<ExtractOptions> = {}): Partial<ExtractOptions> {
  const deck = extract.deck ?? DEFAULT_EXTRACT_OPTIONS.deck;
  // The root of the file system has no name: its top notes keep extraction's fallback deck.
  const vault = deck.vault ?? basename(resolve(root));
  return vault ? { ...extract, deck: { ...deck, vault } } : extract;
}
