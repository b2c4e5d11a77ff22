import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { readFrontMatter, type FrontMatter } from './frontmatter.js';
import { repairDollarProse } from './dollars.js';
import { estimateNesting } from './nesting.js';
import { resolveObsidianSyntax } from './wikilinks.js';

export type { FrontMatter } from './frontmatter.js';
export { wikilinkText } from './wikilinks.js';

/** Deeper than this, a note is refused: see estimateNesting. Real notes nest a handful of levels. */
export const DEFAULT_MAX_NESTING = 100;

export type ParsedNote =
  | { ok: true; tree: Root; frontMatter: FrontMatter; problems: string[] }
  | { ok: false; reason: string };

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkMath);
const withoutMath = unified().use(remarkParse).use(remarkGfm);

/**
 * A note's syntax tree (GFM, YAML front matter, `$math$`, Obsidian wikilinks
 * resolved) and its front matter. Problems that still leave a usable note are
 * listed; a note that cannot be parsed safely gives a reason instead.
 */
export function parseNote(text: string, maxNesting = DEFAULT_MAX_NESTING): ParsedNote {
  const source = text.replace(/^\uFEFF/, '');
  const nesting = estimateNesting(source);
  if (nesting > maxNesting) return { ok: false, reason: `nested ${nesting} levels deep (limit ${maxNesting}); skipped` };
  let tree: Root;
  try {
    tree = processor.parse(source);
  } catch (error) {
    return { ok: false, reason: `cannot be parsed (${error instanceof Error ? error.message : String(error)}); skipped` };
  }
  const first = tree.children[0];
  const yaml = first?.type === 'yaml' ? first.value : undefined;
  const { frontMatter, problems } = readFrontMatter(yaml);
  repairDollarProse(tree, source, (slice) => withoutMath.parse(slice));
  resolveObsidianSyntax(tree);
  return { ok: true, tree, frontMatter, problems };
}
