import type { Heading, List, Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { definitionDraft, type NoteContext, type Section } from './context.js';
import { renderBlocks } from './blocks.js';
import { indexInline, renderInline } from './html.js';
import { boldClozes } from './rules/bold.js';
import { isDiaryEntry } from './dates.js';
import { footnotesOf } from './footnotes.js';
import { calloutBlocks, calloutType, dropTasks } from './obsidian-blocks.js';
import { groupLines, splitLines } from './lines.js';
import { beforeExample, definitionCard, endsWithColon, isQuestionAnswerPair, matchDefinition, matchLabel, questionAnswerCard, subjectOf, type DefinitionMatch } from './rules/definition.js';
import { plainDefinitionCard } from './rules/plain-definition.js';
import { asFacets, asGlossary } from './rules/plain-glossary.js';
import { questionLineCard, questionLineOf, type QuestionLine } from './rules/question-line.js';
import { headingQuestionCard, headingQuestionListCard } from './rules/heading-question.js';
import { listCards } from './rules/list.js';
import { tableCards } from './rules/table.js';
import { isHighlight } from '../parse/index.js';
import { ANNOUNCING, EXAMPLE, isLabel, opensWithLabel } from './lexicon.js';
import { isSkipMarker } from './skip-marker.js';
import { asksQuestion, cleanHeading, hasWords, isContentsHeading } from './text.js';

/** Reading position in a note: the headings above, and a bold line acting as a heading. */
interface Position {
  headings: { depth: number; text: string }[];
  /** A paragraph that is only bold ("**Преимущества:**") heads what follows it until the next paragraph or heading. */
  pseudo?: string;
  /** Lists already asked under the current headings, to tell them apart. */
  lists: number;
  /** Labels of the list items this position is inside, each with the number of place levels it came after. */
  labels: { after: number; text: string }[];
}

/** A heading as a breadcrumb level; empty for a table of contents' heading. */
function headingLevel(heading: Heading): string {
  const text = cleanHeading(indexInline(heading.children.filter((node) => node.type !== 'html')).plain);
  return isContentsHeading(text) ? '' : text;
}

function sectionOf(position: Position): Section {
  const place = placeOf(position);
  const crumb = [...place];
  // Innermost first, each after the place levels it came under: an outer label then lands before it.
  for (const { after, text } of [...position.labels].reverse()) crumb.splice(Math.min(after, place.length), 0, text);
  return { crumb, place };
}

/** The headings and bold line above a position: the breadcrumb without list items' labels. */
function placeOf(position: Position): string[] {
  const place = position.headings.map((h) => h.text).filter(Boolean);
  if (position.pseudo) place.push(position.pseudo);
  return place;
}

/**
 * Where the blocks inside a list item are read: under the item's label when
 * the item opens with one ("**Continuous Integration (CI)**:" over its own
 * "**Цель**:" and "**Пример**:"), so three items' examples are three
 * questions, not one card answering all three.
 */
function nestedPositionOf(position: Position, first: RootContent | undefined): Position {
  const nested = { ...position, headings: [...position.headings] };
  const label = first?.type === 'paragraph' ? pseudoHeading(first) : undefined;
  return label === undefined ? nested : { ...nested, labels: [...position.labels, { after: placeOf(position).length, text: label }] };
}

/** A paragraph that is only a bold span (with an optional colon): a heading in all but syntax. */
function pseudoHeading(paragraph: Paragraph): string | undefined {
  const meaningful = paragraph.children.filter((node) => !(node.type === 'text' && !hasWords(node.value)) && node.type !== 'html');
  if (meaningful.length !== 1 || meaningful[0]?.type !== 'strong' || isHighlight(meaningful[0])) return undefined;
  const text = cleanHeading(indexInline(meaningful).plain);
  return hasWords(text) && text.length <= 80 ? text : undefined;
}

/** The paragraph closing with a colon right before a list introduces it ("Основные компоненты:"). */
function introOf(previous: RootContent | undefined): PhrasingContent[] | undefined {
  // A bold-only line is already in the breadcrumb; shown again above the list it would only repeat itself.
  if (previous?.type !== 'paragraph' || pseudoHeading(previous) !== undefined) return undefined;
  const plain = indexInline(previous.children).plain.trim();
  return plain.endsWith(':') && plain.length <= 200 ? previous.children : undefined;
}

/** Runs the rules over a note's blocks in reading order. `title` is the H1 used as the note's title, if any. */
export function walkNote(ctx: NoteContext, blocks: RootContent[], title: Heading | undefined): void {
  const position: Position = { headings: [], lists: 0, labels: [] };
  walkBlocks(ctx, blocks, position, title, true);
}

function walkBlocks(ctx: NoteContext, blocks: RootContent[], position: Position, title: Heading | undefined, topLevel: boolean): void {
  const answered = new Set<List>();
  const visit = (block: RootContent, i: number): void => {
    switch (block.type) {
      case 'heading':
        if (block === title) return;
        while ((position.headings.at(-1)?.depth ?? 0) >= block.depth) position.headings.pop();
        position.headings.push({ depth: block.depth, text: headingLevel(block) });
        position.pseudo = undefined;
        position.lists = 0;
        return;
      case 'paragraph': {
        const pseudo = pseudoHeading(block);
        if (pseudo !== undefined) {
          const next = blocks[i + 1];
          if (/[?？]$/u.test(pseudo)) boldQuestionCard(ctx, sectionOf(position), pseudo, answerBlocks(blocks, i + 1), block);
          // "**Формула расчета Velocity:**" over a code block or formula: nothing else would ask what it announces.
          else if (/[:：]\s*$/u.test(indexInline(block.children).plain) && (next?.type === 'code' || next?.type === 'math')) {
            boldQuestionCard(ctx, sectionOf(position), pseudo, [next], block);
          }
          position.pseudo = pseudo;
          return;
        }
        const next = blocks[i + 1];
        const before = ctx.drafts.length;
        if (paragraphCards(ctx, sectionOf(position), block, [], new Set(), next?.type === 'list' ? next : undefined, true)) answered.add(next as List);
        if (next?.type !== 'list' && asksAbove(blocks[i - 1], title) && ctx.drafts.slice(before).every((draft) => draft.drop !== undefined)) {
          headingQuestionCard(ctx, sectionOf(position), block);
        }
        if (!introOf(block)) position.pseudo = undefined;
        return;
      }
      case 'list': {
        // A list that is a definition's answer is not asked again as a list; its own bold and definitions still are.
        const before = ctx.drafts.length;
        listBlock(ctx, position, block, topLevel ? introOf(blocks[i - 1]) : undefined, topLevel && !answered.has(block));
        if (asksAbove(blocks[i - 1], title) && ctx.drafts.slice(before).every((draft) => draft.drop !== undefined)) headingQuestionListCard(ctx, sectionOf(position), block);
        dropTasks(ctx.drafts.slice(before), block);
        return;
      }
      case 'table': {
        const next = blocks[i + 1];
        tableCards(ctx, sectionOf(position), block, footnotesOf(next?.type === 'paragraph' ? next : undefined));
        return;
      }
      case 'blockquote': {
        const before = ctx.drafts.length;
        walkBlocks(ctx, calloutBlocks(block.children), position, title, topLevel);
        // An example callout ("> [!example]") shows the notes' own sample, as a section under "Example" does.
        if (opensWithLabel(EXAMPLE, calloutType(block.children) ?? '')) for (const draft of ctx.drafts.slice(before)) draft.drop ??= 'example';
        return;
      }
      default:
        return;
    }
  };
  // While a heading's section is skipped (a skip marker above the heading), that heading's depth.
  let skippedDepth: number | undefined;
  blocks.forEach((block, i) => {
    if (block.type === 'heading' && skippedDepth !== undefined && block.depth <= skippedDepth) skippedDepth = undefined;
    const marked = isSkipMarker(blocks[i - 1]);
    if (marked && block.type === 'heading') skippedDepth = block.depth;
    const before = ctx.drafts.length;
    visit(block, i);
    // The rules still read the block (a heading still sets the breadcrumb); its cards are listed as dropped.
    if (marked || skippedDepth !== undefined) for (const draft of ctx.drafts.slice(before)) draft.drop = 'skip-marker';
  });
}

/** Whether a block is a heading (not the note's title) that asks a question: the block below it answers. */
function asksAbove(block: RootContent | undefined, title: Heading | undefined): boolean {
  return block?.type === 'heading' && block !== title && asksQuestion(headingLevel(block));
}

/** Blocks that answer a bold question: what follows it up to the next heading, bold line or rule (a few blocks at most). */
function answerBlocks(blocks: RootContent[], from: number): RootContent[] {
  const answer: RootContent[] = [];
  for (let j = from; j < blocks.length && answer.length < 4; j++) {
    const block = blocks[j] as RootContent;
    if (block.type === 'heading' || block.type === 'thematicBreak' || (block.type === 'paragraph' && pseudoHeading(block) !== undefined)) break;
    answer.push(block);
  }
  return answer;
}

/**
 * "**Какими командами задать имя и email?**" over its answer: the note wrote a
 * question, so it is asked as written; the answer's own bold and definitions
 * still make their cards. Also a bold label over the code or formula it
 * announces, unless the label only says an example follows ("**Пример:**"),
 * which asks nothing.
 */
function boldQuestionCard(ctx: NoteContext, section: Section, question: string, answer: RootContent[], block: Paragraph): void {
  if (!ctx.rules.has('definition') || answer.length === 0) return;
  const back = renderBlocks(beforeExample(answer), ctx.sink);
  if (!hasWords(back.replace(/<[^>]*>/g, ' '))) return;
  const announcing = opensWithLabel(EXAMPLE, question) || isLabel(ANNOUNCING, question);
  ctx.drafts.push(
    definitionDraft(section, {
      cue: question,
      question: renderInline(indexInline(block.children.filter((node) => node.type === 'strong')), ctx.sink, { plainStrong: true })
        .trim()
        .replace(/\s*[:：]$/u, ''),
      back,
      line: block.position?.start.line ?? 1,
      ...(announcing ? { drop: 'label' as const } : {}),
    }),
  );
}

/**
 * Definition, question-answer and bold cards of one paragraph, line group by
 * line group. `nested` are blocks under it (a list item's sub-list); a
 * definition that ends with a colon and has none takes `following` (the list
 * right after it) as its answer. A paragraph of prose (`prose`, not a list
 * item, which the list rule asks) also asks the names it writes as code.
 * Returns whether it took `following`.
 */
function paragraphCards(
  ctx: NoteContext,
  section: Section,
  paragraph: Paragraph,
  nested: RootContent[],
  covered: ReadonlySet<Nodes> = new Set(),
  following?: List,
  prose = false,
): boolean {
  const start = paragraph.position?.start.line ?? 1;
  const isDefinitionLine = (line: PhrasingContent[]): boolean => matchDefinition(line) !== undefined;
  const groups = groupLines(splitLines(paragraph.children), isDefinitionLine);
  let tookFollowing = false;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as (typeof groups)[number];
    const line = start + group.lineOffset;
    const last = g === groups.length - 1;
    const definition = matchDefinition(group.nodes) ?? (last && nested.length > 0 ? matchLabel(group.nodes) : undefined);
    const asked = new Set(covered);
    const next = groups[g + 1];
    const nextDefinition = next ? matchDefinition(next.nodes) : undefined;
    if (definition && nextDefinition && isQuestionAnswerPair(definition, nextDefinition) && questionAnswerCard(ctx, section, definition, nextDefinition, line)) {
      g += 1; // the answer line is this card's back
      continue;
    }
    let under = last ? nested : [];
    if (last && under.length === 0 && following && definition && endsWithColon(definition)) {
      under = [following];
      tookFollowing = true;
    }
    // "**Пример:** В банковском приложении:" over definition lines of its own, or "1. **Merge**:" over a sub-list
    // of definitions: it only announces them, and they are asked (the sub-list's under its label, see nestedPositionOf).
    // The sub-list is checked last: only a label ending in a colon can announce, and most list items are not one.
    const announcesLines = nextDefinition !== undefined;
    const announces =
      definition !== undefined && endsWithColon(definition) && (announcesLines || (last && nested.length > 0 && nested.every((block) => isDefinitionList(ctx, block))));
    // A label over its own sub-list may say something before announcing it ("**2xx**: Указывают, что запрос выполнен
    // успешно. Например:"), which is asked all the same; what precedes announced lines sets up an example instead.
    let made = false;
    if (definition !== undefined && !covered.has(definition.term)) {
      // A label over definitions and points of its own ("**钙**" over "促进吸收: …" and "RNI 800 mg/d") answers with its points: the
      // definitions are asked on their own. A term with an explanation keeps its whole sub-list, which its explanation leads into.
      const answer = !announces && definition.explanation.length === 0 ? withoutDefinitions(ctx, under) : under;
      made = announces || definitionCard(ctx, section, definition, answer, line);
      // A label over a sub-list of definitions says what it says before announcing them, or, saying nothing, is
      // asked with the sub-list only when none of the sub-list's definitions is (see note-judgement.ts).
      if (announces && !announcesLines && !definitionCard(ctx, section, definition, [], line, 'before announcement')) gatherCard(ctx, section, definition, under, line);
      if (made) asked.add(definition.term);
    }
    if (!made && following !== undefined && under[0] === following) tookFollowing = false;
    if (prose && g === 0 && definition === undefined) plainDefinitionCard(ctx, section, group.nodes, line);
    const before = ctx.drafts.length;
    boldClozes(ctx, section, group.nodes, line, asked, prose && definition === undefined, definition && subjectOf(definition));
    // A diary's entry ("**03.06–09.06** — … ==finally understood probes==") asks nothing, its emphasis neither.
    if (definition !== undefined && isDiaryEntry(indexInline([definition.term]).plain)) for (const draft of ctx.drafts.slice(before)) draft.drop ??= 'metadata';
  }
  return tookFollowing;
}

