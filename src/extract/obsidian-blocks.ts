/**
 * Obsidian's own blocks: callouts (`> [!tip] Title`) and tasks (`- [ ]`),
 * read as a vault means them before the rules see the blocks.
 */

import type { List, PhrasingContent, RootContent } from 'mdast';
import type { Draft } from './context.js';

/** The lines of a list's task items (`- [ ]`, `- [x]`), nested ones too, as [first, last]. */
function taskLines(list: List): [number, number][] {
  return list.children.flatMap((item) => {
    const nested = item.children.flatMap((child) => (child.type === 'list' ? taskLines(child) : []));
    const start = item.position?.start.line;
    const end = item.position?.end.line;
    return typeof item.checked === 'boolean' && start !== undefined && end !== undefined ? [[start, end] as [number, number], ...nested] : nested;
  });
}

/** A task ("- [x] **Report**: send to Anna") is the notes' own to-do, not a fact: its cards are a catalogue of work, as a tracker's are. */
export function dropTasks(drafts: Draft[], list: List): void {
  if (drafts.length === 0) return;
  const tasks = taskLines(list);
  if (tasks.length === 0) return;
  for (const draft of drafts) if (draft.drop === undefined && tasks.some(([from, to]) => draft.line >= from && draft.line <= to)) draft.drop = 'catalogue';
}

/** An Obsidian callout's marker (`[!note]`, folded `[!tip]-`) and the spaces after it. */
const CALLOUT_MARKER = /^\[!([\w-]+)\][+-]?[ \t]*/u;

/** The type an Obsidian callout's marker names ("example" of `[!example]`), if the blocks open with one. */
export function calloutType(children: RootContent[]): string | undefined {
  const first = children[0];
  const text = first?.type === 'paragraph' ? first.children[0] : undefined;
  return text?.type === 'text' ? CALLOUT_MARKER.exec(text.value)?.[1] : undefined;
}

/**
 * An Obsidian callout's blocks, its `[!note]` marker dropped (syntax, not
 * words). A title written after the marker ("> [!tip] Exam hint", "> [!question]
 * What is a quorum?") is read as a bold line above the body: it labels the
 * body's cards, or asks the question the body answers, and is never part of
 * a card's sentence.
 */
export function calloutBlocks(children: RootContent[]): RootContent[] {
  const first = children[0];
  const text = first?.type === 'paragraph' ? first.children[0] : undefined;
  const marker = text?.type === 'text' ? CALLOUT_MARKER.exec(text.value) : null;
  if (first?.type !== 'paragraph' || text?.type !== 'text' || marker === null) return children;
  const rest = text.value.slice(marker[0].length);
  const lineEnd = rest.indexOf('\n');
  const others = first.children.slice(1);
  // A title with markup of its own stays the body's first words.
  if (lineEnd < 0 && others.length > 0) return [{ ...first, children: [{ ...text, value: rest }, ...others] }, ...children.slice(1)];
  const title = (lineEnd < 0 ? rest : rest.slice(0, lineEnd)).trim();
  const bodyNodes: PhrasingContent[] = lineEnd < 0 ? [] : [{ ...text, value: rest.slice(lineEnd + 1) }, ...others];
  const start = first.position?.start;
  const blocks: RootContent[] = [];
  if (title !== '') {
    const titleLine = start ? { start, end: start } : undefined;
    blocks.push({ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: title }] }], ...(titleLine ? { position: titleLine } : {}) });
  }
  if (bodyNodes.length > 0) {
    const position = start && first.position ? { start: { line: start.line + (title !== '' ? 1 : 0), column: 1 }, end: first.position.end } : undefined;
    blocks.push({ ...first, children: bodyNodes, ...(position ? { position } : {}) });
  }
  return [...blocks, ...children.slice(1)];
}
