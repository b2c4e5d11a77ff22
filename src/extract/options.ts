import { KEEPABLE_REASONS, RULES, type DropReason, type Rule } from '../card.js';
import { DEFAULT_MAX_NESTING } from '../parse/index.js';
import { DEFAULT_MAX_NOTE_BYTES } from '../scan/read.js';

/**
 * What a note's cards depend on besides its text: the extraction cache's key.
 * A plain JSON object (sent to worker threads, hashed for the cache); every
 * field has a default.
 */
export interface CardOptions {
  /** The rules that make cards. Default: all four. */
  rules: Rule[];
  /** BCP 47 language for sentence splitting; default: guessed per note (Cyrillic → `ru`, else `en`). */
  language?: string;
  /** Notes larger than this (bytes of UTF-8) are skipped with a warning. */
  maxNoteBytes: number;
  /** Notes nested deeper than this (lists, quotes) are skipped with a warning. */
  maxNesting: number;
  /** How notes map to decks (settings `deck`); a note's front matter `deck` always wins. */
  deck: DeckScheme;
  /** Kinds of dropped cards to make all the same (settings `keep`): each turns one filter off. */
  keep: DropReason[];
  /** What the user left out (settings `exclude`, and a note's front matter adds its own). */
  exclude: Exclusions;
}

/**
 * Patterns, matched case-insensitively against the whole text, `*` standing
 * for any run of characters: `headings` leave out a section (and the headings
 * below it), `columns` a table column by its header, `terms` a definition or
 * bold term, a table row key, a list item.
 */
export interface Exclusions {
  headings: string[];
  columns: string[];
  terms: string[];
}

/** Which notes the scan reads: no note's cards depend on it, so editing it parses no note again. */
export interface ScanOptions {
  /** Notes left out (settings `ignore`): patterns relative to the notes folder, see src/settings/glob.ts. Dot folders always are. */
  ignore: string[];
}

/** What reading a vault takes, as the settings give it: the scan's options and the cards'. */
export type ExtractOptions = CardOptions & ScanOptions;

/** The options a note's cards depend on, without the scan's. */
export function cardOptionsOf({ ignore: _ignore, ...card }: ExtractOptions): CardOptions {
  return card;
}

/**
 * `folder`: the note's folders (`Folder::Sub`), a note at the top in the deck
 * named after the notes folder; `note`: the folders and the note's title
 * (`Folder::Sub::Title`); `title`: the note's title only; `single`: every note
 * in the deck `name`. For the others, a `name` is the parent deck they all go
 * under (and the deck of `folder`'s notes at the top).
 */
export interface DeckScheme {
  scheme: DeckSchemeName;
  name?: string;
  /** The notes folder's name: the deck of `single` without a `name` and of `folder`'s notes at the top. The vault loaders set it from the folder read. */
  vault?: string;
}

export const DECK_SCHEMES = ['folder', 'note', 'title', 'single'] as const;
export type DeckSchemeName = (typeof DECK_SCHEMES)[number];

export const DEFAULT_EXTRACT_OPTIONS: ExtractOptions = {
  rules: [...RULES],
  maxNoteBytes: DEFAULT_MAX_NOTE_BYTES,
  maxNesting: DEFAULT_MAX_NESTING,
  ignore: [],
  deck: { scheme: 'folder' },
  keep: [],
  exclude: { headings: [], columns: [], terms: [] },
};

export function resolveExtractOptions(options: Partial<ExtractOptions> = {}): ExtractOptions {
  const resolved: ExtractOptions = {
    ...DEFAULT_EXTRACT_OPTIONS,
    rules: [...DEFAULT_EXTRACT_OPTIONS.rules],
    ignore: [],
    deck: { scheme: 'folder' },
    keep: [],
    exclude: { headings: [], columns: [], terms: [] },
  };
  if (options.rules) resolved.rules = RULES.filter((rule) => options.rules?.includes(rule));
  if (options.language) resolved.language = options.language;
  if (options.maxNoteBytes !== undefined) resolved.maxNoteBytes = options.maxNoteBytes;
  if (options.maxNesting !== undefined) resolved.maxNesting = options.maxNesting;
  if (options.ignore) resolved.ignore = [...options.ignore];
  if (options.deck) {
    const { scheme, name, vault } = options.deck;
    resolved.deck = { scheme, ...(name ? { name } : {}), ...(vault ? { vault } : {}) };
  }
  // Only judgements come back: a card the user excluded, or a broken one, never does.
  if (options.keep) resolved.keep = KEEPABLE_REASONS.filter((reason) => options.keep?.includes(reason));
  if (options.exclude) {
    resolved.exclude = { headings: [...options.exclude.headings], columns: [...options.exclude.columns], terms: [...options.exclude.terms] };
  }
  return resolved;
}
