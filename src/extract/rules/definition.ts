import type { PhrasingContent, RootContent, Strong } from 'mdast';
import { renderBlocks } from '../blocks.js';
import type { NoteContext, Section } from '../context.js';
import { escapeHtml, indexInline, renderInline } from '../html.js';
import { hasWords, normalizeSpace } from '../text.js';

export interface DefinitionMatch {
  term: Strong;
  /** A gloss in parentheses after the bold term, part of the question. */
  gloss: string;
  /** The explanation: what follows the separator. */
  explanation: PhrasingContent[];
}

/**
 * `:`, `—`, `–` right after the term, or ` - ` with spaces (a hyphen alone joins
 * words); a short gloss in parentheses may sit between ("**Scope** (Область): …").
 * A line break right after the term separates too: a bold line heading the
 * lines below it ("**Severity (Серьезность)**⏎Серьезность дефекта …").
 */
const SEPARATOR_AFTER = /^(\s*\([^()\n]{1,80}\))?(?:\s*(?:[:：]|[—–](?=\s|$)|\s-(?=\s))\s*|[ \t]*\n\s*)/u;
/** `**Term:**` and `**Term —**`: the separator inside the bold span. */
const SEPARATOR_INSIDE = /(?:[:：]|\s[—–-])\s*$/u;

/**
 * A paragraph that opens with a bold term and a separator: "**Term**: explanation",
 * "**Term** — explanation", "**Term:** explanation".
 */
export function matchDefinition(nodes: PhrasingContent[]): DefinitionMatch | undefined {
  // A bullet or emoji before the term ("✅ **Допустимые значения:** 18, 30") is decoration.
  const start = nodes[0]?.type === 'text' && !hasWords(nodes[0].value) && nodes[1]?.type === 'strong' ? 1 : 0;
  const [first, second, ...rest] = nodes.slice(start);
  if (first?.type !== 'strong') return undefined;
  const termText = indexInline([first]).plain;
  if (!hasWords(termText)) return undefined;
  if (SEPARATOR_INSIDE.test(termText)) return { term: first, gloss: '', explanation: nodes.slice(start + 1) };
  if (second?.type !== 'text') return undefined;
  const separator = SEPARATOR_AFTER.exec(second.value);
  if (!separator) return undefined;
  const remainder = second.value.slice(separator[0].length);
  return { term: first, gloss: separator[1]?.trim() ?? '', explanation: [...(remainder ? [{ ...second, value: remainder }] : []), ...rest] };
}

/** The term as plain text, without the separator of the `**Term:**` form. */
export function termText(match: DefinitionMatch): string {
  return normalizeSpace(`${indexInline([match.term]).plain.replace(/\s*[:：—–-]\s*$/u, '')} ${match.gloss}`);
}

/**
 * The definition rule: the term asks, the explanation (and the blocks nested
 * under it, such as a sub-list) answers. Returns false when there is nothing
 * to answer, so the caller treats the bold span like any other.
 */
export function definitionCard(
  ctx: NoteContext,
  section: Section,
  match: DefinitionMatch,
  nested: RootContent[],
  line: number,
): boolean {
  if (!ctx.rules.has('definition')) return false;
  const explanation = indexInline(match.explanation);
  const hasExplanation = hasWords(explanation.plain) || /\uFFFC/u.test(explanation.plain);
  const nestedHtml = renderBlocks(nested, ctx.sink);
  if (!hasExplanation && !nestedHtml) return false;
  const term = termText(match);
  const termHtml =
    renderInline(indexInline(match.term.children), ctx.sink, { plainStrong: true }).replace(/\s*[:：—–-]\s*$/u, '') +
    (match.gloss ? ` ${escapeHtml(match.gloss)}` : '');
  const explanationHtml = hasExplanation ? renderInline(explanation, ctx.sink).trim() : '';
  ctx.drafts.push({
    rule: 'definition',
    type: 'basic',
    cue: term,
    crumb: section.crumb,
    place: section.place,
    question: termHtml,
    back: explanationHtml + nestedHtml,
    answers: [],
    term,
    line,
  });
  return true;
}

/** Whether a definition's explanation ends with a colon (or is empty): it announces what follows. */
export function endsWithColon(match: DefinitionMatch): boolean {
  const text = indexInline(match.explanation).plain.trim();
  return text === '' || /[:：]$/u.test(text);
}

const QUESTION_LABEL = /^(?:вопрос|question|q)$/iu;
const ANSWER_LABEL = /^(?:ответ|answer|a)$/iu;

/** "**Вопрос:** …" followed by "**Ответ:** …": the note already wrote the card. */
export function isQuestionAnswerPair(question: DefinitionMatch, answer: DefinitionMatch): boolean {
  return QUESTION_LABEL.test(termText(question)) && ANSWER_LABEL.test(termText(answer));
}

/** The card a question-answer pair wrote: its question asks, its answer answers. */
export function questionAnswerCard(
  ctx: NoteContext,
  section: Section,
  question: DefinitionMatch,
  answer: DefinitionMatch,
  line: number,
): boolean {
  if (!ctx.rules.has('definition')) return false;
  const questionIndex = indexInline(question.explanation);
  const answerIndex = indexInline(answer.explanation);
  if (!hasWords(questionIndex.plain) || !hasWords(answerIndex.plain)) return false;
  ctx.drafts.push({
    rule: 'definition',
    type: 'basic',
    cue: normalizeSpace(questionIndex.plain),
    crumb: section.crumb,
    place: section.place,
    question: renderInline(questionIndex, ctx.sink).trim(),
    back: renderInline(answerIndex, ctx.sink).trim(),
    answers: [],
    line,
  });
  return true;
}
