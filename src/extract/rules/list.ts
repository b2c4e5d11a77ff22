import type { List, Nodes, Paragraph, PhrasingContent } from 'mdast';
import type { DropReason } from '../../card.js';
import type { NoteContext, Section } from '../context.js';
import { escapeHtml, indexInline, renderInline, type InlineIndex } from '../html.js';
import { ANNOUNCING, EVALUATION, EXAMPLE, NAVIGATION, isLabel, opensWithLabel } from '../lexicon.js';
import { hasWords, normalizeSpace, wordCount } from '../text.js';

/**
 * An item up to this long is deleted whole, as a name or a short principle
 * ("Docker", "Everything as code"); a longer one is a phrase or a sentence,
 * which a learner cannot recall word for word, and is asked only by a term it
 * defines.
 */
const SHORT_ITEM = 50;
const NAME_WORDS = 3;
/**
 * A gloss's name ("Name (what it is)") up to this many words, and a step of
 * an ordered list: a sequence is recalled in order, its neighbours the cues.
 */
const SHORT_ITEM_WORDS = 5;
/** A "Term — description" item up to this long is asked by its term. */
const TERM_ITEM = 110;
/** Parts one list may make; the rest of a longer list would flood a deck. */
const MAX_PARTS = 3;
/** Share of items opening with a link that makes a list a reading list. */
const MOSTLY_LINKS = 0.5;
/** Items and characters one list card holds; a longer list is asked in consecutive parts. */
const MAX_ITEMS_PER_CARD = 10;
const MAX_CHARS_PER_CARD = 550;
/** Length an item is cut to when a list that asks nothing is listed as dropped. */
const CONTEXT_ITEM = 70;
/** A term longer than this before a short item's dash is a clause, not a name. */
const MAX_TERM = 50;

interface ItemPlan {
  index: InlineIndex;
  /** Plain-text end of the deletion; 0 when the item cannot be asked, and then neither can its list. */
  leadEnd: number;
  /** The rest of the item is shown after the deletion as its cue (a term's description, a name's gloss). */
  showsRest: boolean;
  line: number;
}

function isShort(text: string): boolean {
  return text.length <= SHORT_ITEM && wordCount(text) <= SHORT_ITEM_WORDS;
}

function isName(text: string, ordered: boolean): boolean {
  return ordered ? isShort(text) : text.length <= SHORT_ITEM && wordCount(text) <= NAME_WORDS;
}

/**
 * The end of an item deleted whole: a name, or a short step of an ordered
 * list. An item that announces what follows ("Пример использования:") or
 * only labels has none.
 */
function leadEnd(index: InlineIndex, ordered: boolean): number {
  const plain = index.plain.trimEnd();
  if (/[:：]$/u.test(plain) || isLabel(EXAMPLE, plain) || isLabel(ANNOUNCING, plain)) return 0;
  return isName(plain, ordered) ? withoutClosingPunctuation(index, plain.length) : 0;
}

/**
 * The end of the name of an item that reads "Name (what it is)": "Нативные
 * (собранные для конкретной платформы)" asks the name from its gloss, which
 * stays in sight, instead of deleting both.
 */
function nameBeforeGloss(index: InlineIndex): number {
  const match = /^([^()]{2,50}?)\s*\((?:[^()]|\([^()]*\)){3,}\)[.;,]?$/u.exec(index.plain.trim());
  if (!match?.[1] || !hasWords(match[1]) || !isShort(match[1])) return 0;
  const end = index.plain.indexOf(match[1]) + match[1].length;
  for (const [node, range] of index.ranges) if (cutsInHalf(index, node, range, end)) return 0;
  return end;
}

/**
 * The end of the term of a short item that reads "Term — what it is"
 * (`Swagger Editor — ручная проверка и валидация`), or 0: the term is deleted
 * and the description left as its cue. Deleting the whole item asked to recall
 * the description too, from nothing but the heading and the other items.
 */
function termEnd(index: InlineIndex): number {
  const plain = index.plain.trimEnd();
  if (plain.length > TERM_ITEM) return 0;
  const dash = /\s[—–-]\s|\s*——\s*/u.exec(plain);
  if (!dash || dash.index > MAX_TERM || !hasWords(plain.slice(0, dash.index)) || !hasWords(plain.slice(dash.index + dash[0].length))) return 0;
  for (const [node, range] of index.ranges) if (cutsInHalf(index, node, range, dash.index)) return 0;
  return dash.index;
}

