import type { Parent, Root, RootContent } from 'mdast';

/**
 * An Obsidian inline tag: `#` after a space, a line start or an opening
 * bracket, then letters, digits, `_`, `-` and `/` (nesting), with at least one
 * character that is not a digit (`#1` is not a tag in Obsidian, nor is `C#`).
 */
const INLINE_TAG = /(^|[\s([{])#([\p{L}\p{N}_\-/]*[\p{L}_\-/][\p{L}\p{N}_\-/]*)/gu;
/**
 * What a text holds for any of its text nodes to hold a tag: a `#` right before a character a tag may
 * start with, else a character reference (`&num;`) or a backslash escape that a text node decodes into one.
 */
const MAY_HOLD_TAG = /#[\p{L}\p{N}_\-/]|&|\\/u;

/**
 * Takes the inline `#tags` out of a note's text and returns them (in order,
 * once each): they become the note's cards' tags, and a card never shows one.
 * Code, links and raw HTML keep their text as written. A paragraph that held
 * nothing but tags is removed. `source` is the text the tree was parsed from.
 */
export function takeInlineTags(tree: Root, source: string): string[] {
  const tags: string[] = [];
  // A text node's value is the source's text, decoded: no tag in it that the source does not show.
  if (!MAY_HOLD_TAG.test(source)) return tags;
  const visit = (parent: Parent): void => {
    for (const child of parent.children as RootContent[]) {
      if (child.type === 'text') {
        child.value = child.value.replace(INLINE_TAG, (_whole, before: string, tag: string) => {
          const name = tag.replace(/^\/+|\/+$/g, '');
          if (name !== '' && !tags.includes(name)) tags.push(name);
          return before;
        });
      } else if ('children' in child && child.type !== 'link' && child.type !== 'linkReference') {
        visit(child);
      }
    }
    if (tags.length > 0) removeEmptied(parent);
  };
  visit(tree);
  return tags;
}

/** Text left empty, and paragraphs left with blanks alone, once their tags are gone. */
function removeEmptied(parent: Parent): void {
  const kept = (parent.children as RootContent[]).filter((child) => {
    if (child.type === 'text') return child.value !== '';
    if (child.type === 'paragraph') return child.children.some((c) => c.type !== 'text' || c.value.trim() !== '');
    return true;
  });
  parent.children = kept as Parent['children'];
}
