import type { Paragraph } from 'mdast';
import type { NoteContext, Section } from '../context.js';
import { escapeHtml, indexInline, proseOf, renderInline } from '../html.js';
import { sentenceRanges } from '../sentences.js';
import { wordCount } from '../text.js';
import { definitionDrop } from './definition.js';

/**
 * A heading that asks a question ("### Что такое cookies?", "### 什么是死锁？")
 * over a paragraph that answers it: the note is already a flashcard, asked as
 * written, the paragraph's opening sentences the answer. Interview notes are
 * written this way. A paragraph that makes cards of its own (a definition, a
 * bold term) is asked by those instead, and one over a list only leads into
 * the list that answers ("Тестирование играет важную роль… Оно позволяет:").
 */

/** An answer longer than this is several facts: it is cut after the sentence that reaches it, or not asked when its first does. */
const MAX_ANSWER_WORDS = 40;
/** An answer of fewer words than this only points ("См. ниже."). */
const MIN_ANSWER_WORDS = 3;

/** Whether a heading's text asks a question. */
export function asksQuestion(heading: string): boolean {
  return /[?？]$/u.test(heading.trim());
}

/** The card of a question heading answered by the paragraph right below it; `section` is the heading's own section. */
export function headingQuestionCard(ctx: NoteContext, section: Section, paragraph: Paragraph): void {
  const question = section.crumb.at(-1);
  if (question === undefined || !ctx.rules.has('definition')) return;
  const index = indexInline(paragraph.children);
  let end = 0;
  for (const [from, to] of sentenceRanges(index.plain, ctx.language, [])) {
    // A sentence ending in a colon announces what the paragraph goes on to list, which is no answer.
    if (/[:：]\s*$/u.test(index.plain.slice(from, to)) || (end > 0 && wordCount(index.plain.slice(0, to)) > MAX_ANSWER_WORDS)) break;
    end = to;
  }
  const answer = index.plain.slice(0, end).trim();
  const words = wordCount(answer);
  if (words < MIN_ANSWER_WORDS || words > MAX_ANSWER_WORDS) return;
  const crumb = section.crumb.slice(0, -1);
  const drop = definitionDrop(crumb, section.place, question, answer, proseOf(index, 0, end));
  ctx.drafts.push({
    rule: 'definition',
    type: 'basic',
    cue: question,
    crumb,
    place: section.place,
    question: escapeHtml(question),
    back: renderInline(index, ctx.sink, { range: [0, end] }).trim(),
    answers: [],
    term: question,
    line: paragraph.position?.start.line ?? 1,
    ...(drop ? { drop } : {}),
  });
}
