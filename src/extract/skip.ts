import type { Nodes, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { FrontMatter } from '../parse/index.js';

/**
 * Notes that are not study notes: opted out, empty, or template and site code
 * whose placeholders would become junk cards (`Date: {{date}}`, `Mood: <% tp… %>`).
 * Their reason is reported (`cards --summary`), never a warning.
 */

/**
 * Placeholders of template and site engines, looked for outside code. Each
 * stops at the next delimiter character (`[^{}]*`, `[^%]*`), so a long run of
 * unclosed openers is scanned in linear time.
 */
const TEMPLATE_CODE: readonly RegExp[] = [
  // Templater: <% tp.file.title %>, <%* … %> (no `%` inside, so a run of unclosed `<%` stays linear)
  /<%[-_*+]?\s[^%]*%>/,
  // Liquid, Jinja: {% include x %}
  /\{%-?\s*[a-z]\w*[^%]*%\}/,
  // Hugo and Go templates: {{< shortcode >}}, {{ .Title }}
  /\{\{-?\s*(?:[<%]|[.$]\w)[^{}]*\}\}/,
  // Obsidian's core templates ({{title}}, {{date:YYYY-MM-DD}}) and mustache-style fields; not an Anki cloze ({{c1::…}}).
  /\{\{\s*(?!c\d+::)[A-Za-z_][\w.-]*(?::[^{}]*)?\s*\}\}/,
];

/** MDX statements: they are code of the site that renders the page, and only allowed at the top level. */
const MDX_STATEMENT = /^(?:import\s+(?:['"]|[\w$*{][^\n]*?\bfrom\s+['"])|export\s+(?:const|let|var|function|async|class|default|\{|\*))/;

/** Why a note makes no cards at all, or undefined for a note to extract. */
export function skipReason(tree: Root, frontMatter: FrontMatter): string | undefined {
  if (frontMatter.flashmark === false) return 'opted out (flashmark: false)';
  const body = tree.children.filter((node) => node.type !== 'yaml');
  if (body.every((node) => node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim()))) {
    return body.length === tree.children.length ? 'empty' : 'front matter only';
  }
  if (frontMatter.flashmark === true) return undefined;
  if (isDrawing(tree)) return 'an Excalidraw drawing';
  const placeholder = templatePlaceholderOf(tree);
  if (placeholder) return `template or site code (${placeholder})`;
  if (body.some(isMdxStatement) && body.every((node) => isMdxStatement(node) || node.type === 'html')) {
    return 'site code (MDX statements and components only)';
  }
  return undefined;
}

/** Whether a note is a drawing the Excalidraw plugin keeps as Markdown: its text elements are labels of shapes, not notes. */
function isDrawing(tree: Root): boolean {
  const first = tree.children[0];
  return first?.type === 'yaml' && /^excalidraw-plugin:/mu.test(first.value);
}

/** The note without its MDX `import`/`export` statements, which are site code, not prose. */
export function withoutMdxStatements(tree: Root): Root {
  return tree.children.some(isMdxStatement) ? { ...tree, children: tree.children.filter((node) => !isMdxStatement(node)) } : tree;
}

function isMdxStatement(node: RootContent): node is Paragraph {
  return node.type === 'paragraph' && MDX_STATEMENT.test(toString(node));
}

/**
 * The first template or site placeholder outside code, if any (shortened for a message).
 * Each block (and the front matter) is searched on its own, so a `<%` in one
 * paragraph and a `%>` in another are not taken for one tag.
 */
function templatePlaceholderOf(tree: Root): string | undefined {
  for (const block of tree.children) {
    const texts: string[] = [];
    collectProse(block, texts);
    const prose = texts.join('');
    for (const pattern of TEMPLATE_CODE) {
      const found = pattern.exec(prose)?.[0].replace(/\s+/g, ' ');
      if (found) return found.length > 40 ? `${found.slice(0, 39)}…` : found;
    }
  }
  return undefined;
}

/** Text of every node a reader sees as prose or markup, leaving out code and math, where braces are content. */
function collectProse(node: Nodes, out: string[]): void {
  switch (node.type) {
    case 'code':
    case 'inlineCode':
    case 'math':
    case 'inlineMath':
      return;
    case 'text':
    case 'html':
    case 'yaml':
      out.push(node.value);
      return;
    default:
      if ('children' in node) for (const child of node.children) collectProse(child, out);
  }
}
