import { DROP_REASONS, RULES, type DropReason, type NoteWarning, type Rule } from '../card.js';
import type { Vault } from '../vault/load.js';

/**
 * What a vault yields, before a first import: cards per rule, per file and per
 * deck, candidates dropped per reason, and every note that makes none with the
 * reason (`flashmark cards --summary`).
 */
export interface VaultSummary {
  /** Note files found, skipped ones included. */
  notes: number;
  /** Cards as `cards --json` lists them (Anki notes). */
  cards: number;
  /** The cards Anki makes of them (a cloze makes one per deletion number). */
  ankiCards: number;
  rules: Record<Rule, number>;
  /** Rules the settings turned off. */
  rulesOff: Rule[];
  /** Candidates turned down, per reason (`cards --dropped` lists them). */
  dropped: Record<DropReason, number>;
  /** Notes that make cards, by file. */
  files: { file: string; cards: number; rules: Partial<Record<Rule, number>> }[];
  decks: { deck: string; cards: number }[];
  /** Notes (and unreadable folders) that make no card, by file, each with why. */
  skipped: { file: string; reason: string }[];
}

/** The summary of a loaded vault; `rules` are the rules that ran (default: all). */
export function summarizeVault(vault: Vault, rules: readonly Rule[] = RULES): VaultSummary {
  const perRule = Object.fromEntries(RULES.map((rule) => [rule, 0])) as Record<Rule, number>;
  const decks = new Map<string, number>();
  const files: VaultSummary['files'] = [];
  const skipped: VaultSummary['skipped'] = [];
  const dropped = Object.fromEntries(DROP_REASONS.map((reason) => [reason, 0])) as Record<DropReason, number>;
  let cards = 0;
  let ankiCards = 0;
  for (const note of vault.notes) {
    for (const candidate of note.dropped) dropped[candidate.reason] += 1;
    if (note.cards.length === 0) {
      const allDropped = note.dropped.length > 0 ? `all ${plural(note.dropped.length, 'candidate')} dropped (--dropped says why)` : undefined;
      skipped.push({ file: note.file, reason: note.skipped ?? refusal(note.warnings) ?? allDropped ?? 'no cards' });
      continue;
    }
    const byRule: Partial<Record<Rule, number>> = {};
    for (const card of note.cards) {
      perRule[card.rule] += 1;
      byRule[card.rule] = (byRule[card.rule] ?? 0) + 1;
      decks.set(card.deck, (decks.get(card.deck) ?? 0) + 1);
      ankiCards += card.cards;
    }
    cards += note.cards.length;
    files.push({ file: note.file, cards: note.cards.length, rules: byRule });
  }
  for (const warning of vault.warnings) skipped.push({ file: warning.file, reason: withoutSkipped(warning.message) });
  for (const { file, pattern } of vault.ignored ?? []) skipped.push({ file, reason: `ignored by settings (${pattern})` });
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    notes: vault.notes.length + vault.warnings.length + (vault.ignored?.length ?? 0),
    cards,
    ankiCards,
    rules: perRule,
    rulesOff: RULES.filter((rule) => !rules.includes(rule)),
    dropped,
    files,
    decks: [...decks].map(([deck, count]) => ({ deck, cards: count })).sort((a, b) => (a.deck < b.deck ? -1 : a.deck > b.deck ? 1 : 0)),
    skipped,
  };
}

/** The warning that made extraction refuse a note (too deep, unparsable), if one did. */
function refusal(warnings: readonly NoteWarning[]): string | undefined {
  const warning = warnings.find((w) => w.kind === 'skipped');
  return warning === undefined ? undefined : withoutSkipped(warning.message);
}

function withoutSkipped(message: string): string {
  return message.replace(/; skipped\b/, '');
}

/** A pattern that ignores more notes than this is one line of the listing, not one line per note. */
const IGNORED_LISTED = 5;

/** The summary as text for a person. */
export function formatSummary(summary: VaultSummary): string {
  const lines: string[] = [];
  const made = summary.files.length;
  lines.push(
    `${plural(summary.notes, 'note')}: ${made} make ${plural(summary.cards, 'card')} (${summary.ankiCards} in Anki), ${summary.skipped.length} make none.`,
    '',
    'Cards per rule:',
  );
  for (const rule of RULES) {
    lines.push(`  ${rule.padEnd(11)}${String(summary.rules[rule]).padStart(7)}${summary.rulesOff.includes(rule) ? '  (off in settings)' : ''}`);
  }
  const reasons = DROP_REASONS.filter((reason) => summary.dropped[reason] > 0);
  if (reasons.length > 0) {
    lines.push('', 'Candidates dropped per reason (flashmark cards --dropped lists them):');
    for (const reason of reasons) lines.push(`  ${reason.padEnd(16)}${String(summary.dropped[reason]).padStart(7)}`);
  }
  if (made > 0) {
    lines.push('', 'Cards per file:');
    const width = String(Math.max(...summary.files.map((f) => f.cards))).length;
    for (const file of summary.files) {
      const byRule = RULES.filter((rule) => file.rules[rule]).map((rule) => `${rule} ${file.rules[rule]}`).join(', ');
      lines.push(`  ${String(file.cards).padStart(width)}  ${file.file}  (${byRule})`);
    }
  }
  if (summary.skipped.length > 0) {
    lines.push('', 'Skipped:');
    const ignoredCount = new Map<string, number>();
    for (const { reason } of summary.skipped) ignoredCount.set(reason, (ignoredCount.get(reason) ?? 0) + 1);
    const folded = new Set<string>();
    for (const { file, reason } of summary.skipped) {
      const count = ignoredCount.get(reason) ?? 0;
      if (reason.startsWith('ignored by settings') && count > IGNORED_LISTED) {
        if (!folded.has(reason)) lines.push(`  ${plural(count, 'note')}: ${reason}`);
        folded.add(reason);
      } else lines.push(`  ${file}: ${reason}`);
    }
    if (summary.skipped.some((s) => s.reason === 'no cards')) {
      lines.push('', '"no cards": the note has no bold text, no "Term: explanation" line, no list under a heading and no table.');
    }
  }
  return `${lines.join('\n')}\n`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
