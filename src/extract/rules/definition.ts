import type { InlineCode, PhrasingContent, RootContent, Strong, Text } from 'mdast';
import { isInPageJump, renderBlocks } from '../blocks.js';
import { definitionDraft, type NoteContext, type Section } from '../context.js';
import type { DropReason } from '../../card.js';
import type { Subject } from './bold.js';
import { isDiaryEntry } from '../dates.js';
import { escapeHtml, indexInline, proseOf, renderInline, type InlineIndex, type RenderSink } from '../html.js';
import { sentenceRanges } from '../sentences.js';
import { ANNOUNCING, DEFINING, EVALUATION, EXAMPLE, NAVIGATION, STRUCTURE, TOOLS, copulaLength, holdsWord, isLabel, opensWithLabel } from '../lexicon.js';
import { echoes, restates, restatesContext } from '../restates.js';
import { isCodeName, isDescription, isForeignName, isListOfNames } from '../reverse.js';
import { asksQuestion, hasWords, normalizeSpace, withoutGloss, wordCount } from '../text.js';

export interface DefinitionMatch {
  /** A bold span, or inline code (a command, a function, a status code), which stays code on the card. */
  term: Strong | InlineCode;
  /** A gloss in parentheses after the term, part of the question. */
  gloss: string;
  /** The explanation: what follows the separator. */
  explanation: PhrasingContent[];
}

/**
 * `:` (or the `::` of an Obsidian Dataview field), `—`, `–` right after the
 * term, or a hyphen with a space after it (`**Term** - …`, `**Term**- …`; one
 * between letters joins words), or the full-width
 * `：` and `——` of Chinese; a short gloss in
 * parentheses may sit between ("**Scope** (Область): …", "**ZSet**（有序集合）：…").
 * A line break right after the term separates too: a bold line heading the
 * lines below it ("**Severity (Серьезность)**⏎Серьезность дефекта …").
 */
const SEPARATOR_AFTER = /^(\s*[(（][^()（）\n]{1,80}[)）])?(?:\s*(?:::?|：|——|[—–](?=\s|$)|-(?=\s))\s*|[ \t]*\n\s*)/u;
/** After a code term, a separator proper: a code span alone on its line is an example, not a heading. */
const SEPARATOR_AFTER_CODE = /^(\s*[(（][^()（）\n]{1,80}[)）])?\s*(?:::?|：|——|[—–](?=\s|$)|\s-(?=\s))\s*/u;
/** `**Term:**` and `**Term —**`: the separator inside the bold span. */
const SEPARATOR_INSIDE = /(?:[:：]|——|\s[—–-])\s*$/u;
/** A second separator right after such a span. */
const SEPARATOR_AFTER_INSIDE = /^\s*(?:[:：]|——|[—–](?=\s)|-(?=\s))\s*/u;

function isTerm(node: PhrasingContent | undefined): node is Strong | InlineCode {
  return node?.type === 'strong' || node?.type === 'inlineCode';
}

/**
 * A paragraph that opens with a term and a separator: "**Term**: explanation",
 * "**Term** — explanation", "**Term:** explanation", and with the term in code,
 * as cheat sheets write commands: "`tf get`: Получить последнюю версию кода."
 * A code term's own colon (`Scenario:`) is code, not a separator.
 */
export function matchDefinition(nodes: PhrasingContent[]): DefinitionMatch | undefined {
  // A bullet or emoji before the term ("✅ **Допустимые значения:** 18, 30") is decoration.
  const start = nodes[0]?.type === 'text' && !hasWords(nodes[0].value) && isTerm(nodes[1]) ? 1 : 0;
  const [first, second, ...rest] = nodes.slice(start);
  if (!isTerm(first)) return undefined;
  const termText = indexInline([first]).plain;
  if (!hasWords(termText)) return undefined;
  if (first.type === 'strong' && SEPARATOR_INSIDE.test(termText)) {
    // "**`on:`** – триггер": the colon is the code's own, and the dash after the span separates.
    const dash = second?.type === 'text' ? SEPARATOR_AFTER_INSIDE.exec(second.value) : null;
    if (second?.type !== 'text' || !dash) return { term: first, gloss: '', explanation: pastCopula(nodes.slice(start + 1), DASH.test(termText)) };
    return { term: first, gloss: '', explanation: pastCopula(after(second, dash[0].length, rest), DASH.test(dash[0])) };
  }
  if (second?.type !== 'text') return undefined;
  const separator = (first.type === 'strong' ? SEPARATOR_AFTER : SEPARATOR_AFTER_CODE).exec(second.value);
  if (!separator) return undefined;
  const dashed = DASH.test(separator[0].slice(separator[1]?.length ?? 0));
  return { term: first, gloss: separator[1]?.trim() ?? '', explanation: pastCopula(after(second, separator[0].length, rest), dashed) };
}

