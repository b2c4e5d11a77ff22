import type { Image, Parent, PhrasingContent, Root } from 'mdast';

/** Obsidian `[[Note]]`, `[[Note|alias]]`, `[[Note#Heading]]`, `![[image.png]]`, `![[image.png|200]]`. */
const WIKILINK = /(!?)\[\[([^[\]\n]+?)\]\]/g;
/** Obsidian `==highlight==`: shown as plain text, the markers dropped. */
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

/** Phrasing nodes for one text value: wikilinks become their text, image embeds become images. */
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
      pending += wikilinkText(inner);
    }
  }
  pending += value.slice(last);
  if (pending) out.push({ type: 'text', value: pending });
  return out;
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
        // A search for the marker costs less than running the pattern over every text.
        const value = child.value.includes('==') ? child.value.replace(HIGHLIGHT, '$1') : child.value;
        if (!value.includes('[[')) {
          child.value = value;
          continue;
        }
        const replacement = splitText(value);
        for (const node of replacement) if (node.type === 'text' || node.type === 'image') node.position = child.position;
        children.splice(i, 1, ...replacement);
        i += replacement.length - 1;
      } else if ('children' in child) {
        stack.push(child as Parent);
      }
    }
  }
}
