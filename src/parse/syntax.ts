import type { Root } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { guardedGfmTable, guardedTable, tableGuard } from './table-guard.js';

/** The syntax a note is read with: GFM, YAML front matter and `$math$`, each only where it can occur. */
export interface Syntax {
  /** `all`: every GFM construct; `tables`: GFM tables only; `none`: CommonMark alone. */
  gfm: 'all' | 'tables' | 'none';
  math: boolean;
  frontMatter: boolean;
}

/**
 * The extensions a text needs: one whose constructs all begin with characters
 * the text does not hold cannot change its tree, so it is left out. The tree
 * is the same as with every extension on (test/parse/syntax.test.ts compares
 * them over the CommonMark spec, the seeds, the vault and random notes), and
 * parsing is about a third faster: GFM's autolink literals alone try a
 * construct at every letter and then search every text node with regular
 * expressions, and most notes hold no link at all.
 */
export function syntaxOf(text: string): Syntax {
  // Literal autolinks start at `www.`, `http:`/`https:` or an email's `@`; strikethrough
  // at `~`, footnotes at `[^`, task list checks at `[ ]`, `[x]`, `[X]`.
  const otherGfm = /www\.|https?:|@/i.test(text) || text.includes('~') || text.includes('[^') || /\[[\sxX]\]/.test(text);
  // A table's rows are split by `|`, but a one-column table needs none: `term` over `-:`. Its delimiter
  // row then holds a colon next to a dash (without one, `---` under a line is a heading's underline).
  const table = text.includes('|') || /:-|-:/.test(text);
  return {
    gfm: otherGfm ? 'all' : table ? 'tables' : 'none',
    math: text.includes('$'),
    frontMatter: text.startsWith('---'),
  };
}

/** GFM's table syntax alone (remark-gfm is made of this and its siblings), tried only where a table can start. */
function remarkGfmTable(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(guardedGfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

/**
 * remark-gfm with its table construct guarded: remark-gfm adds GFM's syntax as
 * one extension, whose constructs tried at every line start (`flow[null]`)
 * are the table's alone.
 */
function guardGfmTables(this: Processor): void {
  const gfm = this.data().micromarkExtensions?.at(-1);
  const atLineStart = gfm?.flow?.null;
  if (gfm?.flow && Array.isArray(atLineStart)) gfm.flow.null = atLineStart.map(guardedTable);
}

const processors = new Map<string, Processor<Root>>();

function processorFor(syntax: Syntax): Processor<Root> {
  const key = `${syntax.gfm}:${syntax.math}:${syntax.frontMatter}`;
  let processor = processors.get(key);
  if (!processor) {
    const p = unified().use(remarkParse);
    if (syntax.gfm === 'all') p.use(remarkGfm).use(guardGfmTables);
    if (syntax.gfm === 'tables') p.use(remarkGfmTable);
    if (syntax.frontMatter) p.use(remarkFrontmatter, ['yaml']);
    if (syntax.math) p.use(remarkMath);
    processor = p as unknown as Processor<Root>;
    processors.set(key, processor);
  }
  return processor;
}

/** The syntax tree of `text`, read with `syntax` (default: what the text needs). */
export function parseMarkdown(text: string, syntax: Syntax = syntaxOf(text)): Root {
  const outer = tableGuard.source;
  tableGuard.source = text;
  try {
    return processorFor(syntax).parse(text);
  } finally {
    tableGuard.source = outer;
  }
}

/** Every extension on (GFM's table guarded): the syntax any note may be read with; test/parse/syntax.test.ts holds it to stock remark. */
export const FULL_SYNTAX: Syntax = { gfm: 'all', math: true, frontMatter: true };