/**
 * Asks a list of short "Term — description" items by their terms. Not when
 * some item reads otherwise (a list of steps with one dash would ask that
 * step by half), nor when a term is also written elsewhere in the list (a
 * description, the introduction): the card would show it, and finishCards
 * drops such a card.
 */
function withTermCues(plans: ItemPlan[], intro: string): ItemPlan[] {
  const asked = plans.filter((plan) => plan.leadEnd > 0 || termEnd(plan.index) > 0);
  const cut = new Map(asked.map((plan) => [plan, termEnd(plan.index)]));
  if (asked.length === 0 || [...cut.values()].includes(0)) return plans;
  const shown = [intro, ...plans.map((plan) => plan.index.plain.slice(cut.get(plan) ?? plan.leadEnd))].join('\n').toLowerCase();
  if (asked.some((plan) => shown.includes(normalizeSpace(plan.index.plain.slice(0, cut.get(plan))).toLowerCase()))) return plans;
  return plans.map((plan) => (cut.has(plan) ? { ...plan, leadEnd: cut.get(plan)!, showsRest: true } : plan));
}

/** An item's closing `.`, `;`, `,` or `:` stays outside its deletion (unless it closes code or a bold span). */
function withoutClosingPunctuation(index: InlineIndex, end: number): number {
  let cut = end;
  while (cut > 0 && /[.;,:]/u.test(index.plain[cut - 1] as string)) cut--;
  for (const [node, range] of index.ranges) if (cutsInHalf(index, node, range, cut)) return end;
  return hasWords(index.plain.slice(0, cut)) ? cut : end;
}

/**
 * Whether a cut at `at` would split a bold span, link or code: never, but for
 * bold over the whole item, which the deletion and its cue show plain.
 */
function cutsInHalf(index: InlineIndex, node: Nodes, [s, e]: [number, number], at: number): boolean {
  return node.type !== 'text' && s < at && at < e && !isWholeBold(index, node, [s, e]);
}

function isWholeBold(index: InlineIndex, node: Nodes, [s, e]: [number, number]): boolean {
  return node.type === 'strong' && s === 0 && e >= index.plain.trimEnd().length;
}

/** An item that opens with a link (`[Site](https://…) — a course`): the list points elsewhere. */
function opensWithLink(paragraph: Paragraph): boolean {
  const first = paragraph.children.find((node) => !(node.type === 'text' && !hasWords(node.value)));
  return first?.type === 'link' || first?.type === 'linkReference' || (first?.type === 'strong' && first.children[0]?.type === 'link');
}

/** Why a list under a heading asks nothing, if it does not: a list of links, or of judgements. */
function listDrop(section: Section, items: Paragraph[]): DropReason | undefined {
  const heading = section.place.at(-1) ?? '';
  if (opensWithLabel(NAVIGATION, heading) || items.filter(opensWithLink).length >= Math.max(1, items.length * MOSTLY_LINKS)) return 'navigation';
  if (opensWithLabel(EVALUATION, heading)) return 'evaluation';
  return undefined;
}

/**
 * The list rule: a list under a heading is asked as one cloze note whose
 * deletions are its items (names and short phrases whole, a term by its
 * description, a name by its gloss), recallable from the heading, the list's
 * introduction and the other items; a list with an item that is none of these
 * asks nothing. Returns the bold spans its deletions cover, which the bold rule then
 * leaves alone.
 */
