import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import type { Card, DroppedCard, NoteWarning } from '../../card.js';
import { decodeEntities, htmlText } from '../../extract/finish.js';
import { loadVaultSettings } from '../../settings/index.js';
import { formatSummary, summarizeVault } from '../../summary/index.js';
import { cardsJsonChunks } from '../../vault/cards-json.js';
import { ListingWriter, listingKey, listingPathFor, openStoredListing } from '../../vault/stored-listing.js';
import { readVault, type ReadVault } from '../../vault/read-vault.js';
import { keepsDuplicates } from '../../vault/same-content.js';
import { keepFirstCards } from '../../vault/unique-ids.js';
import { resolveNotesDir, resolveStatePath } from '../options.js';
import { listSuspended, unsuspend } from '../suspended.js';
import { printable, warningLine } from '../../printable.js';

interface CardsCommandOptions {
  json?: boolean;
  summary?: boolean;
  dropped?: boolean;
  suspended?: boolean;
  unsuspend?: string[];
  state?: string;
}

/** What a listing shows of a card or of a dropped candidate. */
type Listed = Pick<Card, 'type' | 'front' | 'back'>;

/** How deep a code block's lines sit in the listing: under the text after `Q: ` and `A: `. */
const CODE_INDENT = '     ';

/**
 * A field as the listing shows it: its text, and each code block as its own
 * lines with their indentation (code flattened onto one line cannot be read).
 */
function fieldText(html: string): string {
  if (!html.includes('<pre>')) return htmlText(html);
  return html
    .split(/(<pre>[\s\S]*?<\/pre>)/)
    .map((part) => (part.startsWith('<pre>') ? codeLines(part) : htmlText(part)))
    .filter(Boolean)
    .join('\n');
}

function codeLines(pre: string): string {
  const code = decodeEntities(pre.replace(/<[^>]*>/g, '')).replace(/\n+$/, '');
  return code
    .split('\n')
    .map((line) => `${CODE_INDENT}${line}`.trimEnd())
    .join('\n');
}

/** What the learner is to recall: a basic card's back, or a cloze's deletions by number. */
function answerText(card: Listed): string {
  if (card.type === 'basic') return fieldText(card.back);
  const byNumber = new Map<string, string[]>();
  for (const match of card.front.matchAll(/\{\{c(\d+)::(.*?)\}\}/gs)) {
    const n = match[1] ?? '';
    const list = byNumber.get(n) ?? [];
    const text = htmlText(match[2] ?? '');
    if (!list.includes(text)) list.push(text);
    byNumber.set(n, list);
  }
  return [...byNumber].map(([n, texts]) => `[…${n}] ${texts.join(' / ')}`).join('  ');
}

/** One block of a listing: the heading line, then breadcrumb, question and answer. */
function entryText(heading: string, card: Listed): string {
  const crumbEnd = card.front.indexOf('</div>');
  const crumb = crumbEnd >= 0 ? htmlText(card.front.slice(0, crumbEnd).replace(/\{\{c(\d+)::.*?\}\}/gs, (_m, n: string) => `[…${n}]`)) : '';
  const question = card.front
    .slice(crumbEnd >= 0 ? crumbEnd : 0)
    .replace(/\{\{c(\d+)::.*?\}\}/gs, (_m, n: string) => `[…${n}]`)
    .split(/<li>/)
    .map((part) => fieldText(part))
    .filter(Boolean)
    .join('\n     • ');
  return [heading, `  ${crumb}`, labelled('Q', question), labelled('A', answerText(card)), ''].join('\n');
}

/** `  Q: text`; a field opening with a code block starts it on the next line, so its first line keeps its indentation. */
function labelled(label: string, text: string): string {
  return text.startsWith(CODE_INDENT) ? `  ${label}:\n${text}` : `  ${label}: ${text}`;
}

/** The readable listing: one block per card. */
export function formatCardListing(cards: Card[]): string {
  return cards.map((card) => entryText(printable(`${card.deck}  (${card.rule}, ${card.source.file}:${card.source.line})`), card)).join('\n');
}

/** The readable listing of dropped candidates: one block each, headed by why it was dropped. */
export function formatDroppedListing(dropped: DroppedCard[]): string {
  return dropped.map((candidate) => entryText(printable(`${candidate.reason}  (${candidate.rule}, ${candidate.source.file}:${candidate.source.line}${firstOf(candidate)})`), candidate)).join('\n');
}

/** Where a duplicate's card is kept: `; first in FILE:LINE`. */
function firstOf(candidate: DroppedCard): string {
  return candidate.duplicateOf ? `; first in ${candidate.duplicateOf.file}:${candidate.duplicateOf.line}` : '';
}

/**
 * `cards --json`: the listing stored for these notes' results when there is
 * one (stored-listing.ts), else written a note at a time as it is read,
 * copied from the cache's bytes (cards-json.ts), and stored for the next run.
 */
