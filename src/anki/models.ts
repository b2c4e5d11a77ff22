import { CARD_CSS } from './css.js';

/**
 * flashmark's two note types.
 *
 * Anki matches an incoming note type by id and then by its field and template
 * names (the "schema"). If either ever changed, every re-import would create a
 * copy named "flashmark Basic v2+" and silently skip updates to existing notes,
 * so the ids, names, field names and template names below are frozen forever.
 * They are not called "Basic"/"Cloze" to stay clear of the user's stock types.
 *
 * These are the second pair: the first ("flashmark Basic" 1735689600101,
 * "flashmark Cloze" 1735689600102) had two fields, the breadcrumb inside the
 * first. Adding fields is a schema change, so the new pair has new ids and
 * names; packages written with the first pair still import as they did.
 *
 * MODEL_MOD must be raised (to the time of the edit, in seconds) whenever the
 * CSS or template text changes, so that Anki takes the new styling.
 */
export const BASIC_MODEL_ID = 1765065600101;
export const CLOZE_MODEL_ID = 1765065600102;
export const MODEL_MOD = 1765065600;

/** The first pair's names, which notes imported before these types have in Anki. */
export const FIRST_MODEL_NAMES: readonly string[] = ['flashmark Basic', 'flashmark Cloze'];

export type ModelKind = 'basic' | 'cloze';

export interface ModelField {
  name: string;
  ord: number;
  sticky: boolean;
  rtl: boolean;
  font: string;
  size: number;
  media: string[];
}

export interface ModelTemplate {
  name: string;
  ord: number;
  qfmt: string;
  afmt: string;
  bqfmt: string;
  bafmt: string;
  did: null;
  bfont: string;
  bsize: number;
}

export interface Model {
  id: number;
  name: string;
  type: 0 | 1;
  mod: number;
  usn: number;
  sortf: number;
  did: null;
  tmpls: ModelTemplate[];
  flds: ModelField[];
  css: string;
  latexPre: string;
  latexPost: string;
  latexsvg: boolean;
  req: [number, string, number[]][];
  tags: string[];
  vers: number[];
}

const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n' +
  '\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';
const LATEX_POST = '\\end{document}';

function field(name: string, ord: number): ModelField {
  return { name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] };
}

function template(name: string, qfmt: string, afmt: string): ModelTemplate {
  return { name, ord: 0, qfmt, afmt, bqfmt: '', bafmt: '', did: null, bfont: '', bsize: 0 };
}

function model(id: number, name: string, type: 0 | 1, flds: ModelField[], tmpl: ModelTemplate): Model {
  return {
    id,
    name,
    type,
    mod: MODEL_MOD,
    usn: 0,
    sortf: 0,
    did: null,
    tmpls: [tmpl],
    flds,
    css: CARD_CSS,
    latexPre: LATEX_PRE,
    latexPost: LATEX_POST,
    latexsvg: false,
    req: [[0, 'any', [0]]],
    tags: [],
    vers: [],
  };
}

// The breadcrumb above the question, the source small below the answer; each only when not empty.
const CRUMB = '{{#Breadcrumb}}<div class="crumb">{{Breadcrumb}}</div>{{/Breadcrumb}}';
const SOURCE = '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}';

export const BASIC_MODEL: Model = model(
  BASIC_MODEL_ID,
  'flashmark Basic v2',
  0,
  [field('Front', 0), field('Back', 1), field('Breadcrumb', 2), field('Source', 3)],
  template('Card 1', `${CRUMB}{{Front}}`, `{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}\n${SOURCE}`),
);

// Anki's cloze importer expects this shape: one template, {{cloze:Text}} on both sides.
export const CLOZE_MODEL: Model = model(
  CLOZE_MODEL_ID,
  'flashmark Cloze v2',
  1,
  [field('Text', 0), field('Back Extra', 1), field('Breadcrumb', 2), field('Source', 3)],
  template('Cloze', `${CRUMB}{{cloze:Text}}`, `${CRUMB}{{cloze:Text}}<br>\n{{Back Extra}}\n${SOURCE}`),
);

export function modelOf(kind: ModelKind): Model {
  return kind === 'basic' ? BASIC_MODEL : CLOZE_MODEL;
}
