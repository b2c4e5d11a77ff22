import type { Parent, Root, RootContent } from 'mdast';

/**
 * An Obsidian block id closing a paragraph, a list item's text or a heading
 * (`… ^idem`, or `^idem` on a line of its own): the target of a `[[Note#^idem]]` link,
 * which Obsidian hides, never words of the note.
 */
const BLOCK_ID = /(^|\s)\^[A-Za-z0-9-]+[ \t]*$/u;

/** Takes the block ids out of a note's paragraphs and headings; a paragraph that was only an id is removed. */
export function dropBlockIds(tree: Root, source: string): void {
  // Most notes link no block: one search of the source spares the walk.
  if (!source.includes('^')) return;
  const visit = (parent: Parent): void => {
    const children = parent.children as RootContent[];
    for (const child of children) {
      if (child.type === 'paragraph' || child.type === 'heading') {
        const last = child.children.at(-1);
        if (last?.type === 'text') last.value = last.value.replace(BLOCK_ID, '$1').trimEnd();
      } else if ('children' in child && child.type !== 'link' && child.type !== 'linkReference') {
        visit(child);
      }
    }
    const kept = children.filter((child) => child.type !== 'paragraph' || child.children.some((node) => node.type !== 'text' || node.value.trim() !== ''));
    if (kept.length !== children.length) parent.children = kept as Parent['children'];
  };
  visit(tree);
}
