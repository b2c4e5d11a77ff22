import type { Image, Nodes, Parent, PhrasingContent, Root, Strong } from 'mdast';

/** Obsidian `[[Note]]`, `[[Note|alias]]`, `[[Note#Heading]]`, `![[image.png]]`, `![[image.png|200]]`. */
const WIKILINK = /(!?)\[\[([^[\]\n]+?)\]\]/g;
/** Obsidian `==highlight==`: the author's emphasis, read as bold is. */
const HIGHLIGHT = /==(?=\S)([^=\n]*?\S)==/g;
const IMAGE_EXTENSIONS = /\.(?:png|jpe?g|gif|svg|webp|bmp|avif)$/i;

/** What a wikilink shows: its alias, else the note name (without folders) and heading. */
export function wikilinkText(inner: string): string {
  const bar = inner.indexOf('|');
  if (bar >= 0 && inner.slice(bar + 1).trim()) return inner.slice(bar + 1).trim();
  const target = (bar >= 0 ? inner.slice(0, bar) : inner).trim();
  const [path = '', ...headings] = target.split('#');
  const name = path.split('/').pop()?.replace(/\.md$/i, '') ?? '';
  const parts = [name, ...headings.map((h) => h.replace(/^\^/, ''))].map((s) => s.trim()).filter(Boolean);
  return parts.join(' > ');
}

/** Phrasing nodes for one text value: wikilinks become links showing their text, image embeds become images. */
function splitText(value: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  let pending = '';
  for (const match of value.matchAll(WIKILINK)) {
    const [whole, bang, inner = ''] = match;
    const index = match.index ?? 0;
    pending += value.slice(last, index);
    last = index + whole.length;
    const target = inner.split('|')[0]?.trim() ?? '';
    if (bang && IMAGE_EXTENSIONS.test(target)) {
      if (pending) out.push({ type: 'text', value: pending });
      pending = '';
      const image: Image = { type: 'image', url: target, alt: '', data: { wikiEmbed: true } as Image['data'] };
      out.push(image);
    } else {
      // A link still, so that the rules tell a list of links (a map of notes, "Related") from words.
      if (pending) out.push({ type: 'text', value: pending });
      pending = '';
      out.push({ type: 'link', url: target, children: [{ type: 'text', value: wikilinkText(inner) }] });
    }
  }
  pending += value.slice(last);
  if (pending) out.push({ type: 'text', value: pending });
  return out;
}

/** Phrasing nodes for one text value: each `==highlight==` a strong node, wikilinks and embeds resolved (see `splitText`). */
function withHighlights(value: string): PhrasingContent[] {
  if (!value.includes('==')) return splitText(value);
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of value.matchAll(HIGHLIGHT)) {
    const index = match.index ?? 0;
    if (index > last) out.push(...splitText(value.slice(last, index)));
    out.push({ type: 'strong', children: splitText(match[1] ?? ''), data: { highlight: true } as Strong['data'] });
    last = index + match[0].length;
  }
  if (last < value.length) out.push(...splitText(value.slice(last)));
  return out;
}

/** Whether a strong node was written as an Obsidian `==highlight==`: emphasis of a statement, never a label over what follows. */
export function isHighlight(node: Nodes): boolean {
  return node.type === 'strong' && (node.data as { highlight?: boolean } | undefined)?.highlight === true;
}

/**
 * Rewrites text nodes in place so no `[[`/`]]`/`==` of Obsidian syntax is left.
 * Code and math are leaves of other types, so they keep their text as written.
 */
export function resolveObsidianSyntax(tree: Root): void {
  const stack: Parent[] = [tree];
  while (stack.length > 0) {
    const parent = stack.pop() as Parent;
    const children = parent.children as PhrasingContent[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as PhrasingContent;
      if (child.type === 'text') {
        // A search for the markers costs less than running the patterns over every text.
        if (!child.value.includes('[[') && !child.value.includes('==')) continue;
        const replacement = withHighlights(child.value);
        for (const node of replacement) {
          node.position = child.position;
          if (node.type === 'strong') for (const inner of node.children) inner.position = child.position;
        }
        children.splice(i, 1, ...replacement);
        i += replacement.length - 1;
      } else if ('children' in child) {
        stack.push(child as Parent);
      }
    }
  }
}
