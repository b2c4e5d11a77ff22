import type { InlineCode, Nodes, PhrasingContent, Strong, Text } from 'mdast';
import type { NoteContext, Section } from '../context.js';
import { indexInline, renderInline, type InlineIndex, type Mask } from '../html.js';
import { firstIndex, insideAny, runWithin } from '../ranges.js';
import { sentenceRanges } from '../sentences.js';
import { EXAMPLE, POINTING_BACK, STRESS, isLabel, opensWithLabel } from '../lexicon.js';
import { givenAway } from '../restates.js';
import { comparable, hasWords, wordCount } from '../text.js';
import { wholeWordMatches } from '../words.js';
import { headingDefinition } from './heading-definition.js';

/** Longest sentence asked whole; a longer one is narrowed to the clauses around its deletions. */
const MAX_SENTENCE = 400;
/** A code span asked in prose is a name (`strace`, `find_packages`), not a command line or a snippet. */
const MAX_CODE_TERM = 40;
const MAX_CODE_TERM_WORDS = 3;
/** More code spans than this in one sentence are a list of names, not a statement about them. */
const MAX_CODE_TERMS = 3;
/** Words of prose a sentence needs around its code spans to be a question. */
const MIN_PROSE_WORDS = 5;

/** A code span that names something: short, with letters, a few words at most. */
function isCodeTerm(code: InlineCode): boolean {
  const value = code.value.trim();
  return value.length >= 2 && value.length <= MAX_CODE_TERM && /\p{L}/u.test(value) && value.split(/\s+/u).length <= MAX_CODE_TERM_WORDS;
}

/** Opening words searched for a word pointing back ("В отличие от итератора, он …"). */
const OPENING_WORDS = 4;

/**
 * A sentence that points back to the one before it ("Он запоминает, где
 * остановился") is asked with that sentence in front, as context: alone it
 * asks about nothing. Not when the two would be too long for a question.
 */
function withSentenceBefore(plain: string, window: [number, number], previous: [number, number] | undefined): [number, number] {
  if (!previous || window[1] - previous[0] > MAX_SENTENCE) return window;
  const opening = plain.slice(window[0], window[1]).split(/[^\p{L}]+/u).filter(Boolean).slice(0, OPENING_WORDS);
  return opening.some((word) => isLabel(POINTING_BACK, word)) ? [previous[0], window[1]] : window;
}

/** A sentence ending in a colon announces what follows it ("На {{эмуляторе}}:"): without that, it is half a thought. */
function announces(sentence: string): boolean {
  return /[:：]\s*$/u.test(sentence);
}

/** A sentence announcing the example below it ("Ниже приведён пример … с {{JUnit}}:"): the example is the point, not the sentence. */
function introducesExample(sentence: string): boolean {
  return announces(sentence) && sentence.split(/[^\p{L}]+/u).some((word) => isLabel(EXAMPLE, word));
}

/** A label and its colon opening a sentence ("Примеры:", "Example data …:", "例如："). */
const OPENING_LABEL = /^\s*([^:：\n]{1,40})[:：]/u;

/**
 * A sentence that lists examples after a label ("Примеры: **Fiddler**, **Charles**, **Wireshark**."): any
 * of them fills a gap as well as another. A sentence only opening "For example," states a fact of its own.
 */
function listsExamples(sentence: string): boolean {
  const label = OPENING_LABEL.exec(sentence)?.[1];
  return label !== undefined && opensWithLabel(EXAMPLE, label);
}

/** A one-word bold span this short ("**не**", "**or**") is stress, not a term. */
const STRESS_MAX_LETTERS = 2;

/** A deletion longer than this ("先说结论：==InnoDB 默认使用 B+ 树索引，主键索引是聚簇索引……==") is a statement to recall word for word, not a term. */
const MAX_DELETION_WORDS = 8;

/** Letters of a mnemonic's initial: "**R**espiratory **O**pposite", "**S**RP". */
const MAX_INITIAL_LETTERS = 2;

/**
 * Whether a bold span is the first letters of the word it is glued to
 * ("**R**espiratory **O**pposite **M**etabolic **E**qual"): it spells a
 * mnemonic, and deleting it asks for a letter, not a term.
 */
