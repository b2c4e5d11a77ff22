import type { Nodes, Paragraph, RootContent } from 'mdast';
import { escapeHtml, indexInline, renderInline, type RenderSink } from './html.js';
import { hasWords } from './text.js';

/** Clean HTML of block content (an answer made of paragraphs, lists, code). */
export function renderBlocks(nodes: RootContent[], sink: RenderSink): string {
  let html = '';
  let previous: RootContent | undefined;
  for (const node of nodes) {
    // A jump back to the contents after an answer's text is none of it; alone (an index's item) it is what the block says.
    if (nodes.length > 1 && node.type === 'paragraph' && isInPageJump(node)) continue;
    const block = renderBlock(node, sink);
    if (!block) continue;
    // Paragraphs render as inline HTML: two in a row need a break, or they read as one run of text.
    if (previous?.type === 'paragraph' && node.type === 'paragraph') html += '<br>';
    html += block;
    previous = node;
  }
  return html;
}

function renderBlock(node: Nodes, sink: RenderSink): string {
  switch (node.type) {
    case 'paragraph':
      return renderInline(indexInline(node.children), sink);
    case 'heading':
      return `<b>${renderInline(indexInline(node.children), sink, { plainStrong: true })}</b>`;
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul';
      const items = node.children.map((item) => `<li>${renderBlocks(item.children, sink)}</li>`).join('');
      return `<${tag}>${items}</${tag}>`;
    }
    case 'code':
      return `<pre><code>${escapeHtml(node.value)}</code></pre>`;
    case 'math':
      return `\\[${escapeHtml(node.value)}\\]`;
    case 'blockquote':
      return `<blockquote>${renderBlocks(node.children, sink)}</blockquote>`;
    case 'html':
      return escapeHtml(node.value);
    case 'table': {
      const rows = node.children
        .map((row) => `<tr>${row.children.map((cell) => `<td>${renderInline(indexInline(cell.children), sink)}</td>`).join('')}</tr>`)
        .join('');
      return `<table>${rows}</table>`;
    }
    default:
      return '';
  }
}

/** A paragraph that only jumps elsewhere in the note ("[🔼 К содержанию](#content)"). */
export function isInPageJump(paragraph: Paragraph): boolean {
  const links = paragraph.children.filter((node) => node.type === 'link');
  return links.length > 0 && links.every((link) => link.url.startsWith('#')) && !hasWords(indexInline(paragraph.children.filter((node) => node.type !== 'link')).plain);
}