const DASH = /[—–-]/u;

/** An explanation after a dash past the copula that links it to its term ("— это платформа…"); after a colon "Это" may as well be "this". */
function pastCopula(explanation: PhrasingContent[], dashed: boolean): PhrasingContent[] {
  const [first, ...rest] = explanation;
  const length = dashed && first?.type === 'text' ? copulaLength(first.value) : 0;
  return first?.type === 'text' && length > 0 ? [{ ...first, value: first.value.slice(length) }, ...rest] : explanation;
}

/** The explanation: the text node past its separator (when anything is left of it), then the nodes after it. */
function after(text: Text, separatorLength: number, rest: PhrasingContent[]): PhrasingContent[] {
  const remainder = text.value.slice(separatorLength);
  return [...(remainder ? [{ ...text, value: remainder }] : []), ...rest];
}

/**
 * A list item that is only a bold label over blocks nested under it ("7.
 * **Чек-листы**" over a sub-list): the label asks, the nested blocks answer,
 * as with "**Merge**:".
 */
export function matchLabel(nodes: PhrasingContent[]): DefinitionMatch | undefined {
  const content = nodes.filter((node) => !(node.type === 'text' && !hasWords(node.value)) && node.type !== 'break');
  const [term] = content;
  return content.length === 1 && term?.type === 'strong' && hasWords(indexInline([term]).plain) ? { term, gloss: '', explanation: [] } : undefined;
}

/** The term as plain text, without the separator of the `**Term:**` form. */
export function termText(match: DefinitionMatch): string {
  const term = indexInline([match.term]).plain;
  return normalizeSpace(withGloss(match.term.type === 'strong' ? term.replace(/\s*[:：—–-]\s*$/u, '') : term, match.gloss));
}

/** A term and its gloss as written: a space before `(`, none before the full-width `（`, which carries its own. */
function withGloss(term: string, gloss: string): string {
  if (!gloss) return term;
  return gloss.startsWith('（') ? `${term}${gloss}` : `${term} ${gloss}`;
}

/** A term of more words than this is a statement ("Финализаторы заменены на Cleaner и PhantomReference"), not a subject to name. */
const MAX_SUBJECT_WORDS = 5;

/** The term a definition's later sentences speak of, unless it is a label ("Описание:", "Example:") or a statement that names no subject. */
export function subjectOf(match: DefinitionMatch): Subject | undefined {
  const text = termText(match);
  if (wordCount(withoutGloss(text)) > MAX_SUBJECT_WORDS || [ANNOUNCING, DEFINING].some((words) => isLabel(words, text)) || opensWithLabel(EXAMPLE, text)) return undefined;
  return { term: match.term, text };
}

/** The term as the card asks it: a bold term's words without the bold and the separator, a code term as code. */
function termHtml(match: DefinitionMatch, sink: RenderSink): string {
  const term =
    match.term.type === 'strong'
      ? renderInline(indexInline(match.term.children), sink, { plainStrong: true }).replace(/\s*[:：—–-]\s*$/u, '')
      : renderInline(indexInline([match.term]), sink);
  return withGloss(term, escapeHtml(match.gloss));
}

/**
 * How much of the explanation answers: all of it, or what it says before the
 * sentence that announces the definitions below it ("**2xx**: Указывают, что
 * запрос выполнен успешно. Например:" asks "Указывают, что запрос выполнен
 * успешно."), which are asked on their own.
 */
export type Explained = 'whole' | 'before announcement';