function isInitial(plain: string, [from, to]: [number, number]): boolean {
  if (to - from > MAX_INITIAL_LETTERS || !/^\p{Lu}+$/u.test(plain.slice(from, to))) return false;
  return /[\p{Lu}\p{Ll}]/u.test(plain.charAt(to)) && !/[\p{L}\p{N}]/u.test(plain.charAt(from - 1));
}

/** Bold used for stress: one common word ("это **не** так", "**always**"), not a term to recall. */
function isStress(text: string): boolean {
  const word = text.trim();
  // Only a script with letter case writes its short stressed words in lower case; a Han term ("**进程**是…") is two letters long.
  return !/\s/u.test(word) && (isLabel(STRESS, word) || (word.length <= STRESS_MAX_LETTERS && /^\p{Ll}+$/u.test(word)));
}

/** Each list in reading order; strong spans and text leaves never overlap, so their ranges are sorted too. */
interface InlineParts {
  strongs: Strong[];
  /** Code spans in the prose itself, not inside a bold span or a link. */
  codes: InlineCode[];
  /** Text leaves outside any bold span: where other occurrences of a deleted term are masked. */
  freeTexts: Text[];
  unbreakable: [number, number][];
}

function collectParts(index: InlineIndex): InlineParts {
  const parts: InlineParts = { strongs: [], codes: [], freeTexts: [], unbreakable: [] };
  const range = (node: Nodes): [number, number] => index.ranges.get(node) ?? [0, 0];
  const visit = (node: Nodes): void => {
    if (node.type === 'strong') {
      parts.strongs.push(node);
      parts.unbreakable.push(range(node));
      return;
    }
    if (node.type === 'text') parts.freeTexts.push(node);
    if (['inlineCode', 'inlineMath', 'link', 'linkReference', 'image', 'emphasis'].includes(node.type)) {
      parts.unbreakable.push(range(node));
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  for (const node of index.nodes) {
    if (node.type === 'inlineCode') parts.codes.push(node);
    visit(node);
  }
  return parts;
}

/** The term a line defines, whose explanation the line's other sentences go on with. */
export interface Subject {
  term: Nodes;
  text: string;
}

/**
 * The bold rule: every sentence holding bold spans becomes one cloze note,
 * one deletion number per distinct bold text (the same term twice is one
 * number). Other occurrences of a deleted term in the sentence are deleted too,
 * so the card never shows its answer. Bold spans in `asked` are the cue or
 * answer of another card and are left as plain bold. With `codeTerms`, a
 * sentence of prose without bold asks the names it writes as code (a tool, a
 * command, a function: "можно использовать команду `strace`"), which notes
 * emphasise that way as often as with bold.
 */
export function boldClozes(
  ctx: NoteContext,
  section: Section,
  nodes: PhrasingContent[],
  line: number,
  asked: ReadonlySet<Nodes> = new Set(),
  codeTerms = false,
  subject?: Subject,
): void {
  if (!ctx.rules.has('bold')) return;
  const index = indexInline(nodes);
  const parts = collectParts(index);
  const range = (node: Nodes): [number, number] => index.ranges.get(node) ?? [0, 0];
  const eligible = parts.strongs.filter((strong) => !asked.has(strong) && hasWords(index.plain.slice(...range(strong))));
  const codes = codeTerms ? parts.codes.filter(isCodeTerm) : [];
  if (eligible.length === 0 && codes.length === 0) return;
  const eligibleRanges = eligible.map(range);
  const codeRanges = codes.map(range);
  const freeTextRanges = parts.freeTexts.map(range);
  const inUnbreakable = insideAny(parts.unbreakable);
  const lineBreaks = [...index.plain.matchAll(/\n/g)].map((match) => match.index);
  const sentences = sentenceRanges(index.plain, ctx.language, parts.unbreakable);
  let before: [number, number] | undefined;
  for (const sentence of sentences) {
    const previous = before;
    before = sentence;
    const bolded = eligible.slice(...runWithin(eligibleRanges, sentence));
    // Stressed words stay bold text; a sentence with nothing but stress is kept as dropped.
    const terms = bolded.filter((strong) => !isStress(index.plain.slice(...range(strong))) && !isInitial(index.plain, range(strong)));
    const named = terms.length === 0 ? codeTermsOf(index.plain, sentence, codes.slice(...runWithin(codeRanges, sentence)).map(range)) : [];
    const inSentence: Nodes[] = terms.length > 0 ? terms : named.length > 0 ? codes.slice(...runWithin(codeRanges, sentence)) : bolded;
    if (inSentence.length === 0) continue;
    const own = withoutLeadingDecoration(index.plain, narrow(index.plain, sentence, inSentence.map(range), inUnbreakable));
    const window = withSentenceBefore(index.plain, own, previous);
    const numbers = new Map<string, number>();
    const deletions = new Map<Nodes, number>();
    for (const strong of inSentence) {
      const key = comparable(index.plain.slice(...range(strong)));
      if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
      deletions.set(strong, numbers.get(key) as number);
    }
    const lineOf = line + firstIndex(lineBreaks, (at) => at >= window[0]);
    // A paragraph opening with the term its section's heading names defines it in its first sentence.
    const only = terms.length > 0 && numbers.size === 1 ? inSentence[0] : undefined;
    if (only && previous === undefined && headingDefinition(ctx, section, index, range(only), window, lineOf)) continue;
    const masks = findMasks(parts.freeTexts, freeTextRanges, window, numbers);
    const deleted = [...inSentence.map(range), ...masks.map((m): [number, number] => [m.start, m.end])].sort((a, b) => a[0] - b[0]);
    // A sentence that is all bold ("**GitOps**.") leaves nothing to recall it from.
    const noCue = !hasWords(cutOut(index.plain, window, deleted, ''));
    // A later sentence of a definition's explanation speaks of its term without naming it ("Нужно **масштабировать** признаки"): the term heads it.
    const speaksOf = subject !== undefined && range(subject.term)[1] <= window[0];
    ctx.drafts.push({
      rule: 'bold',
      type: 'cloze',
      cue: cutOut(index.plain, window, deleted, '[…]'),
      crumb: speaksOf ? [...section.crumb, subject.text] : section.crumb,
      place: section.place,
      question: renderInline(index, ctx.sink, { range: window, deletions, masks }),
      back: '',
      answers: [...numbers].map(([text, n]) => ({ text, n })),
      line: lineOf,
      ...(noCue
        ? { drop: 'no-cue' as const }
        : terms.length === 0 && named.length === 0
        ? { drop: 'emphasis' as const }
        : introducesExample(index.plain.slice(...window)) || listsExamples(index.plain.slice(...own)) || inSentence.every((node) => isWorkedResult(index.plain, range(node)))
          ? { drop: 'example' as const }
        : inSentence.some((node) => wordCount(index.plain.slice(...range(node))) > MAX_DELETION_WORDS)
          ? { drop: 'long-item' as const }
        : announces(index.plain.slice(...window))
          ? { drop: 'label' as const }
        : [...numbers.keys()].every((text) => crumbGivesAway(section.crumb, text))
          ? { drop: 'restates' as const }
          : {}),
    });
  }
}

/** A number, perhaps with a short unit ("8 片", "20 bits", "0.64"). */
const RESULT = /^[-−]?\d[\d.,]*\s*\S{0,4}$/u;
/** An arithmetic expression up to its equals sign ("(8K/2K)×(8/4) =", "1 − 0.95²⁰ ≈"). */
const WORKED = /\d[^=≈]*[-+−×*/÷^²³⁰¹⁴⁵⁶⁷⁸⁹][^=≈]*\d\S*\s*[=≈]\s*$/u;

/**
 * Whether a bold number is the result of the arithmetic written before it
 * ("Tag = 32 − 6 − 6 = **20 位**"): the card shows its own working, so the
 * deletion is a sum to redo, not a fact to recall.
 */
function isWorkedResult(plain: string, [from, to]: [number, number]): boolean {
  return RESULT.test(plain.slice(from, to).trim()) && WORKED.test(plain.slice(Math.max(0, from - 60), from));
}

/** The code spans of a sentence worth asking: a few, in a sentence with enough prose around them. */
function codeTermsOf(plain: string, sentence: [number, number], spans: [number, number][]): [number, number][] {
  if (spans.length === 0 || spans.length > MAX_CODE_TERMS) return [];
  const prose = cutOut(plain, sentence, spans, ' ').split(/\s+/u).filter((word) => /\p{L}/u.test(word));
  return prose.length >= MIN_PROSE_WORDS ? spans : [];
}

/**
 * Whether the breadcrumb shows a deletion's answer in other words ("Тестирование на основе опыта" over
 * "{{c1::на основании своего опыта}}"). The answer written there as it is gets deleted there too (finish.ts).
 */
function crumbGivesAway(crumb: readonly string[], answer: string): boolean {
  const levels = crumb.join(' › ');
  return wholeWordMatches(levels, answer, { anySpace: true }).length === 0 && givenAway(levels, answer);
}

/** The plain text of a range with the given sub-ranges replaced. */
function cutOut(plain: string, [from, to]: [number, number], holes: [number, number][], filler: string): string {
  let out = '';
  let at = from;
  for (const [s, e] of holes) {
    if (s < at || e > to) continue;
    out += plain.slice(at, s) + filler;
    at = e;
  }
  return out + plain.slice(at, to);
}

/**
 * Other occurrences of a deleted term, as whole words, in text outside bold
 * spans (`texts`, in reading order, with their plain-text ranges), sorted. An
 * occurrence overlapping one of an earlier term is left to that term.
 */
function findMasks(texts: Text[], ranges: [number, number][], window: [number, number], numbers: Map<string, number>): Mask[] {
  // Only the texts overlapping the window: no mask can come from outside it.
  const first = firstIndex(ranges, ([, end]) => end > window[0]);
  const last = firstIndex(ranges, ([start]) => start >= window[1]);
  let earlier: Mask[] = [];
  for (const [term, n] of numbers) {
    if (term.length < 2) continue;
    // One term's matches come in reading order and never overlap each other.
    const own: Mask[] = [];
    for (let i = first; i < last; i++) {
      const start = (ranges[i] as [number, number])[0];
      for (const [from, to] of wholeWordMatches((texts[i] as Text).value, term, { anySpace: true })) {
        const s = start + from;
        const e = start + to;
        const next = earlier[firstIndex(earlier, (m) => m.end > s)];
        if (s >= window[0] && e <= window[1] && !(next && next.start < e)) own.push({ start: s, end: e, n });
      }
    }
    earlier = [...earlier, ...own].sort((a, b) => a.start - b.start);
  }
  return earlier;
}

/**
 * A sentence too long to be a good question is narrowed to the clauses
 * (split at `;`, `:` and commas) that hold its deletions, widened clause by
 * clause while it stays short.
 */
function narrow(
  plain: string,
  sentence: [number, number],
  deletions: [number, number][],
  inUnbreakable: (at: number) => boolean,
): [number, number] {
  if (sentence[1] - sentence[0] <= MAX_SENTENCE) return sentence;
  const cuts: number[] = [sentence[0]];
  const text = plain.slice(sentence[0], sentence[1]);
  for (const match of text.matchAll(/[;:,]\s+/g)) {
    const at = sentence[0] + (match.index ?? 0) + match[0].length;
    if (!inUnbreakable(at)) cuts.push(at);
  }
  cuts.push(sentence[1]);
  const first = Math.min(...deletions.map(([s]) => s));
  const last = Math.max(...deletions.map(([, e]) => e));
  let a = cuts.filter((c) => c <= first).pop() ?? sentence[0];
  let b = cuts.find((c) => c >= last) ?? sentence[1];
  for (;;) {
    const before = cuts.filter((c) => c < a).pop();
    const after = cuts.find((c) => c > b);
    if (before !== undefined && b - before <= MAX_SENTENCE / 2) a = before;
    else if (after !== undefined && after - a <= MAX_SENTENCE / 2) b = after;
    else break;
  }
  while (a < b && /\s/u.test(plain[a] as string)) a++;
  while (b > a && /[\s;:,]/u.test(plain[b - 1] as string)) b--;
  return [a, b];
}

/** A sentence's leading bullets and emoji ("🔹 ", "1️⃣ ", "• ") are decoration, not part of the question. */
function withoutLeadingDecoration(plain: string, [from, to]: [number, number]): [number, number] {
  const lead = /^(?:[0-9#*]\uFE0F?\u20E3|\p{Extended_Pictographic}|\uFE0F|\u200D|[•·▪►→-]|\s)+/u.exec(plain.slice(from, to));
  const skip = lead && /[^\s-]/u.test(lead[0]) ? lead[0].length : 0;
  return [from + skip, to];
}
