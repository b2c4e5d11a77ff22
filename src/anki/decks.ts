import { createHash } from 'node:crypto';
import { compareStrings } from './text.js';

/** Anki's built-in deck and deck option group; every package carries both, and no card goes into deck 1. */
export const DEFAULT_DECK_ID = 1;
export const DEFAULT_DCONF_ID = 1;

/**
 * A deck name as Anki stores it: `::` between levels, each level trimmed and
 * free of control characters, no empty levels. Empty if nothing is left.
 */
export function normalizeDeckName(name: string): string {
  return name
    .normalize('NFC')
    .split('::')
    .map((level) => level.replace(/[\x00-\x1f\x7f]/g, '').trim())
    .filter((level) => level !== '')
    .join('::');
}

/** What a top-level deck named like Anki's own becomes. */
const DEFAULT_STAND_IN = 'Default (notes)';

/**
 * Anki matches decks by name, so a top-level deck called "Default" (any case),
 * or one under it, would be a second deck named like the package's deck 1,
 * which Anki's importer rejects; its top level gets a distinct name instead.
 */
function avoidDefault(name: string): string {
  const [top, ...rest] = name.split('::');
  return top?.toLowerCase() === 'default' ? [DEFAULT_STAND_IN, ...rest].join('::') : name;
}

/**
 * A deck id derived from the name alone, so it is the same in every build:
 * millisecond-timestamp-sized (2001–2018), never 1. Anki discards package
 * deck ids on import and matches by name; stable ids keep packages byte-identical.
 */
export function deckIdOf(name: string): number {
  const digest = createHash('sha256').update(name.toLowerCase()).digest();
  return 1_000_000_000_000 + (digest.readUIntBE(0, 6) % 500_000_000_000);
}

export interface DeckEntry {
  id: number;
  name: string;
}

/**
 * Every deck the given names need, parents included, with one spelling per
 * name (Anki compares names case-insensitively; the first in sorted order wins)
 * and unique ids. Returns the decks sorted by name and a map from each given
 * name to its deck id.
 */
export function collectDecks(names: Iterable<string>, fallback: string): { decks: DeckEntry[]; idOf: Map<string, number> } {
  const given = [...new Set(names)].sort(compareStrings);
  const spelling = new Map<string, string>(); // lowercased full name -> canonical full name
  const canonicalOf = new Map<string, string>(); // given name -> canonical full name
  for (const raw of given) {
    const normalized = avoidDefault(normalizeDeckName(raw) || normalizeDeckName(fallback) || 'flashmark');
    let prefix = '';
    for (const level of normalized.split('::')) {
      const candidate = prefix === '' ? level : `${prefix}::${level}`;
      const key = candidate.toLowerCase();
      if (!spelling.has(key)) spelling.set(key, candidate);
      prefix = spelling.get(key)!;
    }
    canonicalOf.set(raw, prefix);
  }
  const usedIds = new Set<number>([DEFAULT_DECK_ID]);
  const idByName = new Map<string, number>();
  const decks = [...spelling.values()].sort(compareStrings).map((name) => {
    let id = deckIdOf(name);
    while (usedIds.has(id)) id += 1; // a hash collision: rare, and resolved the same way in every build
    usedIds.add(id);
    idByName.set(name, id);
    return { id, name };
  });
  const idOf = new Map<string, number>();
  for (const [raw, canonical] of canonicalOf) idOf.set(raw, idByName.get(canonical)!);
  return { decks, idOf };
}

/** The JSON Anki keeps for a deck in `col.decks`. */
export function deckJson(id: number, name: string, mod: number): Record<string, unknown> {
  return {
    id,
    name,
    mod,
    usn: 0,
    collapsed: false,
    browserCollapsed: false,
    dyn: 0,
    conf: DEFAULT_DCONF_ID,
    desc: '',
    extendNew: 0,
    extendRev: 0,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
  };
}

/** Anki's default deck options (option group 1), as the legacy collection stores them. */
export function defaultDeckConfJson(): Record<string, unknown> {
  return {
    id: DEFAULT_DCONF_ID,
    name: 'Default',
    mod: 0,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20, separate: true },
    rev: { bury: false, ease4: 1.3, fuzz: 0.05, ivlFct: 1, maxIvl: 36500, minSpace: 1, perDay: 200, hardFactor: 1.2 },
    lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
  };
}