/**
 * The blocks of an answer up to a heading, or a paragraph that only labels
 * an example ("Пример:" over a code block): the example is not the answer.
 */
export function beforeExample(blocks: RootContent[]): RootContent[] {
  // A heading indented into an item ("##### Пример конфигурации:") opens a section of its own.
  const at = blocks.findIndex((block) => block.type === 'heading' || (block.type === 'paragraph' && isLabel(EXAMPLE, indexInline(block.children).plain)));
  return at < 0 ? blocks : blocks.slice(0, at);
}

/** Where a line of an explanation opening with an example label starts ("⏎Пример: …"): the example is not the answer. */
function exampleStart(plain: string): number {
  if (!plain.includes('\n')) return plain.length; // most explanations are one line
  for (const match of plain.matchAll(/\n([^\n:：]{1,40})[:：]/gu)) {
    if (isLabel(EXAMPLE, match[1] ?? '') && hasWords(plain.slice(0, match.index))) return match.index;
  }
  return plain.length;
}

/** Where the last sentence or line of an explanation ending in a colon starts (0: it is all one announcement). */
function announcementStart(plain: string): number {
  const ends = [...plain.trimEnd().matchAll(/[.!?…](?=\s)|\n/gu)];
  const last = ends.at(-1);
  return last === undefined ? 0 : (last.index ?? 0) + 1;
}