export function listCards(
  ctx: NoteContext,
  section: Section,
  list: List,
  items: Paragraph[],
  intro: PhrasingContent[] | undefined,
  ordinal: number,
): Set<Nodes> {
  const covered = new Set<Nodes>();
  if (!ctx.rules.has('list')) return covered;
  const introIndex = intro ? indexInline(intro) : undefined;
  const plans = withTermCues(
    items
      .map((paragraph): ItemPlan => {
        const index = indexInline(paragraph.children);
        const line = paragraph.position?.start.line ?? 1;
        const name = nameBeforeGloss(index);
        if (name > 0) return { index, leadEnd: name, showsRest: true, line };
        return { index, leadEnd: hasWords(index.plain) ? leadEnd(index, list.ordered === true) : 0, showsRest: false, line };
      })
      .filter((plan) => hasWords(plan.index.plain)),
    introIndex?.plain ?? '',
  );
  const drop = listDrop(section, items);
  // Every item is asked, or none: an item shown cut to "…" beside the deletions is noise, and a phrase deleted whole cannot be recalled.
  if (plans.length < 2 || plans.some((plan) => plan.leadEnd === 0)) {
    if (plans.length >= 2) pushUnasked(ctx, section, list, plans, drop ?? 'long-item');
    return covered;
  }
  const introHtml = introIndex ? renderInline(introIndex, ctx.sink).trim() : '';
  const chunks = chunk(plans);
  chunks.forEach((part, chunkIndex) => {
    if (part.length < 2) return;
    const partDrop = drop ?? (chunkIndex >= MAX_PARTS ? 'cap' : undefined);
    const lis = part.map((plan, i) => {
      const full = plan.index.plain.trimEnd().length;
      const lead = renderInline(plan.index, ctx.sink, { range: [0, plan.leadEnd], inDeletion: true, plainStrong: true }).trim();
      const tail = plan.index.plain.slice(plan.leadEnd, full);
      const rest = plan.showsRest ? renderInline(plan.index, ctx.sink, { range: [plan.leadEnd, full], plainStrong: true }).trimEnd() : '';
      return `<li>{{c${i + 1}::${lead}}}${rest || escapeHtml(tail)}</li>`;
    });
    if (partDrop === undefined) {
      for (const plan of part) {
        for (const [node, [s, e]] of plan.index.ranges) {
          if (node.type === 'strong' && s < e && (e <= plan.leadEnd || isWholeBold(plan.index, node, [s, e]))) covered.add(node);
        }
      }
    }
    const tag = list.ordered ? 'ol' : 'ul';
    ctx.drafts.push({
      rule: 'list',
      type: 'cloze',
      cue: `${section.crumb.join(' › ')} #${ordinal}${chunks.length > 1 ? `.${chunkIndex + 1}` : ''}`,
      crumb: section.crumb,
      place: section.place,
      question: `${introHtml ? `<div>${introHtml}</div>` : ''}<${tag}>${lis.join('')}</${tag}>`,
      back: '',
      answers: part.map((plan, i) => ({ text: normalizeSpace(plan.index.plain.slice(0, plan.leadEnd)), n: i + 1 })),
      line: part[0]?.line ?? list.position?.start.line ?? 1,
      ...(partDrop ? { drop: partDrop } : {}),
    });
  });
  return covered;
}

/** A list with too little to delete, kept as dropped so `cards --dropped` shows why it made no card. */
function pushUnasked(ctx: NoteContext, section: Section, list: List, plans: ItemPlan[], drop: DropReason): void {
  const tag = list.ordered ? 'ol' : 'ul';
  const lis = plans.map((plan) => `<li>${renderInline(plan.index, ctx.sink, { range: [0, cutAtWord(plan.index.plain, CONTEXT_ITEM)] }).trim()}</li>`);
  ctx.drafts.push({
    rule: 'list',
    type: 'cloze',
    cue: section.crumb.join(' › '),
    crumb: section.crumb,
    place: section.place,
    question: `<${tag}>${lis.join('')}</${tag}>`,
    back: '',
    answers: [],
    line: plans[0]?.line ?? list.position?.start.line ?? 1,
    drop,
  });
}

/** Consecutive parts of a long list, each small enough to read as one question. */
function chunk(plans: ItemPlan[]): ItemPlan[][] {
  const parts: ItemPlan[][] = [];
  let current: ItemPlan[] = [];
  let chars = 0;
  for (const plan of plans) {
    const size = plan.index.plain.length;
    if (current.length > 0 && (current.length >= MAX_ITEMS_PER_CARD || chars + size > MAX_CHARS_PER_CARD)) {
      parts.push(current);
      current = [];
      chars = 0;
    }
    current.push(plan);
    chars += size;
  }
  if (current.length > 0) parts.push(current);
  // A last part of one item is asked with the part before it.
  const last = parts[parts.length - 1];
  const before = parts[parts.length - 2];
  if (last && before && last.length === 1) {
    before.push(...last);
    parts.pop();
  }
  return parts;
}

function cutAtWord(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const space = text.lastIndexOf(' ', max);
  return space > max / 2 ? space : max;
}
