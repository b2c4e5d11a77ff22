import type { List, ListItem, Paragraph, PhrasingContent, Text } from 'mdast';
import { indexInline } from '../html.js';
import { ANNOUNCING, DEFINING, EXAMPLE, METADATA, isLabel } from '../lexicon.js';
import { isListOfNames } from '../reverse.js';
import { hasWords, normalizeSpace, wordCount } from '../text.js';
import { matchDefinition } from './definition.js';

/**
 * A list that defines its terms without bold ("- Namespace: a virtual
 * cluster…", "1. 管道（Pipe）：半双工通信…"), as notes written without
 * formatting do, Chinese ones most of all. Only a list whose every item reads
 * that way is a glossary: a colon after a few words of one item is as often a
 * label ("Команда: `./gradlew test`") or a clause as a term.
 */

/** A term of a letter or digit and a few words, perhaps a gloss in parentheses, then a colon. */
const PLAIN_TERM = /^([\p{L}\p{N}][^:：;；.。!?！？()（）[\]\n]{0,40}?)(\s*[(（][^()（）\n]{1,60}[)）])?\s*[:：][ \t]*(?=\S|$)/u;
const MAX_TERM_WORDS = 4;
/** An explanation shorter than this is a value ("Xiaomi: Redmi, Mi series"), not a definition. */
const MIN_EXPLANATION_WORDS = 4;
const MIN_ITEMS = 2;

/**
 * How long a glossary item's plain term is (its text up to the gloss), or 0 when the item reads otherwise.
 * A facet of a subject (`facet`) may be answered by a word or a few names ("Дефицит: болезнь Кешана").
 */
function plainTermLength(paragraph: Paragraph, facet = false): number {
  const first = paragraph.children[0];
  if (first?.type !== 'text') return 0;
  const match = PLAIN_TERM.exec(first.value);
  const term = normalizeSpace(match?.[1] ?? '');
  if (!match || !hasWords(term) || wordCount(term) > MAX_TERM_WORDS) return 0;
  // The explanation may open with code ("Sent by: `kill`"), not with bold, which the bold rule asks.
  if (match[0].length === first.value.length && paragraph.children[1]?.type !== 'inlineCode') return 0;
  if ([EXAMPLE, ANNOUNCING, DEFINING, METADATA].some((words) => isLabel(words, term))) return 0;
  const explanation = indexInline(paragraph.children).plain.slice(match[0].length).split('\n')[0] ?? '';
  if (facet ? !isFacetValue(term, explanation) : wordCount(explanation) < MIN_EXPLANATION_WORDS || isListOfNames(explanation)) return 0;
  return (match[1] ?? '').length;
}

/** A step of a sequence ("Шаг 1", "Step N", "第2步"): its place, not a facet of anything. */
const NUMBERED = /(?:^|\s)(?:\p{N}+|\p{Lu})$|^第?\p{N}+\p{L}?$/u;

/** A facet's value says something in words: a count, a date or a percentage alone is a record's field ("Выполнено тест-кейсов: 95."). */
function isFacetValue(term: string, value: string): boolean {
  return !NUMBERED.test(term) && /\p{L}{2}/u.test(value);
}

function firstParagraph(item: ListItem): Paragraph | undefined {
  const first = item.children[0];
  return first?.type === 'paragraph' ? first : undefined;
}

/**
 * The list with each plain term set in bold, so the definition rule asks it
 * as it asks "**Term**: explanation"; the list itself when it is no glossary.
 * Items that already open with a bold or code term count as glossary items.
 */
export function asGlossary(list: List): List {
  let read = glossaries.get(list);
  if (read === undefined) {
    read = glossaryOf(list);
    glossaries.set(list, read);
  }
  return read;
}

/** Each list read as a glossary once: a label's sub-list is read by the label and again when it is walked. */
const glossaries = new WeakMap<List, List>();

function glossaryOf(list: List): List {
  if (list.children.length < MIN_ITEMS) return list;
  const lengths: number[] = [];
  // Most lists are no glossary, and their first item says so: read no further.
  for (const item of list.children) {
    const paragraph = firstParagraph(item);
    const length = paragraph ? plainTermLength(paragraph) || (matchDefinition(paragraph.children) !== undefined ? 0 : -1) : -1;
    if (length < 0) return list;
    lengths.push(length);
  }
  return withBoldTerms(list, lengths);
}

/**
 * The list under a bold label naming a subject, with each facet of it set in
 * bold ("**钙**" over "促进吸收: 维生素 D、乳糖" and "最好的来源: 奶及奶制品"):
 * each is asked under the label, however short its value, when two items and
 * half the list or more name a facet. The other items are the label's own points.
 */
export function asFacets(list: List): List {
  const lengths = list.children.map((item) => {
    const paragraph = firstParagraph(item);
    return paragraph ? plainTermLength(paragraph, true) || (matchDefinition(paragraph.children) !== undefined ? 0 : -1) : -1;
  });
  const facets = lengths.filter((length) => length >= 0).length;
  return facets >= MIN_ITEMS && facets * 2 >= lengths.length ? withBoldTerms(list, lengths) : list;
}

/** The list with the first `lengths[i]` characters of each item set in bold (none where the length is not positive). */
function withBoldTerms(list: List, lengths: readonly number[]): List {
  if (lengths.every((length) => length <= 0)) return list;
  return {
    ...list,
    children: list.children.map((item, i) => {
      const length = lengths[i] ?? 0;
      const paragraph = firstParagraph(item);
      if (length <= 0 || paragraph === undefined) return item;
      const [first, ...rest] = paragraph.children as [Text, ...PhrasingContent[]];
      const term: PhrasingContent = { type: 'strong', children: [{ type: 'text', value: first.value.slice(0, length) }] };
      const bolded: Paragraph = { ...paragraph, children: [term, { ...first, value: first.value.slice(length) }, ...rest] };
      return { ...item, children: [bolded, ...item.children.slice(1)] };
    }),
  };
}