/** The card of a label over the definitions nested under it, kept only if none of them is asked. */
function gatherCard(ctx: NoteContext, section: Section, definition: DefinitionMatch, nested: RootContent[], line: number): void {
  const before = ctx.drafts.length;
  if (!definitionCard(ctx, section, definition, nested, line)) return;
  const last = nested.at(-1)?.position?.end.line ?? line;
  for (const draft of ctx.drafts.slice(before)) draft.gathers = [line + 1, last];
}

/** The blocks under a list item; a sub-list under a bold label naming its subject with its facets set as definitions (see asFacets). */
function nestedBlocks(ctx: NoteContext, section: Section, first: RootContent | undefined, rest: RootContent[]): RootContent[] {
  const [list] = rest;
  if (rest.length !== 1 || list?.type !== 'list' || first?.type !== 'paragraph' || !readsAsGlossary(ctx) || pseudoHeading(first) === undefined) return rest;
  // Under an example ("### Пример отчёта"), "Дата: …", "Участники: …" are the example's made-up record.
  return section.place.some((heading) => opensWithLabel(EXAMPLE, heading)) ? rest : [asFacets(list)];
}

/** Blocks without the items of their lists that open with a definition, as a glossary reads them (a list left empty goes too). */
function withoutDefinitions(ctx: NoteContext, blocks: RootContent[]): RootContent[] {
  return blocks.flatMap((block): RootContent[] => {
    if (block.type !== 'list') return [block];
    const list = readList(ctx, block);
    const points = list.children.filter((item) => !(item.children[0]?.type === 'paragraph' && matchDefinition(item.children[0].children) !== undefined));
    if (points.length === list.children.length) return [block];
    return points.length > 0 ? [{ ...list, children: points }] : [];
  });
}

