import type { PhrasingContent } from 'mdast';
import { definitionDraft, type NoteContext, type Section } from '../context.js';
import { indexInline, proseOf, renderInline, type InlineIndex } from '../html.js';
import { hasWords, wordCount } from '../text.js';
import { definitionDrop } from './definition.js';

/**
 * A list item that asks and answers in one line ("菠菜补钙效果差的主要原因？ →
 * 含草酸多", "Which vitamin does the skin make? → D ✔"): a learner's own
 * quiz, kept as the note wrote it. The question is asked as written and the
 * text after the arrow answers it, without the marks that scored it.
 */

/** A question (it ends with a question mark), an arrow, then the answer on the same line. */
const QUESTION_ARROW = /^([^\n]*?[?？])[\s*_]*(?:→|->|=>|⇒|⟶)[ \t]*(?=\S)/u;
/** Check marks and crosses after an answer: how the learner scored, not part of the answer. */
const SCORE_MARKS = /(?:\s|[✓✔✗✘]|\p{Extended_Pictographic}|\u{FE0F})+$/u;
/** A question of fewer words is a label ("Why?"), not one a card can ask on its own. */
const MIN_QUESTION_WORDS = 3;

/** An item's line that asks a question and answers it after an arrow: its text and where each part lies. */
export interface QuestionLine {
  index: InlineIndex;
  question: [number, number];
  answer: [number, number];
}

/** The question an item's line asks and answers after an arrow, if it does. */
export function questionLineOf(nodes: PhrasingContent[]): QuestionLine | undefined {
  // Most items hold no arrow: read no further.
  if (!nodes.some((node) => node.type === 'text' && /→|->|=>|⇒|⟶/u.test(node.value))) return undefined;
  const index = indexInline(nodes);
  const ranges = questionRanges(index.plain);
  return ranges && { index, ...ranges };
}

function questionRanges(plain: string): { question: [number, number]; answer: [number, number] } | undefined {
  const match = QUESTION_ARROW.exec(plain);
  if (!match?.[1] || wordCount(match[1]) < MIN_QUESTION_WORDS) return undefined;
  const line = plain.indexOf('\n', match[0].length);
  const end = (line < 0 ? plain : plain.slice(0, line)).replace(SCORE_MARKS, '').length;
  if (end <= match[0].length || !hasWords(plain.slice(match[0].length, end))) return undefined;
  return { question: [0, match[1].length], answer: [match[0].length, end] };
}

/** Whether an answer is only links ("→ [[TCP#三次握手]]"): a map of notes points to where the answer is. */
function pointsElsewhere(index: InlineIndex, [from, to]: [number, number]): boolean {
  let rest = index.plain.slice(from, to);
  for (const [node, [start, end]] of index.ranges) {
    if ((node.type === 'link' || node.type === 'linkReference') && start >= from && end <= to) rest = rest.slice(0, start - from) + ' '.repeat(end - start) + rest.slice(end - from);
  }
  return !hasWords(rest);
}

/** The card of an item that asks and answers in one line, judged as any definition is. */
export function questionLineCard(ctx: NoteContext, section: Section, ranges: QuestionLine, line: number): void {
  const { index } = ranges;
  const question = index.plain.slice(...ranges.question).trim();
  const answer = index.plain.slice(...ranges.answer);
  // A question naturally names what its answer is ("哪种维生素…？ → 维生素 D"): the note wrote the card, so it restates nothing.
  const judged = definitionDrop(section.crumb, section.place, question, answer, proseOf(index, ...ranges.answer));
  const drop = pointsElsewhere(index, ranges.answer) ? 'navigation' : judged === 'restates' ? undefined : judged;
  ctx.drafts.push(
    definitionDraft(section, {
      cue: question,
      question: renderInline(index, ctx.sink, { range: ranges.question }).trim(),
      back: renderInline(index, ctx.sink, { range: ranges.answer }).trim(),
      term: question,
      line,
      drop,
    }),
  );
}
