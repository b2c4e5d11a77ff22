/**
 * The central nouns shared by every stage of the pipeline.
 *
 * A `Card` is one fact to learn, as `flashmark cards --json` prints it. In Anki's
 * terms it is a *note*: a basic card is one Anki card, a cloze card is one Anki
 * card per distinct deletion number (`cards` says how many).
 */

/** The extraction rule that made a card. */
export type Rule = 'bold' | 'definition' | 'list' | 'table';

export const RULES: readonly Rule[] = ['bold', 'definition', 'list', 'table'];

export type CardType = 'basic' | 'cloze';

export interface SourcePosition {
  /** Path of the note relative to the notes folder, with `/` separators. */
  file: string;
  /** 1-based line of the construct the card was made from. */
  line: number;
}

export interface Card {
  /**
   * Stable identity of the fact: derived from its cue (note identity, rule and
   * what is asked), never from its answer. Used as the Anki guid.
   */
  id: string;
  /** Anki deck name, levels joined by `::`. */
  deck: string;
  type: CardType;
  /** HTML. For cloze cards: the text with `{{cN::…}}` markers. */
  front: string;
  /** HTML. For cloze cards: extra context, may be empty. */
  back: string;
  /** Number of Anki cards this note yields (1 for basic; distinct cloze numbers for cloze). */
  cards: number;
  tags: string[];
  rule: Rule;
  source: SourcePosition;
  /**
   * Images the fields reference, as paths relative to the notes folder. The
   * fields contain `<img src="PATH">` with exactly these paths; the package
   * writer swaps each for the content-hashed name it stores the file under.
   */
  media: string[];
}

/**
 * Why extraction turned a candidate card down. The first group are judgements
 * about what is worth asking, and the setting `keep` brings any of them back;
 * `excluded` and `skip-marker` follow the user's own choices; the last group
 * are cards that would be broken, and never come back.
 */
export const DROP_REASONS = [
  'example',
  'evaluation',
  'metadata',
  'catalogue',
  'rubric',
  'navigation',
  'label',
  'emphasis',
  'restates',
  'long-item',
  'several-facts',
  'cap',
  'sample-data',
  'address',
  'duplicate',
  'excluded',
  'skip-marker',
  'shows-answer',
  'no-cue',
  'too-long',
  'leftover-markup',
] as const;

export type DropReason = (typeof DROP_REASONS)[number];

/** The reasons the setting `keep` can bring back: the judgements, not the user's exclusions nor broken cards. */
export const KEEPABLE_REASONS: readonly DropReason[] = DROP_REASONS.slice(0, DROP_REASONS.indexOf('excluded'));

/** A candidate card extraction turned down, as `flashmark cards --dropped` lists it. */
export interface DroppedCard {
  reason: DropReason;
  rule: Rule;
  type: CardType;
  /** HTML, as the card would have had it. */
  front: string;
  back: string;
  source: SourcePosition;
  /** For a `duplicate`: the card in an earlier note that asks the same and answers the same. */
  duplicateOf?: SourcePosition;
}

/** A problem with one note that does not stop the rest of the vault. */
export interface NoteWarning {
  file: string;
  message: string;
  kind: WarningKind;
}

/**
 * What a warning says happened. `unreadable`: a file or folder could not be
 * read as notes (a build keeps its package as the last build left it);
 * `skipped`: a note, or one card of it, is left out; `ignored`: a part of a
 * note (a front matter value, an image) is left out and the rest is used.
 */
export type WarningKind = 'unreadable' | 'skipped' | 'ignored';

/** What extraction makes of one note file. */
export interface NoteResult {
  file: string;
  cards: Card[];
  /** Candidates turned down, each with its reason; nothing is lost silently. */
  dropped: DroppedCard[];
  warnings: NoteWarning[];
  /**
   * Why the note makes no cards on purpose, when it does not: opted out
   * (front matter `flashmark: false`), empty, front matter only, template or
   * site code. Not a warning: nothing is wrong with the note.
   */
  skipped?: string;
}

/**
 * An image tag in a card's field, its `src` captured as written (HTML-escaped).
 * The extraction writes `<img src="P">`; other attributes, in any order, are
 * read too, as a field may hold them by the time the package writer reads it.
 */
const IMAGE_TAG = /<img\b[^>]*?\bsrc="([^"]*)"[^>]*>/gi;

/** The paths of a field's images (each `src`, its entities decoded), in order. */
export function imagePaths(html: string): string[] {
  return html.includes('<img') ? [...html.matchAll(IMAGE_TAG)].map((match) => decodeAttribute(match[1]!)) : [];
}

/** A field with each image tag replaced by what `replace` makes of it: `path` decoded, `src` as written in `tag`. */
export function replaceImages(html: string, replace: (path: string, tag: string, src: string) => string): string {
  return html.replace(IMAGE_TAG, (tag, src: string) => replace(decodeAttribute(src), tag, src));
}

function decodeAttribute(value: string): string {
  return value.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-f]+));/gi, (whole, name?: string, dec?: string, hex?: string) => {
    if (name !== undefined) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name.toLowerCase()] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
