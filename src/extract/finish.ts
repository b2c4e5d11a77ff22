import { imagePaths, type Card, type DropReason, type DroppedCard } from '../card.js';
import { clozeNumbers, clozeOrdinals } from '../cloze.js';
import type { Draft } from './context.js';
import { excludeDraft, type ExclusionPatterns } from './exclude.js';
import { escapeHtml } from './html.js';
import { cardId } from './identity.js';
import { collapseSpace, comparable, hasWords } from './text.js';
import { replaceWholeWords } from './words.js';

/** No question runs longer than this (characters of text, breadcrumb included). */
export const MAX_QUESTION = 700;

export interface NoteFacts {
  file: string;
  identity: string;
  title: string;
  deck: string;
  tags: string[];
}

/** A note's cards, and the candidates turned down with why. */
export interface FinishedCards {
  cards: Card[];
  dropped: DroppedCard[];
}

/** The visible text of a field: tags dropped, entities read. */
export function htmlText(html: string): string {
  const text = html.includes('<') ? html.replace(/<\/?(?:div|li|ul|ol|br|p|tr|td|th|table|pre|blockquote)\b[^>]*>/g, ' ').replace(/<[^>]*>/g, '') : html;
  return collapseSpace(text.includes('&') ? decodeEntities(text) : text).trim();
}

/** The entities escapeHtml writes, read back (`&amp;` last, as the text may say `&amp;lt;`). */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Template placeholders (`{{date}}`, Templater's `<% … %>`) are not answers: a template note makes no cards. */
function withoutPlaceholders(text: string): string {
  return text.replace(/\{\{[^{}]*\}\}|<%.*?%>/gs, '');
}

/**
 * Whether `needle` occurs as whole words in `h` (case-insensitive). Both are
 * htmlText's, white space already collapsed, and `h` is lower-cased: a card
 * tests one text for several answers.
 */
function containsWords(h: string, needle: string): boolean {
  const n = needle.toLowerCase().replace(/^[\s.,;:!?…]+|[\s.,;:!?…]+$/gu, '');
  if (!n) return false;
  let at = h.indexOf(n);
  while (at >= 0) {
    const before = h[at - 1] ?? ' ';
    const after = h[at + n.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    at = h.indexOf(n, at + 1);
  }
  return false;
}

/**
 * The breadcrumb a card shows: title and headings. A level equal to a
 * definition's term or to a cloze's answer is left out (it would only repeat
 * the question, or show a gap); in a cloze, a deleted text inside a level is
 * deleted there too ("{{c1::HTTP}} basics"), so the card keeps its context
 * without showing its answer.
 */
function crumbHtml(facts: NoteFacts, draft: Draft): string {
  // The title always stays: without it "Инструменты" alone would be the whole context.
  const answers = draft.answers.filter((answer) => hasWords(answer.text)).sort((a, b) => b.text.length - a.text.length);
  // A heading that is a deletion's whole answer (`### WebElement` over "{{c1::WebElement}} представляет…") would only show a gap.
  const repeats = (level: string): boolean =>
    (draft.term !== undefined && comparable(level) === comparable(draft.term)) || answers.some((answer) => comparable(level) === comparable(answer.text));
  const levels = [facts.title, ...draft.crumb.filter((level) => !repeats(level))];
  const rendered = levels.map((level) => {
    let html = escapeHtml(level);
    for (const { text, n } of answers) {
      html = replaceWholeWords(html, escapeHtml(text), (match) => `{{c${n}::${match}}}`);
    }
    return html;
  });
  return `<div class="crumb">${rendered.join(' › ')}</div>`;
}

/** Text of the cloze deletions of a field. */
function deletedTexts(front: string): string[] {
  return [...front.matchAll(/\{\{c\d+::(.*?)\}\}/gs)].map((m) => htmlText(m[1] ?? ''));
}

/** Images a card's fields reference, in order. */
function mediaOf(...fields: string[]): string[] {
  const media: string[] = [];
  for (const field of fields) {
    for (const path of imagePaths(field)) {
      if (!media.includes(path)) media.push(path);
    }
  }
  return media;
}

/** `{{cN::…}}` for each deletion number N, made once: a note's cards use a handful. */
const deletionsNumbered = new Map<number, RegExp>();

function deletionsOf(n: number): RegExp {
  let pattern = deletionsNumbered.get(n);
  if (!pattern) {
    // Global: `replace` and `matchAll` both start from, and leave, lastIndex 0, so one object serves every call.
    pattern = new RegExp(`\\{\\{c${n}::(.*?)\\}\\}`, 'gs');
    deletionsNumbered.set(n, pattern);
  }
  return pattern;
}

/**
 * A cloze front without deletions whose answer would show on their own card
 * (in another deletion's text, which that card reveals, or in the breadcrumb):
 * such a deletion is written as plain text. Two list items saying the same
 * thing, for instance, are both left unasked rather than giving each other away.
 */
function withoutVisibleAnswers(front: string): string {
  let current = front;
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of clozeNumbers(current)) {
      const own = deletionsOf(n);
      const answers = [...current.matchAll(own)].map((m) => htmlText(m[1] ?? '')).filter(hasWords);
      if (answers.length === 0) continue;
      const visible = htmlText(current.replace(own, ' ').replace(/\{\{c\d+::(.*?)\}\}/gs, '$1')).toLowerCase();
      if (answers.some((answer) => containsWords(visible, answer))) {
        current = current.replace(own, '$1');
        changed = true;
      }
    }
  }
  return current;
}

/**
 * Whether a card would show its answer on its question side (`frontText`: the
 * front's htmlText, `backText` the back's). A cloze front has been through
 * withoutVisibleAnswers: with one deletion number, the text around its
 * deletions was found to hold none of them, which is the question asked here.
 */
