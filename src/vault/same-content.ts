import { imagePaths, type Card, type DroppedCard, type NoteResult, type SourcePosition } from '../card.js';
import { htmlText } from '../extract/finish.js';
import { base64urlPrefix } from '../hash.js';
import type { ExtractOptions } from '../extract/index.js';

/**
 * Cards two notes both make: the same question (after the breadcrumb, which
 * names the note and differs) and the same answer, as two cheat sheets that
 * copy one table ask it. The first in vault order is kept; a later one from
 * another note is dropped as a `duplicate`, which the setting `keep` brings
 * back. Compared by what the learner sees, white space collapsed, not by
 * identity: the copies' identities differ, as they come from other notes.
 */

/** Characters of a content key (base64url): 60 bits, so unrelated cards of a large vault do not meet by chance; `cards --json` reads them as two 30-bit halves. */
export const CONTENT_KEY_DIGITS = 10;

/** The breadcrumb the extraction puts first: it names the note, so two copies of a card differ there (a cloze's too, where it hides a deletion). */
const BREADCRUMB = /^<div class="crumb">.*?<\/div>/s;

const keys = new WeakMap<Pick<Card, 'type' | 'front' | 'back'>, string>();

/** What a card asks and answers as the learner sees it, hashed; equal for two copies of one card. */
export function contentKey(card: Pick<Card, 'type' | 'front' | 'back'>): string {
  const known = keys.get(card);
  if (known !== undefined) return known;
  const question = card.front.replace(BREADCRUMB, '');
  const seen = (html: string): string => [htmlText(html), ...imagePaths(html)].join('\0');
  const key = base64urlPrefix('sha1', `${card.type}\0${seen(question)}\0${seen(card.back)}`, CONTENT_KEY_DIGITS);
  keys.set(card, key);
  return key;
}

/** The content keys of a note's cards, in order, as one string: what the cache keeps beside them (stored-result.ts). */
export function contentKeysText(cards: readonly Card[]): string {
  return cards.map(contentKey).join('');
}

/** Records keys read back with the cards they were computed from (`contentKeysText`), so they are not computed again. */
export function rememberContentKeys(cards: readonly Card[], text: string): void {
  if (text.length !== cards.length * CONTENT_KEY_DIGITS) return;
  cards.forEach((card, k) => keys.set(card, text.slice(k * CONTENT_KEY_DIGITS, (k + 1) * CONTENT_KEY_DIGITS)));
}

/** The first card of each content key seen so far, in vault order (notes by path, code unit by code unit). */
export class FirstContents {
  private readonly first = new Map<string, { note: string; source: SourcePosition }>();

  /**
   * Records the content keys (`contentKeysText`) of a note whose cards are not
   * claimed one by one, as a package an incremental build carries over: a
   * card of a later note that repeats one of them is left out, and one of an
   * earlier note is kept. Its position is only known as far as its note.
   */
  seed(note: string, keysText: string): void {
    for (let at = 0; at + CONTENT_KEY_DIGITS <= keysText.length; at += CONTENT_KEY_DIGITS) {
      const key = keysText.slice(at, at + CONTENT_KEY_DIGITS);
      const first = this.first.get(key);
      if (first === undefined || note < first.note) this.first.set(key, { note, source: { file: note, line: 0 } });
    }
  }

  /** The earlier card of another note that `card` (of the note `note`) repeats, or undefined: the card is then kept. */
  claim(card: Card, note: string): SourcePosition | undefined {
    const key = contentKey(card);
    const first = this.first.get(key);
    // A note seeded later in vault order yields to this one.
    if (first === undefined || note < first.note) this.first.set(key, { note, source: card.source });
    return first === undefined || first.note === note || note < first.note ? undefined : first.source;
  }
}

/** The dropped candidate a repeated card becomes. */
export function duplicateOf(card: Card, first: SourcePosition): DroppedCard {
  return { reason: 'duplicate', rule: card.rule, type: card.type, front: card.front, back: card.back, source: card.source, duplicateOf: first };
}

/**
 * The notes with every card that repeats an earlier note's card moved to
 * their dropped candidates, as a build leaves it out; all kept with
 * `keepDuplicates` (the setting `keep: duplicate`).
 */
export function keepFirstContents(notes: NoteResult[], keepDuplicates: boolean): NoteResult[] {
  if (keepDuplicates) return notes;
  const first = new FirstContents();
  return notes.map((note) => {
    const dropped: DroppedCard[] = [];
    const cards = note.cards.filter((card) => {
      const earlier = first.claim(card, note.file);
      if (earlier !== undefined) dropped.push(duplicateOf(card, earlier));
      return earlier === undefined;
    });
    return dropped.length === 0 ? note : { ...note, cards, dropped: [...note.dropped, ...dropped] };
  });
}

/** Whether the extraction options' `keep` names `duplicate`: repeated cards are then kept. */
export function keepsDuplicates(extract: Partial<ExtractOptions> | undefined): boolean {
  return extract?.keep?.includes('duplicate') ?? false;
}
