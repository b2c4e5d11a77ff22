import type { Draft } from './context.js';
import type { Exclusions } from './options.js';
import { compilePattern, matchesAny, type TextPattern } from './pattern.js';

/** The settings' `exclude`, each pattern ready to match. */
export interface ExclusionPatterns {
  headings: TextPattern[];
  columns: TextPattern[];
  terms: TextPattern[];
}

/** The patterns of `exclude`, or undefined when it names nothing (most vaults): finishing then skips the pass. */
export function compileExclusions(exclude: Exclusions): ExclusionPatterns | undefined {
  const { headings, columns, terms } = exclude;
  if (headings.length + columns.length + terms.length === 0) return undefined;
  return { headings: headings.map(compilePattern), columns: columns.map(compilePattern), terms: terms.map(compilePattern) };
}

/** A gloss in parentheses closing a term: "HTTP (HyperText Transfer Protocol)". */
const GLOSS = /\s*[(（][^()（）]*[)）]$/u;

/** What `terms` can name a draft by: its term (with and without its gloss) and its table row key. */
function namesOf(draft: Draft): string[] {
  const names: string[] = [];
  if (draft.term !== undefined) names.push(draft.term, draft.term.replace(GLOSS, ''));
  if (draft.key !== undefined) names.push(draft.key);
  return names;
}

/** A cloze deletion in a draft's question: its number and the HTML it hides. */
const DELETION = /\{\{c(\d+)::(.*?)\}\}/gs;

/**
 * The draft as the user's exclusions leave it. Under an excluded heading (at
 * any level of its breadcrumb, so the sections below it too), in an excluded
 * column, or asking an excluded term or row key, it is dropped as `excluded`,
 * whatever a rule judged of it. A cloze deleting an excluded term shows that
 * term as plain text instead, and is dropped when no deletion remains.
 */
export function excludeDraft(draft: Draft, patterns: ExclusionPatterns): Draft {
  const excluded: Draft = { ...draft, drop: 'excluded' };
  if (draft.crumb.some((level) => matchesAny(patterns.headings, level))) return excluded;
  if (draft.column !== undefined && matchesAny(patterns.columns, draft.column)) return excluded;
  if (namesOf(draft).some((text) => matchesAny(patterns.terms, text))) return excluded;
  if (draft.type !== 'cloze') return draft;
  const numbers = new Set(draft.answers.filter((answer) => matchesAny(patterns.terms, answer.text)).map((answer) => String(answer.n)));
  if (numbers.size === 0) return draft;
  const question = draft.question.replace(DELETION, (deletion, n: string, inner: string) => (numbers.has(n) ? inner : deletion));
  // The whole cloze is listed as it was, so `--dropped` shows what the exclusion took.
  if (!/\{\{c\d+::/.test(question)) return excluded;
  return { ...draft, question, answers: draft.answers.filter((answer) => !numbers.has(String(answer.n))) };
}