async function printCardsJson(vault: ReadVault, keepDuplicates: boolean, listingPath: string): Promise<void> {
  for (const warning of vault.warnings) process.stderr.write(warningLine(warning));
  const warn = (warnings: readonly NoteWarning[]): void => warnings.forEach((warning) => process.stderr.write(warningLine(warning)));
  // Without a cache there is no digest: nothing is stored, as a read-only command without a study database writes nothing.
  const key = vault.digest === undefined ? undefined : listingKey(vault.digest, keepDuplicates);
  const stored = key === undefined ? undefined : openStoredListing(listingPath, key);
  if (stored) {
    try {
      warn(stored.warnings);
      for (const chunk of stored.chunks()) await writeOut(chunk);
    } finally {
      stored.close();
    }
    return;
  }
  const writer = key === undefined ? undefined : ListingWriter.start(listingPath, key);
  const noteWarnings: NoteWarning[] = [];
  try {
    const noteWarned = (warnings: readonly NoteWarning[]): void => {
      warn(warnings);
      noteWarnings.push(...warnings);
    };
    for (const chunk of cardsJsonChunks(vault.stored(), noteWarned, keepDuplicates)) {
      writer?.add(chunk);
      await writeOut(chunk);
    }
    writer?.finish(noteWarnings);
  } finally {
    writer?.abandon();
  }
}

/** Writes to stdout and waits until it is written: the printer's buffer is then free again, and nothing piles up in memory. */
function writeOut(chunk: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(chunk, (error) => (error ? reject(error) : resolve())));
}

export function registerCards(program: Command): void {
  program
    .command('cards')
    .description('List the cards the notes make, without writing any package or study data.')
    .argument('[notes]', 'the notes folder', 'notes')
    .option('--state <file>', 'the study database whose extraction cache (beside it) is used and kept up to date, if it exists (default: <notes>/.flashmark/state.db)')
    .option('--json', 'print a JSON array of cards (id, deck, type, front, back, cards, tags, rule, source, media)')
    .option('--suspended', 'the cards suspended in review (@), from the study database')
    .option('--unsuspend <id...>', 'bring suspended cards back into review (ids as --suspended lists them)')
    .option(
      '--summary',
      'what the notes yield instead of the cards: cards per rule, per file and per deck, candidates dropped per reason, and the notes skipped with why (JSON with --json)',
    )
    .addOption(
      new Option('--dropped', 'the candidates the rules or your settings turned down instead of the cards, each with its reason and source line (JSON with --json)').conflicts(
        'summary',
      ),
    )
    .addHelpText(
      'after',
      `
Warnings about single notes (not UTF-8, binary, too big, invalid front matter)
go to stderr; the other notes are still listed. Once build or review has made
the study database, only the notes changed since the last run are parsed; the
others are read from the extraction cache beside it, which build, review and
stats share (--summary --json counts the notes parsed as "parsed"). --json
keeps the listing it printed beside the cache, and prints it again as long as
no note, setting or flashmark version changes.

The vault's settings file (.flashmark.yml, docs/settings.md) chooses the
rules, the decks and the notes to ignore; its "keep" brings a kind of
dropped card back, its "exclude" leaves out headings, columns and terms.

Examples:
  flashmark cards notes
  flashmark cards ~/vault --summary
  flashmark cards ~/vault --dropped
  flashmark cards notes --suspended
  flashmark cards notes --unsuspend 3d4c65e18dfd183c
  flashmark cards ~/vault --json | jq '.[] | select(.rule == "table") | .front'`,
    )
    .action(async (notes: string, options: CardsCommandOptions) => {
      const notesDir = resolveNotesDir(notes);
      if (options.suspended || options.unsuspend) {
        const statePath = resolveStatePath(notesDir, options.state);
        process.stdout.write(options.unsuspend ? unsuspend(statePath, options.unsuspend) : listSuspended(statePath, options.json ?? false));
        return;
      }
      const settings = loadVaultSettings(notesDir);
      const statePath = resolveStatePath(notesDir, options.state);
      // A read-only command creates no database: the cache is used once build, review or stats made one.
      await readVault(notesDir, { statePath: existsSync(statePath) ? statePath : undefined, extract: settings.extract }, async (vault) => {
        if (options.json && !options.summary && !options.dropped) {
          await printCardsJson(vault, keepsDuplicates(settings.extract), listingPathFor(statePath));
          return;
        }
        // Each identity and each question once, as build packs them: the listing and the package agree.
        const notes = keepFirstCards(vault.notes(), keepsDuplicates(settings.extract));
        const warnings = [...vault.warnings, ...notes.flatMap((note) => note.warnings)];
        for (const warning of warnings) process.stderr.write(warningLine(warning));
        if (options.summary) {
          const summary = { ...summarizeVault({ ...vault, notes }, settings.extract.rules), parsed: vault.parsed };
          process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
          return;
        }
        if (options.dropped) {
          const dropped = notes.flatMap((note) => note.dropped);
          if (options.json) process.stdout.write(`${JSON.stringify(dropped, null, 2)}\n`);
          else process.stdout.write(dropped.length > 0 ? formatDroppedListing(dropped) : 'Nothing dropped: every candidate became a card.\n');
          return;
        }
        const cards = notes.flatMap((note) => note.cards);
        process.stdout.write(cards.length > 0 ? formatCardListing(cards) : 'No cards: the notes have no bold text, definitions, lists under headings or tables (--summary says why for each note).\n');
      });
    });
}