function showsAnswer(card: Card, frontText: string, backText: string): boolean {
  if (card.type === 'basic') return backText.length > 0 && containsWords(frontText.toLowerCase(), backText);
  if (card.cards === 1) return false;
  const deleted = deletedTexts(card.front).filter((text) => hasWords(text) && text.length >= 3);
  if (deleted.length === 0) return false;
  const outside = htmlText(card.front.replace(/\{\{c\d+::.*?\}\}/gs, ' ')).toLowerCase();
  return deleted.some((text) => containsWords(outside, text));
}

/**
 * Markdown the parser could not read (a bold span broken by a table's `|`, an
 * unclosed wikilink) would show as raw syntax; such a card is left out.
 */
function hasLeftoverMarkup(card: Card): boolean {
  const withoutCode = (html: string): string => html.replace(/<code>.*?<\/code>|<pre>.*?<\/pre>|\\\(.*?\\\)|\\\[.*?\\\]/gs, ' ');
  // Dropping tags and code and reading entities cannot make a `*`, `_`, `[` or `]` unless a numeric entity spells one.
  const mayHold = (field: string): boolean => /[*_[\]]|&#/.test(field);
  return [card.front, card.back].some((field) => mayHold(field) && /\*\*|__|\[\[|\]\]/.test(htmlText(withoutCode(field))));
}

/**
 * A draft asked from its description, turned back name first when its
 * question side names the answer ("ELK Stack (Elasticsearch, Logstash, Kibana)
 * › Поиск и индексация данных" would ask "Elasticsearch" in sight of it).
 */
function facingAnswer(facts: NoteFacts, draft: Draft): Draft {
  if (draft.unreversed === undefined) return draft;
  const front = htmlText(`${crumbHtml(facts, draft)}${draft.question}`).toLowerCase();
  if (!containsWords(front, htmlText(draft.back))) return draft;
  const named: Draft = { ...draft, ...draft.unreversed };
  delete named.unreversed;
  if (draft.unreversed.drop === undefined) delete named.drop;
  return named;
}

/**
 * Cards from a note's drafts: breadcrumb, id, counts. Drafts the user's
 * `exclude` names, drafts a rule judged not worth asking (unless `keep` names
 * their reason), and drafts that would make a bad card (answer in sight,
 * question too long, leftover markup) are listed as dropped; drafts with an
 * empty side make nothing; two drafts with one id or one question become one card.
 */
export function finishCards(
  facts: NoteFacts,
  drafts: Draft[],
  keep: ReadonlySet<DropReason> = new Set(),
  exclusions?: ExclusionPatterns,
): FinishedCards {
  const cards: Card[] = [];
  const dropped: DroppedCard[] = [];
  const byId = new Map<string, Card>();
  const byQuestion = new Map<string, Card>();
  // Per repeated cue and place, the next ordinal to try: every lower one is taken already, so
  // the search below resumes there instead of re-hashing from 2 (quadratic in a note repeating one cue).
  const nextOrdinal = new Map<string, number>();
  for (const written of drafts) {
    const draft = facingAnswer(facts, exclusions ? excludeDraft(written, exclusions) : written);
    const composed = `${crumbHtml(facts, draft)}${draft.question}`;
    const front = draft.type === 'cloze' ? withoutVisibleAnswers(composed) : composed;
    const back = draft.back.trim();
    const drop = (reason: DropReason): void => {
      dropped.push({ reason, rule: draft.rule, type: draft.type, front: draft.type === 'cloze' ? composed : front, back, source: { file: facts.file, line: draft.line } });
    };
    if (draft.drop !== undefined && !keep.has(draft.drop)) {
      drop(draft.drop);
      continue;
    }
    const cardCount = draft.type === 'cloze' ? clozeOrdinals(front).length : 1;
    const backText = draft.type === 'basic' ? htmlText(back) : '';
    if (draft.type === 'cloze' ? cardCount === 0 : !hasWords(withoutPlaceholders(backText)) && imagePaths(back).length === 0) continue;
    const frontText = htmlText(front);
    if (frontText.length > MAX_QUESTION) {
      drop('too-long');
      continue;
    }
    let id = cardId(facts.identity, draft.rule, draft.cue);
    const card: Card = {
      id,
      deck: facts.deck,
      type: draft.type,
      front,
      back,
      cards: cardCount,
      tags: [...facts.tags],
      rule: draft.rule,
      source: { file: facts.file, line: draft.line },
      media: mediaOf(front, back),
    };
    if (showsAnswer(card, frontText, backText)) {
      drop('shows-answer');
      continue;
    }
    if (hasLeftoverMarkup(card)) {
      drop('leftover-markup');
      continue;
    }
    const sameQuestion = byQuestion.get(front);
    if (sameQuestion) {
      // One question, one card: a basic card collects the answers found for it.
      if (card.type === 'basic' && sameQuestion.type === 'basic' && !sameQuestion.back.includes(back)) {
        sameQuestion.back = `${sameQuestion.back}<br>${back}`;
        sameQuestion.media = mediaOf(sameQuestion.front, sameQuestion.back);
      }
      continue;
    }
    // The same cue twice in a note (a term defined under two headings): the later one is told apart by its place.
    if (byId.has(id)) {
      const place = `${draft.rule}\u0000${draft.cue}\u001f${draft.place.join('\u001f')}`;
      let n = nextOrdinal.get(place) ?? 2;
      for (; byId.has(id); n++) id = cardId(facts.identity, draft.rule, `${draft.cue}\u001f${draft.place.join('\u001f')}\u001f${n}`);
      nextOrdinal.set(place, n);
    }
    card.id = id;
    byId.set(id, card);
    byQuestion.set(front, card);
    cards.push(card);
  }
  return { cards, dropped };
}
