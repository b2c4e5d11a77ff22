import type { PhrasingContent } from 'mdast';

/**
 * The lines of a paragraph, split at its soft line breaks. Notes often stack
 * "**Term:** explanation" lines without blank lines between them; each such
 * line is its own definition, not the tail of the one above.
 */
export function splitLines(nodes: PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'break') {
      lines.push([]);
      continue;
    }
    if (node.type !== 'text' || !node.value.includes('\n')) {
      lines[lines.length - 1]?.push(node);
      continue;
    }
    node.value.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1]?.push({ ...node, value: part });
    });
  }
  return lines.filter((line) => line.length > 0);
}

/**
 * Lines grouped so each group opens with the line that starts it: a new group
 * begins at every line `startsGroup` accepts (a definition line); other lines
 * continue the group above, joined by a space.
 */
export function groupLines(
  lines: PhrasingContent[][],
  startsGroup: (line: PhrasingContent[]) => boolean,
): { nodes: PhrasingContent[]; lineOffset: number }[] {
  const groups: { nodes: PhrasingContent[]; lineOffset: number }[] = [];
  lines.forEach((line, i) => {
    const last = groups[groups.length - 1];
    if (!last || startsGroup(line)) groups.push({ nodes: [...line], lineOffset: i });
    else last.nodes.push({ type: 'text', value: '\n' }, ...line);
  });
  return groups;
}
