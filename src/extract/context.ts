import type { CardType, DropReason, Rule } from '../card.js';
import type { RenderSink } from './html.js';

/** A card before its note-wide finishing (breadcrumb, ids, duplicates). */
export interface Draft {
  rule: Rule;
  type: CardType;
  /** What is asked, for the id: the term, row and column, masked sentence, list heading. */
  cue: string;
  /** Breadcrumb levels below the note title (headings, in order). */
  crumb: string[];
  /**
   * What tells two cards with one cue in a note apart, in their ids: the
   * headings and bold line above, without the labels of list items the crumb
   * also shows. Ids given before the crumb showed those labels stay the same.
   */
  place: string[];
  /** HTML of the question below the breadcrumb (cloze: with `{{cN::}}` markers). */
  question: string;
  back: string;
  /** A cloze's deletions (plain text and number): in a breadcrumb level they are deleted too, so the card never shows its answer. */
  answers: { text: string; n: number }[];
  /** A definition's term: a breadcrumb level equal to it is left out (it would only repeat the question). */
  term?: string;
  /** A table card's row key and column header (plain text), which the settings' `exclude` can name. */
  key?: string;
  column?: string;
  line: number;
  /** Set when a rule judged the candidate not worth asking: it is listed as dropped, unless the setting `keep` names the reason. */
  drop?: DropReason;
  /**
   * A card asked from its description (see reverse.ts) the way the note wrote
   * it, name first: asked instead when the breadcrumb already shows the name.
   */
  unreversed?: { question: string; back: string; drop?: DropReason };
  /**
   * The lines of the definitions a label over them answers with ("**Уровни
   * параллелизма**:" over "Методы: …", "Классы: …"): when any of them is asked,
   * the label only gathers them and is not asked itself (see note-judgement.ts).
   */
  gathers?: [number, number];
}

/** What every rule needs to know about the note it reads. */
export interface NoteContext {
  file: string;
  language: string;
  rules: ReadonlySet<Rule>;
  sink: RenderSink;
  drafts: Draft[];
  /** A diary's page (see isDiaryNote): its "Name: what they did" lines are a log, not a glossary. */
  diary: boolean;
}

/** Where a block sits: the cleaned headings above it (below the note title), and its place (see Draft). */
export interface Section {
  crumb: string[];
  place: string[];
}

/** What a basic card of the definition rule says beyond where it sits. */
export interface DefinitionFields {
  cue: string;
  question: string;
  back: string;
  line: number;
  term?: string;
  /** The section's breadcrumb unless given. */
  crumb?: string[];
  drop?: DropReason | undefined;
  /** Asked from its description, the card as the note wrote it (see Draft). */
  unreversed?: Draft['unreversed'];
}

/** A basic card of the definition rule: a term, or a question the note wrote, and its answer. */
export function definitionDraft(section: Section, { crumb = section.crumb, drop, unreversed, ...fields }: DefinitionFields): Draft {
  return { rule: 'definition', type: 'basic', crumb, place: section.place, answers: [], ...fields, ...(drop ? { drop } : {}), ...(unreversed ? { unreversed } : {}) };
}
