import { DROP_REASONS, KEEPABLE_REASONS, type DropReason } from '../card.js';
import type { Exclusions } from './options.js';

/**
 * The user's choices of what extraction keeps and leaves out — `keep` and
 * `exclude` — read the same way from the settings file and from a note's
 * front matter (`flashmark: { keep: …, exclude: … }`).
 */

/** A choice of the wrong kind: one line naming the key, which the caller turns into its error or warning. */
export class ChoiceError extends Error {}

const EXCLUSION_KINDS = ['headings', 'columns', 'terms'] as const;

/** `keep`: reasons a rule drops candidates for, one alone or a list; each brings those cards back. */
export function readKeep(value: unknown, key: string): DropReason[] {
  const items = typeof value === 'string' ? [value] : value;
  const valid = `reasons it can name: ${KEEPABLE_REASONS.join(', ')}`;
  if (!Array.isArray(items)) throw new ChoiceError(`"${key}" should be a list of reasons (${valid}), not ${kindOf(value)}`);
  const keep: DropReason[] = [];
  for (const item of items) {
    if (typeof item !== 'string' || !(DROP_REASONS as readonly string[]).includes(item)) {
      throw new ChoiceError(`"${key}": unknown reason ${kindOf(item)} (${valid})`);
    }
    const reason = item as DropReason;
    if (!KEEPABLE_REASONS.includes(reason)) throw new ChoiceError(`"${key}": "${reason}" cards never come back (${valid})`);
    if (!keep.includes(reason)) keep.push(reason);
  }
  return keep;
}

/** `exclude`: `headings`, `columns` and `terms`, each one pattern or a list of them. */
export function readExclusions(value: unknown, key: string): Exclusions {
  if (!isRecord(value)) throw new ChoiceError(`"${key}" should be a set of lists (${EXCLUSION_KINDS.join(', ')}), not ${kindOf(value)}`);
  const unknown = Object.keys(value).find((kind) => !(EXCLUSION_KINDS as readonly string[]).includes(kind));
  if (unknown !== undefined) {
    throw new ChoiceError(`unknown setting "${key}.${unknown}" (known: ${EXCLUSION_KINDS.map((kind) => `${key}.${kind}`).join(', ')})`);
  }
  const exclusions: Exclusions = { headings: [], columns: [], terms: [] };
  for (const kind of EXCLUSION_KINDS) {
    // A kind with no value (`terms:` above commented-out lines) names nothing.
    if (value[kind] != null) exclusions[kind] = readPatterns(value[kind], `${key}.${kind}`);
  }
  return exclusions;
}

function readPatterns(value: unknown, key: string): string[] {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items)) throw new ChoiceError(`"${key}" should be a list of names or patterns, not ${kindOf(value)}`);
  return items.map((item, i) => {
    if (typeof item !== 'string' && typeof item !== 'number') throw new ChoiceError(`"${key}" item ${i + 1} should be a name or pattern, not ${kindOf(item)}`);
    const pattern = String(item).trim();
    if (pattern === '') throw new ChoiceError(`"${key}" item ${i + 1}: an empty pattern`);
    return pattern;
  });
}

/** Both sets of choices: the vault's, then the note's own. */
export function mergeExclusions(vault: Exclusions, note: Exclusions): Exclusions {
  return {
    headings: [...vault.headings, ...note.headings],
    columns: [...vault.columns, ...note.columns],
    terms: [...vault.terms, ...note.terms],
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value reads in a message: `3`, `"x"`, `a list`. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number') return `${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  return 'a set of keys';
}

const NOTE_CHOICES = ['keep', 'exclude'] as const;

/**
 * A note's own choices (front matter `flashmark: { keep: …, exclude: … }`),
 * added to the vault's. A choice of the wrong kind is a problem (a warning
 * naming the note) and left out; the note is still read with the rest.
 */
export function readNoteChoices(
  written: Record<string, unknown> | undefined,
  problems: Set<string>,
): { keep: DropReason[]; exclude: Exclusions } {
  const choices = { keep: [] as DropReason[], exclude: { headings: [], columns: [], terms: [] } as Exclusions };
  if (written === undefined) return choices;
  const warn = (message: string): void => void problems.add(`front matter ${message}; ignored`);
  for (const key of Object.keys(written)) {
    if (!(NOTE_CHOICES as readonly string[]).includes(key)) warn(`has unknown choice "flashmark.${key}" (known: flashmark.keep, flashmark.exclude)`);
  }
  try {
    if (written['keep'] != null) choices.keep = readKeep(written['keep'], 'flashmark.keep');
  } catch (error) {
    if (!(error instanceof ChoiceError)) throw error;
    warn(error.message);
  }
  try {
    if (written['exclude'] != null) choices.exclude = readExclusions(written['exclude'], 'flashmark.exclude');
  } catch (error) {
    if (!(error instanceof ChoiceError)) throw error;
    warn(error.message);
  }
  return choices;
}
