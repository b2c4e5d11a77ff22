import type { Nodes, Table } from 'mdast';
import { expect } from 'vitest';
import type { Card, DropReason, DroppedCard, NoteResult } from '../../src/card.js';
import { htmlText } from '../../src/extract/finish.js';
import { extractNote } from '../../src/extract/index.js';
import { parseNote } from '../../src/parse/index.js';

/** Plain text of an mdast node (wikilinks already resolved by parseNote). */
export function plainOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainOf).join('');
  return '';
}

export const norm = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

export function treeOf(text: string) {
  const parsed = parseNote(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.tree;
}

/** Every node of a tree, depth first, with whether it sits in a heading. */
export function nodesOf(text: string): { node: Nodes; inHeading: boolean; inTableHeader: boolean }[] {
  const out: { node: Nodes; inHeading: boolean; inTableHeader: boolean }[] = [];
  const visit = (node: Nodes, inHeading: boolean, inTableHeader: boolean): void => {
    out.push({ node, inHeading, inTableHeader });
    if ('children' in node) {
      (node.children as Nodes[]).forEach((child, i) =>
        visit(child, inHeading || node.type === 'heading', inTableHeader || (node.type === 'table' && i === 0)),
      );
    }
  };
  visit(treeOf(text), false, false);
  return out;
}

/** Bold spans outside headings (code is a leaf, so bold never sits inside it); table header rows count as headings unless asked for. */
export function boldSpans(text: string, options: { tableHeaders?: boolean } = {}): string[] {
  return nodesOf(text)
    .filter(({ node, inHeading, inTableHeader }) => node.type === 'strong' && !inHeading && (options.tableHeaders !== false || !inTableHeader))
    .map(({ node }) => norm(plainOf(node)))
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
}

export function tablesOf(text: string): Table[] {
  return nodesOf(text)
    .map(({ node }) => node)
    .filter((node): node is Table => node.type === 'table');
}

/** A note's cards and the candidates it turned down, alike: what the rules considered, so nothing is lost unseen. */
export function candidatesOf(result: NoteResult): Card[] {
  const asCard = (d: DroppedCard): Card => ({ ...d, id: '', deck: '', cards: 1, tags: [], media: [] });
  return [...result.cards, ...result.dropped.map(asCard)];
}

/** The question below the breadcrumb. */
export function questionOf(card: Card): string {
  return card.front.replace(/^<div class="crumb">.*?<\/div>/s, '');
}

export function crumbOf(card: Card): string {
  return htmlText(/^<div class="crumb">(.*?)<\/div>/s.exec(card.front)?.[1] ?? '');
}

export function deletionsOf(card: Card): string[] {
  return [...card.front.matchAll(/\{\{c\d+::(.*?)\}\}/gs)].map((m) => norm(htmlText(m[1] ?? '')));
}

/** The bold spans of a note that no card asks: not a deletion (or inside one), not a definition's term, not a table row's key. */
export function unaskedBold(text: string, cards: Card[]): string[] {
  const deletions = cards.flatMap(deletionsOf);
  // A basic card asks a term by its question, or from its description with the term as the whole answer.
  const cues = cards.filter((c) => c.type === 'basic').flatMap((c) => [norm(htmlText(questionOf(c)).split(' › ')[0] ?? ''), norm(htmlText(c.back))]);
  return boldSpans(text).filter((bold) => {
    const term = bold.replace(/\s*[:：—–-]$/u, '');
    return !deletions.some((d) => d.includes(term)) && !cues.some((cue) => cue === term || cue.startsWith(`${term} (`));
  });
}

/** Fields a learner would find broken: Markdown left over, a raw table row, an empty side. */
export function assertCleanFields(cards: Card[]): void {
  for (const card of cards) {
    for (const field of [card.front, card.back]) {
      const visible = htmlText(field.replace(/<code>.*?<\/code>/gs, ''));
      expect(visible, card.front).not.toMatch(/\*\*|\[\[|\]\]|^\s*\|.*\|\s*$/m);
    }
    expect(htmlText(questionOf(card)).length, card.front).toBeGreaterThan(0);
    if (card.type === 'basic') expect(htmlText(card.back).length + (card.back.includes('<img') ? 1 : 0), card.front).toBeGreaterThan(0);
    else expect(deletionsOf(card).length, card.front).toBeGreaterThan(0);
    expect(card.cards).toBeGreaterThan(0);
  }
}

/** Each non-empty cell outside the first column is the answer of exactly one card asked by its row key and column header. */
export function assertTablesCovered(text: string, cards: Card[]): number {
  let cells = 0;
  for (const table of tablesOf(text)) {
    const [header, ...rows] = table.children;
    for (const row of rows) {
      const key = norm(plainOf(row.children[0] as Nodes));
      row.children.slice(1).forEach((cell, i) => {
        const answer = norm(plainOf(cell));
        if (!/[\p{L}\p{N}]/u.test(answer)) return;
        cells += 1;
        const column = norm(plainOf(header?.children[i + 1] as Nodes));
        const matching = cards.filter(
          (c) => c.rule === 'table' && norm(htmlText(c.back)) === answer && norm(htmlText(questionOf(c))) === `${key} › ${column}`,
        );
        expect(matching, `${key} › ${column}`).toHaveLength(1);
      });
    }
  }
  return cells;
}

/**
 * Every item of the list under `heading` is seen by a card: asked as a list deletion (whole, by its
 * lead or its name) or as a definition, or shown as the list card's context when too long to recall.
 */
export function assertListCovered(text: string, heading: string, result: NoteResult): void {
  const nodes = nodesOf(text).map(({ node }) => node);
  const start = nodes.findIndex((n) => n.type === 'heading' && plainOf(n).trim() === heading);
  const list = nodes.slice(start).find((n) => n.type === 'list');
  if (!list || list.type !== 'list') throw new Error(`no list under ${heading}`);
  const listCards = candidatesOf(result).filter((c) => c.rule === 'list' && crumbOf(c).endsWith(heading));
  const asked = listCards.filter((c) => result.cards.includes(c));
  const deletions = asked.flatMap(deletionsOf);
  const shown = listCards.map((c) => norm(htmlText(c.front.replace(/\{\{c\d+::(.*?)\}\}/gs, '$1'))));
  const terms = result.cards.filter((c) => c.rule === 'definition').map((c) => norm(htmlText(questionOf(c))));
  for (const item of list.children) {
    const itemText = norm(plainOf(item.children[0] as Nodes));
    const first = item.children[0];
    const term = first?.type === 'paragraph' && first.children[0]?.type === 'strong' ? norm(plainOf(first.children[0])) : undefined;
    const opening = itemText.slice(0, 30);
    const seen =
      deletions.some((d) => itemText.startsWith(d.replace(/…$/, ''))) || (term !== undefined && terms.includes(term)) || shown.some((text) => text.includes(opening));
    expect(seen, itemText).toBe(true);
  }
}

/** A note's cards as "question = answer" lines, and those it turned down for a reason, alike. */
export function readNote(markdown: string, file = 'Note.md') {
  const result = extractNote(file, markdown);
  const asked = result.cards.map((card) => `${htmlText(questionOf(card))} = ${htmlText(card.back)}`);
  const dropped = (reason: DropReason) => result.dropped.filter((d) => d.reason === reason).map((d) => `${htmlText(questionOf(d as never))} = ${htmlText(d.back)}`);
  return { asked, dropped, result };
}