/** A value of made-up test data: a number, or one short token ("1234", "password", "admin@x.io"). */
const SAMPLE_VALUE = /^[\p{L}\p{N}@._#+-]{1,16}$/u;

/**
 * An answer that only lists sample values with a number among them ("18, 30,
 * 60", "1234, password"): the data of an example, not a fact.
 */
function isSampleValues(explanation: string): boolean {
  // Two values need a separator, and one a digit: most explanations have neither, and are not split.
  if (!/[,;]/u.test(explanation) || !/\d/u.test(explanation)) return false;
  const values = explanation.trim().replace(/[.;]$/u, '').split(/\s*[,;]\s*/u);
  return values.length >= 2 && values.every((value) => SAMPLE_VALUE.test(value)) && values.some((value) => /^\d+$/u.test(value));
}

/** An equation with arithmetic on one side ("16KB / 64B = 256", "64B = 2^6", "32 − 8 − 6 = 18 位"). */
const WORKING = /\d\p{L}{0,2}\s*[-+−×*/÷^]\s*\(?\d[^=≈]*[=≈]\s*\(?[-−]?\d|[=≈]\s*\(?\d\p{L}{0,2}\s*[-+−×*/÷^]\s*\(?\d/u;
/** An answer with fewer letters than this share of its other characters is numbers and signs, not words. */
const WORDY_SHARE = 0.5;

/**
 * An answer that is a step of worked arithmetic ("Cache 行数: 16KB / 64B = 256 = 2^8"): the data it works on sit
 * in the exercise above it, so the card asks a sum to redo, not a fact to recall.
 */
function isWorkedStep(explanation: string): boolean {
  if (!WORKING.test(explanation)) return false;
  const visible = explanation.replace(/\s/gu, '');
  const letters = visible.match(/\p{L}/gu)?.length ?? 0;
  return letters < visible.length * WORDY_SHARE;
}

/** The heading `headingDrop` judged last, and its verdict: every definition of a section is judged under one heading. */
let lastHeading: string | undefined;
let lastHeadingDrop: DropReason | undefined;

/** Why the definitions under a heading are not worth asking, if they are not: it names judgements or links. */
function headingDrop(heading: string): DropReason | undefined {
  if (heading !== lastHeading) {
    lastHeading = heading;
    lastHeadingDrop = opensWithLabel(EVALUATION, heading) ? 'evaluation' : opensWithLabel(NAVIGATION, heading) ? 'navigation' : undefined;
  }
  return lastHeadingDrop;
}

/**
 * Why a definition is not worth asking, if it is not: its term only announces
 * what follows ("Пример", "Note"), it names or sits under judgements
 * (advantages, drawbacks, a feature list) or links, or its explanation only
 * restates the term or its breadcrumb, or explains the term by its own words
 * (in its `prose`: a command named in code, `git revert`, is no such echo).
 */
export function definitionDrop(crumb: readonly string[], place: readonly string[], term: string, explanation: string, prose = explanation): DropReason | undefined {
  if (isLabel(ANNOUNCING, term) || opensWithLabel(EXAMPLE, term)) return 'label';
  // A diary's entry ("**03.06–09.06** — 6 задач, отпуск", "Sun 5: meal prep"): what one did that day, not a fact to recall.
  if (isDiaryEntry(term)) return 'metadata';
  if (isSampleValues(explanation)) return 'sample-data';
  if (isWorkedStep(explanation)) return 'example';
  // "Инструменты: Selenium, TestNG, JUnit": titles to memorise, any of which the note might have named.
  if (isLabel(TOOLS, term) && isListOfNames(explanation)) return 'catalogue';
  const underHeading = headingDrop(place.at(-1) ?? '');
  if (underHeading === 'evaluation' || opensWithLabel(EVALUATION, term)) return 'evaluation';
  if (underHeading === 'navigation') return 'navigation';
  if (restates(term, explanation) || restatesContext([...crumb, term], explanation) || echoes(crumb, term, explanation, prose)) return 'restates';
  return undefined;
}

/** Whether an explanation only points elsewhere ("**Psychology**: [[Thinking]], [[Nudge]]"): links and the commas between them. */
function pointsElsewhere(nodes: PhrasingContent[]): boolean {
  const content = nodes.filter((node) => !(node.type === 'text' && !hasWords(node.value)));
  return content.length > 0 && content.every((node) => node.type === 'link' || node.type === 'linkReference');
}

/** An explanation longer than this says several things: it is answered up to the sentence that stays within it, when the bold rule asks the rest. */
const MAX_ANSWER_WORDS = 30;

/** Where the answer of a prose explanation ends: after its sentences that stay within MAX_ANSWER_WORDS (its first at least) when the rest holds bold, or at `end`. */
function firstFacts(ctx: NoteContext, explanation: InlineIndex, end: number): number {
  const text = explanation.plain.slice(0, end);
  // Most explanations are short: one fact, answered whole. Lines are points of their own, judged as such (note-judgement.ts).
  if (text.includes('\n') || wordCount(text) <= MAX_ANSWER_WORDS) return end;
  const unbreakable = [...explanation.ranges].filter(([node]) => node.type !== 'text').map(([, range]) => range);
  const sentences = sentenceRanges(text, ctx.language, unbreakable);
  let cut = sentences[0]?.[1] ?? end;
  for (const [, to] of sentences.slice(1)) {
    if (wordCount(text.slice(0, to)) > MAX_ANSWER_WORDS) break;
    cut = to;
  }
  const answer = text.slice(0, cut).replace(OPENING_MARKS, '');
  // Only what other cards ask is left out: the bold of the sentences after the cut makes their clozes. A
  // quotation is answered whole: cut inside it, the answer would open a quote it never closes.
  const askedElsewhere = [...explanation.ranges].some(([node, [from]]) => node.type === 'strong' && from >= answer.length && from < end);
  return askedElsewhere && isBalanced(answer) ? answer.length : end;
}

/** Quotes and brackets that open what follows, which a sentence's end can leave behind ("…基础比率。「"). */
const OPENING_MARKS = /[\s「『“‘«(（[]+$/u;
const PAIRS: [string, string][] = [['「', '」'], ['『', '』'], ['“', '”'], ['«', '»'], ['(', ')'], ['（', '）']];

/** Whether a text closes every quote and bracket it opens (straight double quotes counted in pairs). */
function isBalanced(text: string): boolean {
  const count = (mark: string): number => text.split(mark).length - 1;
  return count('"') % 2 === 0 && PAIRS.every(([open, close]) => count(open) === count(close));
}

/** A list of jumps to places in the note ("**Строки**" over "- [Методы класса String](#string)"): an index, not an answer. */
function jumpsOnly(block: RootContent): boolean {
  return block.type === 'list' && block.children.every((item) => item.children.length === 1 && item.children[0]?.type === 'paragraph' && isInPageJump(item.children[0]));
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
  explained: Explained = 'whole',
): boolean {
  if (!ctx.rules.has('definition')) return false;
  const explanation = indexInline(match.explanation);
  const nestedHtml = renderBlocks(beforeExample(nested), ctx.sink);
  // "**Scrum** — фреймворк, включающий:" over a heading announces what the note does not attach: the announcement is no answer.
  const dangling = !nestedHtml && /[:：]$/u.test(explanation.plain.trimEnd());
  const written = Math.min(explained === 'whole' && !dangling ? explanation.plain.length : announcementStart(explanation.plain), exampleStart(explanation.plain));
  // Blocks nested under the term answer with the explanation, as the note groups them.
  const end = nestedHtml ? written : firstFacts(ctx, explanation, written);
  const kept = explanation.plain.slice(0, end);
  const hasExplanation = hasWords(kept) || /\uFFFC/u.test(kept);
  const term = termText(match);
  if (!hasExplanation && !nestedHtml) {
    if (!dangling || !hasWords(explanation.plain)) return false;
    pushAnnouncement(ctx, section, match, term, line);
    return true;
  }
  const explanationHtml = hasExplanation ? renderInline(explanation, ctx.sink, { range: [0, end] }).trim() : '';
  // A name in code explained in words (`tf merge`: Слить изменения…), or translated by them, is asked from its explanation (see reverse.ts).
  const codeName = !nestedHtml && !match.gloss && isCodeName([match.term], term) && isDescription(match.explanation, kept);
  const reversed = codeName || (!nestedHtml && isForeignName(term, kept) && isDescription(match.explanation, kept));
  // "Интерфейс › Определение: …" asks "Интерфейс": the facet label gives way to the heading it defines. A heading
  // asking a question, or over a record's fields ("Структура баг-репорта"), is not what the label defines.
  const above = section.crumb.at(-1);
  const heading = !reversed && isLabel(DEFINING, term) && above !== undefined && !asksQuestion(above) && !holdsWord(STRUCTURE, above) ? above : undefined;
  const crumb = heading === undefined ? section.crumb : section.crumb.slice(0, -1);
  const answerText = nestedHtml ? `${kept} ${nestedHtml.replace(/<[^>]*>/g, ' ')}` : kept;
  const prose = `${proseOf(explanation, 0, end)} ${nestedHtml.replace(/<code>[\s\S]*?<\/code>|<[^>]*>/g, ' ')}`;
  const navigation = nestedHtml ? !hasExplanation && nested.every(jumpsOnly) : pointsElsewhere(match.explanation);
  const judged = navigation ? 'navigation' : definitionDrop(crumb, section.place, heading ?? term, answerText, prose);
  // Asked from its explanation, a name cannot restate it; a translated name explained by its breadcrumb's words is asked by nothing.
  const drop = reversed && judged === 'restates' && (codeName || !restatesContext(crumb, kept)) ? undefined : judged;
  const namedFirst = { question: heading !== undefined ? escapeHtml(heading) : termHtml(match, ctx.sink), back: explanationHtml + nestedHtml, ...(judged ? { drop: judged } : {}) };
  const asked = reversed ? { question: explanationHtml, back: termHtml(match, ctx.sink), unreversed: namedFirst } : { question: namedFirst.question, back: namedFirst.back };
  ctx.drafts.push(definitionDraft(section, { cue: term, crumb, ...asked, term, line, drop }));
  return true;
}

/** A definition that only announces what the note does not attach, kept as dropped so the listing shows why it asks nothing. */
function pushAnnouncement(ctx: NoteContext, section: Section, match: DefinitionMatch, term: string, line: number): void {
  ctx.drafts.push(
    definitionDraft(section, { cue: term, question: termHtml(match, ctx.sink), back: renderInline(indexInline(match.explanation), ctx.sink).trim(), term, line, drop: 'label' }),
  );
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
  ctx.drafts.push(
    definitionDraft(section, { cue: normalizeSpace(questionIndex.plain), question: renderInline(questionIndex, ctx.sink).trim(), back: renderInline(answerIndex, ctx.sink).trim(), line }),
  );
  return true;
}
