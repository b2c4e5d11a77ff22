import type { Nodes, Parent, Root } from 'mdast';

/**
 * Python's `__init__` written without backticks parses as bold "init". A bold
 * span made with underscores around a single identifier is such a name: it
 * becomes inline code, as the writer meant it, not a term to learn.
 */
export function restoreDunderNames(tree: Root, source: string): void {
  // Every name restored starts with `__` in the source: without one, the walk over every node would find none.
  if (!source.includes('__')) return;
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (!('children' in node)) continue;
    const parent = node as Parent;
    parent.children.forEach((child, i) => {
      const only = child.type === 'strong' && child.children.length === 1 ? child.children[0] : undefined;
      const offset = child.position?.start.offset;
      if (only?.type === 'text' && /^\w+$/u.test(only.value) && offset !== undefined && source.startsWith('__', offset)) {
        parent.children[i] = { type: 'inlineCode', value: `__${only.value}__`, position: child.position };
      } else {
        stack.push(child as Nodes);
      }
    });
  }
}
