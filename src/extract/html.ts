import type { Nodes, PhrasingContent } from 'mdast';
import { posix } from 'node:path';
import { firstIndex } from './ranges.js';

/** HTML text: everything escaped, so raw HTML in a note is shown, never run. `{{`/`}}` are broken up so no text can open or close an Anki cloze. */
export function escapeHtml(text: string): string {
  if (!/[&<>"{}]/.test(text)) return text; // most texts: one scan instead of six
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\{\{/g, '{&#123;')
    .replace(/\}\}/g, '}&#125;');
}

/** Inside a cloze deletion `::` would start Anki's hint, so it is broken up too. */
function escapeDeleted(text: string): string {
  return escapeHtml(text).replace(/::/g, ':&#58;');
}

/** The object replacement character stands for an image in plain text, so offsets stay aligned. */
export const IMAGE_MARK = '\uFFFC';

/** A phrasing tree with the plain-text range of every node, the base of sentence splitting and deletion. */
export interface InlineIndex {
  nodes: PhrasingContent[];
  plain: string;
  ranges: Map<Nodes, [number, number]>;
}

/** The text of `index` from `start` to `end` with its inline code blanked out: what the prose around the code says. */
export function proseOf(index: InlineIndex, start: number, end: number): string {
  let prose = index.plain.slice(start, end);
  for (const [node, [from, to]] of index.ranges) {
    if (node.type !== 'inlineCode' || to <= start || from >= end) continue;
    const a = Math.max(from, start) - start;
    const b = Math.min(to, end) - start;
    prose = prose.slice(0, a) + ' '.repeat(b - a) + prose.slice(b);
  }
  return prose;
}

/** A line break written into code, as a table cell must write one. */
const CODE_BREAK = /<br\s*\/?>/i;

/** Code as HTML: a `<br>` in it ("{<br>    // код<br>}" in a table cell) breaks the line, and each line keeps its indentation. */
function codeLines(value: string, esc: (text: string) => string): string {
  if (!CODE_BREAK.test(value)) return esc(value);
  return value
    .split(new RegExp(CODE_BREAK.source, 'gi'))
    .map((line) => esc(line).replace(/^ +/u, (spaces) => '&#160;'.repeat(spaces.length)))
    .join('<br>');
}

/** Plain text a leaf contributes (containers contribute their children's). */
function leafText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'inlineMath':
    case 'html':
      return node.value;
    case 'image':
    case 'imageReference':
      return IMAGE_MARK;
    case 'break':
      return '\n';
    default:
      return '';
  }
}

export function indexInline(nodes: PhrasingContent[]): InlineIndex {
  const ranges = new Map<Nodes, [number, number]>();
  let plain = '';
  const visit = (node: Nodes): void => {
    const start = plain.length;
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
    else plain += leafText(node);
    ranges.set(node, [start, plain.length]);
  };
  for (const node of nodes) visit(node);
  return { nodes, plain, ranges };
}

/** Where and how a card's text is rendered: collects media and problems of the note. */
export interface RenderSink {
  /** Path of the note relative to the notes root. */
  file: string;
  media: Set<string>;
  problems: Set<string>;
}

/** A stretch of one text node asked as deletion `n` (another occurrence of a deleted term). */
export interface Mask {
  start: number;
  end: number;
  n: number;
}

export interface RenderOptions {
  /** Only this plain-text range is rendered. */
  range?: [number, number];
  /** Strong nodes rendered as `{{cN::…}}`. */
  deletions?: Map<Nodes, number>;
  /** Sorted by start, none overlapping. */
  masks?: Mask[];
  /** Render strong as plain text (keys and headers of tables, terms). */
  plainStrong?: boolean;
  /** The output goes inside a deletion the caller writes around it. */
  inDeletion?: boolean;
}

