import { isMap, parseDocument } from 'yaml';
import { RULES, type Rule } from '../card.js';
import { ChoiceError, isRecord, kindOf, readExclusions, readKeep } from '../extract/choices.js';
import { DECK_SCHEMES, type DeckScheme, type DeckSchemeName, type ExtractOptions } from '../extract/index.js';
import { compileIgnorePattern } from './glob.js';

/** The settings of `review` and `stats`; unset ones fall back to the command's defaults. Command-line options win. */
export interface ReviewSettings {
  /** `review.new`: new cards per study day, all decks together. */
  newPerDay?: number;
  /** `review.newPerDeck`: new cards per study day in each deck. */
  newPerDeck?: number;
  /** `review.rollover`: the local hour a study day starts. */
  rolloverHour?: number;
}

/** A vault's settings, ready for the commands: what extraction does, and the study defaults. */
export interface VaultSettings {
  /** The settings file read, as shown in messages; undefined when the vault has none. */
  file?: string;
  /** `ignore`, `rules`, `deck`, `keep`, `exclude`: pass as the extraction options of loadVault / buildVault (all but `ignore` key the extraction cache). */
  extract: Partial<ExtractOptions>;
  review: ReviewSettings;
}

/** A setting that is unknown or of the wrong kind: its message names the key. */
export class SettingsError extends Error {}

const KEYS = ['ignore', 'rules', 'deck', 'keep', 'exclude', 'review'] as const;

/**
 * The settings in a settings file's text. `vaultName` names the one deck of
 * `deck: single` when no name is given. Throws a SettingsError (one line,
 * naming the key) for invalid YAML, an unknown key or a value of the wrong kind.
 */
export function parseVaultSettings(text: string, vaultName: string): Omit<VaultSettings, 'file'> {
  const data = readYamlMapping(text);
  checkKeys(data, KEYS, '');
  const extract: Partial<ExtractOptions> = {};
  // A key with no value (`ignore:` above commented-out lines) is a setting left unset.
  if (data['ignore'] != null) extract.ignore = readIgnore(data['ignore']);
  if (data['rules'] != null) extract.rules = readRules(data['rules']);
  if (data['deck'] != null) extract.deck = readDeck(data['deck'], vaultName);
  try {
    if (data['keep'] != null) extract.keep = readKeep(data['keep'], 'keep');
    if (data['exclude'] != null) extract.exclude = readExclusions(data['exclude'], 'exclude');
  } catch (error) {
    throw error instanceof ChoiceError ? new SettingsError(error.message) : error;
  }
  const review = data['review'] == null ? {} : readReview(data['review']);
  return { extract, review };
}

/** The file's top-level mapping (empty for an empty file). */
function readYamlMapping(text: string): Record<string, unknown> {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) throw new SettingsError(`invalid YAML at line ${lineAt(text, error.pos[0])}: ${firstLine(error.message)}`);
  if (doc.contents === null) return {};
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (problem) {
    throw new SettingsError(`invalid YAML: ${firstLine((problem as Error).message)}`);
  }
  if (!isMap(doc.contents) || !isRecord(data)) throw new SettingsError(`should be a set of settings (key: value lines), not ${kindOf(data)}`);
  return data;
}

/** `ignore`: a list of folders or patterns (one alone may be written without the list). */
function readIgnore(value: unknown): string[] {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items)) throw new SettingsError(`"ignore" should be a list of folders or patterns, not ${kindOf(value)}`);
  return items.map((item, i) => {
    if (typeof item !== 'string') throw new SettingsError(`"ignore" item ${i + 1} should be a folder or pattern, not ${kindOf(item)}`);
    try {
      compileIgnorePattern(item);
    } catch (error) {
      throw new SettingsError(`"ignore" item ${i + 1}: ${(error as Error).message}`);
    }
    return item;
  });
}

