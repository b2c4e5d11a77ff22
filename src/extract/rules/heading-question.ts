import type { List, Paragraph } from 'mdast';
import { renderBlocks } from '../blocks.js';
import { definitionDraft, type NoteContext, type Section } from '../context.js';
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
/**
 * A list answering a question heading with at most this many items (and
 * MAX_ANSWER_WORDS in all) is one answer: "`new` 做了什么？" over its four
 * steps. A longer list is several answers, and asks nothing as one card.
 */
const MAX_ANSWER_ITEMS = 5;

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
  const back = renderInline(index, ctx.sink, { range: [0, end] }).trim();
  pushAnswer(ctx, section, question, { plain: answer, prose: proseOf(index, 0, end), html: back }, paragraph.position?.start.line ?? 1);
}

/**
 * The heading's question and its answer as a draft, when the answer is one
 * (MIN_ANSWER_WORDS to MAX_ANSWER_WORDS), judged as any definition is: the
 * advantages a heading asks for are judgements, not facts.
 */
function pushAnswer(ctx: NoteContext, section: Section, question: string, answer: { plain: string; prose: string; html: string }, line: number): void {
  const words = wordCount(answer.plain);
  if (words < MIN_ANSWER_WORDS || words > MAX_ANSWER_WORDS) return;
  const crumb = section.crumb.slice(0, -1);
  const drop = definitionDrop(crumb, section.place, question, answer.plain, answer.prose);
  ctx.drafts.push(definitionDraft(section, { cue: question, crumb, question: escapeHtml(question), back: answer.html, term: question, line, drop }));
}

/**
 * The card of a question heading answered by the list right below it, when
 * the list makes no card of its own (its items are sentences, not names or
 * definitions): the list is the answer, as the note wrote it.
 */
export function headingQuestionListCard(ctx: NoteContext, section: Section, list: List): void {
  const question = section.crumb.at(-1);
  if (question === undefined || !ctx.rules.has('definition') || list.children.length > MAX_ANSWER_ITEMS) return;
  // Only flat lists of one paragraph an item: a nested list or a code block in an item is more than an answer.
  if (!list.children.every((item) => item.children.length === 1 && item.children[0]?.type === 'paragraph')) return;
  const answer = list.children.map((item) => indexInline((item.children[0] as Paragraph).children).plain).join('\n');
  pushAnswer(ctx, section, question, { plain: answer, prose: answer, html: renderBlocks([list], ctx.sink) }, list.position?.start.line ?? 1);
}
