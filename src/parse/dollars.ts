import type { Nodes, Parent, PhrasingContent, Root } from 'mdast';

/**
 * `$…$` that is not math: prices and amounts ("100$ … 50$") make the math
 * extension swallow prose, bold markers and all. Such a span holds `**`, or
 * words of running text.
 */
function looksLikeProse(value: string): boolean {
  return /\*\*|__|\[\[/.test(value) || /\p{L}{3,}\s+\p{L}{3,}\s+\p{L}{3,}/u.test(value.replace(/\\[a-zA-Z]+/g, ''));
}

/**
 * Re-reads, without the math extension, every paragraph, heading or table cell
 * whose `$…$` spans look like prose, so the note's bold and text come out as written.
 */
export function repairDollarProse(tree: Root, source: string, parseWithoutMath: (text: string) => Root): void {
  // Without a `$` there is no math span: the walk over every node would find none.
  if (!source.includes('$')) return;
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (!('children' in node)) continue;
    const parent = node as Parent;
    const suspicious = parent.children.some((child) => child.type === 'inlineMath' && looksLikeProse(child.value));
    const start = parent.position?.start.offset;
    const end = parent.position?.end.offset;
    if (suspicious && start !== undefined && end !== undefined && ['paragraph', 'heading', 'tableCell'].includes(parent.type)) {
      const reread = firstInline(parseWithoutMath(source.slice(start, end)));
      if (reread) parent.children = reread;
      continue;
    }
    for (const child of parent.children) stack.push(child as Nodes);
  }
}

function firstInline(tree: Root): PhrasingContent[] | undefined {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.shift() as Nodes;
    if (node.type === 'paragraph' || node.type === 'heading') return node.children;
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return undefined;
}
