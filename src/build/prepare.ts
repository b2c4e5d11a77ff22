import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { replaceImages, type Card, type NoteResult, type NoteWarning } from '../card.js';
import { clozeProblem, isUsableGuid, normalizeField, sourceField, splitBreadcrumb, tagsColumn, type NoteFields, type PackageMedia } from '../anki/index.js';
import { hashPrefix } from '../hash.js';
import { FirstContents } from '../vault/same-content.js';
import { sameIdentityMessage } from '../vault/unique-ids.js';
import { MediaReader } from './media.js';
import type { PreparedNote } from './plan.js';

/** The package a card goes into: the first segment of its note's path (`DevOps/a.md` -> `DevOps`, `intro.md` -> `intro`). */
export function packageKeyOf(file: string): string {
  return folderPackageOf(file);
}

/** Which package a note's cards go into, by the note's path: one per top-level folder or note (packageKeyOf), or one for all (`build -o FILE.apkg`). */
export type PackageOf = (file: string) => string;

function folderPackageOf(file: string): string {
  const first = file.split('/')[0] ?? file;
  // NFC, as the note's identity: a copy with NFD names keeps its package and history.
  return (file.includes('/') ? first : first.replace(/\.(md|markdown)$/i, '')).normalize('NFC');
}

export interface Prepared {
  note?: PreparedNote;
  media: PackageMedia[];
  warnings: NoteWarning[];
}

/**
 * The cards of a build's notes as Anki notes, note after note in vault order,
 * with the media they use. A guid made twice (two notes sharing a front
 * matter `id`, say) is kept once, the first time: two notes with one guid
 * would both be added on import, as duplicates. A card that asks and answers
 * what a card of an earlier note does is left out too, unless
 * `keepDuplicates` (as `cards` lists it: same-content.ts). Problems go to `warnings`.
 */
export class CardPreparer {
  /** Every image packed so far, by package name. */
  readonly media = new Map<string, PackageMedia>();
  private readonly reader: MediaReader;
  /** The Obsidian vault's name when the notes folder is one (it holds `.obsidian/`): source fields then link to the note. */
  private readonly vault: string | undefined;
  private readonly firstSource = new Map<string, string>();
  /** Undefined when repeated cards are kept. */
  private readonly contents: FirstContents | undefined;
  private readonly strings = new Map<string, string>();
  /** The package of the last card's file: a note's cards share one, worked out (NFC) once per note instead of once per card. */
  private readonly last: { file?: string; pkg: string } = { pkg: '' };

  constructor(
    root: string,
    private readonly warnings: NoteWarning[],
    private readonly packageOf: PackageOf = packageKeyOf,
    keepDuplicates = false,
    reusedContents: ReadonlyMap<string, string> = new Map(),
  ) {
    this.contents = keepDuplicates ? undefined : new FirstContents();
    for (const [note, keys] of reusedContents) this.contents?.seed(note, keys);
    this.reader = new MediaReader(root);
    this.vault = existsSync(join(root, '.obsidian')) ? basename(root) : undefined;
  }

  prepare(result: NoteResult): PreparedNote[] {
    const { warnings } = this;
    warnings.push(...result.warnings);
    const prepared: PreparedNote[] = [];
    for (const card of result.cards) {
      if (!isUsableGuid(card.id)) {
        warnings.push({ file: card.source.file, message: `line ${card.source.line}: card identity ${JSON.stringify(card.id)} cannot be an Anki guid; skipped`, kind: 'skipped' });
        continue;
      }
      const seen = this.firstSource.get(card.id);
      if (seen !== undefined) {
        warnings.push({ file: card.source.file, message: sameIdentityMessage(card.source.line, seen), kind: 'skipped' });
        continue;
      }
      if (this.contents?.claim(card, result.file) !== undefined) {
        // Its identity is taken all the same, as `cards` takes it: a later card with it is left out too.
        this.firstSource.set(card.id, result.file);
        continue;
      }
      const { note, media, warnings: cardWarnings } = prepareCard(card, this.reader, this.vault, this.packageOfCard);
      warnings.push(...cardWarnings);
      if (!note) continue;
      note.pkg = this.intern(note.pkg);
      note.deck = this.intern(note.deck);
      this.firstSource.set(card.id, result.file); // the note's one string, not each card's decoded copy
      prepared.push(note);
      for (const m of media) this.media.set(m.name, m);
    }
    return prepared;
  }

  private readonly packageOfCard = (file: string): string => {
    const { last } = this;
    if (file !== last.file) Object.assign(last, { file, pkg: this.packageOf(file) });
    return last.pkg;
  };

  /**
   * One string for each package key and deck name: every card decoded from
   * JSON has copies of its own, and a build keeps them for every note it plans.
   */
  private intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }
}

/**
 * A card as its Anki note: question, answer, breadcrumb and source (a link
 * into the Obsidian vault when there is one), normalized as Anki stores them, each image
 * the card lists swapped for its content-hashed package name (or dropped, with
 * a warning naming the note, when it is refused), tags formatted, and the hash
 * of everything Anki compares on update.
 */
export function prepareCard(card: Card, media: MediaReader, vault?: string, packageOf: PackageOf = packageKeyOf): Prepared {
  const warnings: NoteWarning[] = [];
  const packed = new Map<string, PackageMedia>();
  const rewrite = (html: string): string => (card.media.length === 0 ? html : rewriteImages(html, card, media, packed, warnings));
  const { breadcrumb, question } = splitBreadcrumb(card.front);
  const fields: NoteFields = [
    normalizeField(rewrite(question)),
    normalizeField(rewrite(card.back)),
    normalizeField(breadcrumb),
    normalizeField(sourceField(card.source.file, card.source.line, vault)),
  ];
  const result: Prepared = { media: [...packed.values()], warnings };
  const problem = card.type === 'cloze' ? clozeProblem(fields[0]) : undefined;
  if (problem !== undefined) {
    warnings.push({ file: card.source.file, message: `line ${card.source.line}: cloze card ${problem}; skipped`, kind: 'skipped' });
    return result;
  }
  const tags = tagsColumn(card.tags);
  const hash = hashPrefix('sha256', `${card.type}\0${fields.join('\0')}\0${tags}`, 32);
  result.note = { guid: card.id, pkg: packageOf(card.source.file), kind: card.type, fields, tags, deck: card.deck, hash };
  return result;
}

/** Points each `<img src="P">` the card lists at the file's package name, or drops it (with a warning) when P is refused. */
function rewriteImages(html: string, card: Card, media: MediaReader, packed: Map<string, PackageMedia>, warnings: NoteWarning[]): string {
  return replaceImages(html, (path, tag, src) => {
    if (!card.media.includes(path)) return tag;
    const found = media.read(path);
    if (!found.ok) {
      warnings.push({ file: card.source.file, message: `image ${path} ${found.reason}; not packed`, kind: 'ignored' });
      return '';
    }
    packed.set(found.name, { name: found.name, data: found.data });
    return tag.replace(`src="${src}"`, `src="${escapeAttribute(found.name)}"`);
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