/** Whether a list without bold can be a glossary: on a diary's page "Аня: выкатили…", "Блокер: …" is a stand-up's log. */
function readsAsGlossary(ctx: NoteContext): boolean {
  return ctx.rules.has('definition') && !ctx.diary;
}

/** A list as the rules read it: a glossary written without bold has its terms set in bold (see asGlossary). */
function readList(ctx: NoteContext, list: List): List {
  return readsAsGlossary(ctx) ? asGlossary(list) : list;
}

/** An item that asks a question and answers it after an arrow: asked as written, not as an item of its list. */
function askedOnItsLine(ctx: NoteContext, paragraph: Paragraph): QuestionLine | undefined {
  return ctx.rules.has('definition') ? questionLineOf(paragraph.children) : undefined;
}

/** A list whose every item opens with a definition, in bold or as a glossary writes it without: each is asked as one. */
function isDefinitionList(ctx: NoteContext, block: RootContent): boolean {
  if (block.type !== 'list' || block.children.length === 0) return false;
  const list = readList(ctx, block);
  return list.children.every((item) => item.children[0]?.type === 'paragraph' && matchDefinition(item.children[0].children) !== undefined);
}

/**
 * A list of links to places in the note or to other notes (a table of
 * contents, a folder's index): navigation, not knowledge.
 */