/** `rules`: a list of the rules to run, or a mapping turning single rules off (`bold: false`). */
function readRules(value: unknown): Rule[] {
  if (Array.isArray(value)) {
    return value.map((item) => {
      if (typeof item !== 'string' || !isRule(item)) {
        throw new SettingsError(`"rules": unknown rule ${typeof item === 'string' ? `"${item}"` : kindOf(item)} (rules: ${RULES.join(', ')})`);
      }
      return item;
    });
  }
  if (isRecord(value)) {
    checkKeys(value, RULES, 'rules.');
    return RULES.filter((rule) => {
      const on = value[rule];
      if (on != null && typeof on !== 'boolean') throw new SettingsError(`"rules.${rule}" should be true or false, not ${kindOf(on)}`);
      return on !== false;
    });
  }
  throw new SettingsError(`"rules" should be a list of rules (${RULES.join(', ')}) or rule: true/false lines, not ${kindOf(value)}`);
}

/** `deck`: a scheme name, or `{ scheme, name }`. */
function readDeck(value: unknown, vaultName: string): DeckScheme {
  const expected = `${DECK_SCHEMES.join(', ')} or { scheme: …, name: … }`;
  let scheme: unknown;
  let name: unknown;
  if (typeof value === 'string') scheme = value;
  else if (isRecord(value)) {
    checkKeys(value, ['scheme', 'name'], 'deck.');
    scheme = value['scheme'] ?? 'folder';
    name = value['name'];
  } else throw new SettingsError(`"deck" should be ${expected}, not ${kindOf(value)}`);
  const key = typeof value === 'string' ? 'deck' : 'deck.scheme';
  if (typeof scheme !== 'string' || !(DECK_SCHEMES as readonly string[]).includes(scheme)) {
    throw new SettingsError(`"${key}" should be one of ${DECK_SCHEMES.join(', ')}, not ${kindOf(scheme)}`);
  }
  if (name !== undefined && name !== null && (typeof name !== 'string' || name.trim() === '' || name.split('::').some((level) => level.trim() === ''))) {
    throw new SettingsError(`"deck.name" should be a deck name (levels joined by ::), not ${kindOf(name)}`);
  }
  const deckName = typeof name === 'string' ? name.trim() : scheme === 'single' ? vaultName : undefined;
  return { scheme: scheme as DeckSchemeName, ...(deckName ? { name: deckName } : {}) };
}

function readReview(value: unknown): ReviewSettings {
  if (!isRecord(value)) throw new SettingsError(`"review" should be a set of settings (new, newPerDeck, rollover), not ${kindOf(value)}`);
  checkKeys(value, ['new', 'newPerDeck', 'rollover'], 'review.');
  const review: ReviewSettings = {};
  const newPerDay = value['new'];
  if (newPerDay != null) {
    if (typeof newPerDay !== 'number' || !Number.isInteger(newPerDay) || newPerDay < 0) {
      throw new SettingsError(`"review.new" should be a whole number of new cards per day (0 or more), not ${kindOf(newPerDay)}`);
    }
    review.newPerDay = newPerDay;
  }
  const newPerDeck = value['newPerDeck'];
  if (newPerDeck != null) {
    if (typeof newPerDeck !== 'number' || !Number.isInteger(newPerDeck) || newPerDeck < 0) {
      throw new SettingsError(`"review.newPerDeck" should be a whole number of new cards per day in each deck (0 or more), not ${kindOf(newPerDeck)}`);
    }
    review.newPerDeck = newPerDeck;
  }
  const rollover = value['rollover'];
  if (rollover != null) {
    if (typeof rollover !== 'number' || !Number.isInteger(rollover) || rollover < 0 || rollover > 23) {
      throw new SettingsError(`"review.rollover" should be the hour a study day starts, 0 to 23, not ${kindOf(rollover)}`);
    }
    review.rolloverHour = rollover;
  }
  return review;
}

function checkKeys(record: Record<string, unknown>, known: readonly string[], prefix: string): void {
  const unknown = Object.keys(record).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new SettingsError(`unknown setting "${prefix}${unknown}" (known: ${known.map((key) => prefix + key).join(', ')})`);
  }
}

function isRule(name: string): name is Rule {
  return (RULES as readonly string[]).includes(name);
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/:\s*$/, '');
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
