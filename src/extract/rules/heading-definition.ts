import type { NoteContext, Section } from '../context.js';
import { escapeHtml, proseOf, renderInline, type InlineIndex } from '../html.js';
import { comparable, withoutGloss, wordCount } from '../text.js';
import { definitionDrop } from './definition.js';

/** Words the rest of the sentence needs to say what the term is. */
const MIN_DEFINING_WORDS = 3;

/** A heading's name: its text without a gloss in parentheses ("Severity (Серьёзность)" names "Severity"). */
function headingName(heading: string): string {
  return withoutGloss(heading).trim();
}

/**
 * A paragraph opening with the bold term its section's heading names
 * ("## Severity (Серьёзность)" over "**Severity** описывает уровень
 * критичности…") defines that term in its first sentence: it is asked as the
 * heading, the rest of the sentence the answer. As a cloze, the deletion would be hidden in the
 * breadcrumb too, and the sentence is the definition a learner looks for.
 * `term` is the plain-text range of the bold term, `sentence` that of the
 * sentence it opens. Returns whether the definition was made.
 */
export function headingDefinition(ctx: NoteContext, section: Section, index: InlineIndex, term: [number, number], sentence: [number, number], line: number): boolean {
  const heading = section.crumb.at(-1);
  if (heading === undefined || term[0] !== sentence[0] || !ctx.rules.has('definition')) return false;
  if (comparable(headingName(heading)) !== comparable(index.plain.slice(...term))) return false;
  const rest = index.plain.slice(term[1], sentence[1]);
  if (/^\s*[:：—–-]/u.test(rest) || wordCount(rest) < MIN_DEFINING_WORDS) return false;
  const crumb = section.crumb.slice(0, -1);
  const drop = definitionDrop(crumb, section.place, heading, rest, proseOf(index, term[1], sentence[1]));
  ctx.drafts.push({
    rule: 'definition',
    type: 'basic',
    cue: heading,
    crumb,
    place: section.place,
    question: escapeHtml(heading),
    back: renderInline(index, ctx.sink, { range: [term[1], sentence[1]] }).trim(),
    answers: [],
    term: heading,
    line,
    ...(drop ? { drop } : {}),
  });
  return true;
}