function isTableOfContents(list: List): boolean {
  const navigation = list.children.filter((item) => {
    const first = item.children[0];
    if (first?.type !== 'paragraph') return false;
    const links = first.children.filter((node) => node.type === 'link');
    if (links.some((link) => link.url.startsWith('#'))) return true;
    const local = links.length > 0 && links.every((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link.url));
    return local && !hasWords(indexInline(first.children.filter((node) => node.type !== 'link')).plain);
  });
  return navigation.length * 2 >= list.children.length;
}

function listBlock(ctx: NoteContext, position: Position, written: List, intro: PhrasingContent[] | undefined, topLevel: boolean): void {
  const section = sectionOf(position);
  const list = readList(ctx, written);
  const plain: Paragraph[] = [];
  const questions = new Map<Paragraph, QuestionLine>();
  for (const item of list.children) {
    const first = item.children[0];
    if (first?.type !== 'paragraph') continue;
    // A definition, a bold label over its own sub-list, or a question answered on its line is asked on its own, not as an item of the list.
    const definition = ctx.rules.has('definition') ? (matchDefinition(first.children) ?? (item.children.length > 1 ? matchLabel(first.children) : undefined)) : undefined;
    const question = askedOnItsLine(ctx, first);
    if (question) questions.set(first, question);
    else if (!definition) plain.push(first);
  }
  // A list under a heading (or a bold line acting as one) asks its items; a list of definitions asks each definition instead.
  const underHeading = topLevel && section.crumb.length > 0 && !isTableOfContents(list);
  let covered = new Set<Nodes>();
  if (underHeading) {
    position.lists += 1;
    covered = listCards(ctx, section, list, plain, intro, position.lists);
  }
  for (const item of list.children) {
    const [first, ...under] = item.children;
    const rest = nestedBlocks(ctx, section, first, under);
    const question = first?.type === 'paragraph' ? questions.get(first) : undefined;
    if (question) questionLineCard(ctx, section, question, first?.position?.start.line ?? 1);
    else if (first?.type === 'paragraph') paragraphCards(ctx, section, first, rest, covered);
    walkBlocks(ctx, first?.type === 'paragraph' ? rest : item.children, nestedPositionOf(position, first), undefined, false);
  }
  position.pseudo = undefined;
}