/** Clean HTML of (part of) a phrasing tree. */
export function renderInline(index: InlineIndex, sink: RenderSink, options: RenderOptions = {}): string {
  const [from, to] = options.range ?? [0, index.plain.length];
  const rangeOf = (node: Nodes): [number, number] => index.ranges.get(node) ?? [0, 0];
  // Siblings cover consecutive stretches of the plain text, so those overlapping [from, to)
  // are one run found by binary search: a sentence of a long paragraph costs its own nodes, not the paragraph's.
  const overlapping = (siblings: Nodes[]): Nodes[] =>
    siblings.slice(
      firstIndex(siblings, (node) => rangeOf(node)[1] > from),
      firstIndex(siblings, (node) => rangeOf(node)[0] >= to),
    );
  const render = (node: Nodes, inDeletion: boolean): string => {
    const [start, end] = rangeOf(node);
    if (end <= from || start >= to) return '';
    const esc = inDeletion ? escapeDeleted : escapeHtml;
    switch (node.type) {
      case 'text':
        return renderText(node.value, start, from, to, options.masks ?? [], esc);
      case 'inlineCode': {
        const n = options.deletions?.get(node);
        return n === undefined ? `<code>${codeLines(node.value, esc)}</code>` : `{{c${n}::<code>${codeLines(node.value, escapeDeleted)}</code>}}`;
      }
      case 'inlineMath':
        return `\\(${esc(node.value)}\\)`;
      case 'break':
        return '<br>';
      case 'html':
        return renderRawHtml(node.value, esc);
      case 'image':
        return renderImage(node.url, node.alt ?? '', Boolean((node.data as { wikiEmbed?: boolean } | undefined)?.wikiEmbed), sink, esc);
      case 'imageReference':
        return esc(node.alt ?? '');
      case 'footnoteReference':
        return '';
      default:
        break;
    }
    if (!('children' in node)) return '';
    const n = node.type === 'strong' ? options.deletions?.get(node) : undefined;
    const inner = overlapping(node.children as Nodes[])
      .map((child) => render(child, inDeletion || n !== undefined))
      .join('');
    if (inner.trim() === '') return inner;
    if (n !== undefined) return `{{c${n}::${inner}}}`;
    switch (node.type) {
      case 'strong':
        return options.plainStrong || inDeletion ? inner : `<b>${inner}</b>`;
      case 'emphasis':
        return `<i>${inner}</i>`;
      case 'delete':
        return `<s>${inner}</s>`;
      default:
        return inner;
    }
  };
  return overlapping(index.nodes)
    .map((node) => render(node, options.inDeletion ?? false))
    .join('');
}

/**
 * Raw HTML is never passed through. A line break stays a line break; the tags
 * Markdown writers use for anchors and styling (`<a id="…">`, `<span>`, `<sup>`)
 * are dropped, their text (separate nodes) kept; anything else is shown as text.
 */
function renderRawHtml(value: string, esc: (s: string) => string): string {
  const tag = value.trim();
  if (/^<br\s*\/?>$/i.test(tag)) return '<br>';
  if (/^<\/?(?:a|span|sup|sub|u|mark|font|small|big|center|kbd|abbr|ins)(?:\s[^<>]*)?\/?>$/i.test(tag)) return '';
  return esc(value);
}

function renderText(
  value: string,
  start: number,
  from: number,
  to: number,
  masks: Mask[],
  esc: (s: string) => string,
): string {
  const a = Math.max(from, start);
  const b = Math.min(to, start + value.length);
  let out = '';
  let at = a;
  // Masks are sorted and disjoint: those inside [a, b) are one run starting at the first at or after a.
  for (let i = firstIndex(masks, (mask) => mask.start >= a); i < masks.length; i++) {
    const mask = masks[i] as Mask;
    if (mask.end > b) break;
    out += esc(value.slice(at - start, mask.start - start));
    out += `{{c${mask.n}::${escapeDeleted(value.slice(mask.start - start, mask.end - start))}}}`;
    at = mask.end;
  }
  return out + esc(value.slice(at - start, b - start));
}

/**
 * `<img src="P">` with P relative to the notes root (the package writer stores
 * the file and rewrites P). Remote images show their alt text; a path that
 * leaves the notes folder is dropped with a problem.
 */
function renderImage(url: string, alt: string, wikiEmbed: boolean, sink: RenderSink, esc: (s: string) => string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !/^[a-z]:[\\/]/i.test(url)) return alt ? esc(alt) : '';
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
    // keep the URL as written
  }
  // Obsidian reads `![[folder/img.png]]` from the vault's root, `![[img.png]]` and Markdown images from the note's folder.
  const path = resolveMediaPath(wikiEmbed && decoded.includes('/') ? '' : sink.file, decoded);
  if (path === undefined) {
    sink.problems.add(`image ${url} is outside the notes folder; left out`);
    return alt ? esc(alt) : '';
  }
  sink.media.add(path);
  return `<img src="${escapeHtml(path)}">`;
}

/** A media reference relative to the note's folder, as a path relative to the notes root, or undefined when it leaves the root. */
export function resolveMediaPath(noteFile: string, reference: string): string | undefined {
  const ref = reference.replace(/\\/g, '/').split(/[?#]/)[0] ?? '';
  if (ref === '' || ref.startsWith('/') || /^[a-z]:\//i.test(ref)) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(noteFile), ref));
  if (joined === '..' || joined.startsWith('../') || joined === '.') return undefined;
  return joined;
}
