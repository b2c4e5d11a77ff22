import type { Root } from 'mdast';
import { dropBlockIds } from './block-ids.js';
import { readFrontMatter, type FrontMatter } from './frontmatter.js';
import { repairDollarProse } from './dollars.js';
import { restoreDunderNames } from './dunders.js';
import { estimateNesting } from './nesting.js';
import { withoutObsidianComments } from './obsidian-comments.js';
import { parseMarkdown, syntaxOf } from './syntax.js';
import { takeInlineTags } from './tags.js';
import { resolveObsidianSyntax } from './wikilinks.js';

export type { FrontMatter } from './frontmatter.js';
export { isHighlight, wikilinkText } from './wikilinks.js';

/** Deeper than this, a note is refused: see estimateNesting. Real notes nest a handful of levels. */
export const DEFAULT_MAX_NESTING = 100;

/**
 * Longer notes are refused. The parser's time and memory grow with the number
 * of blocks (a 40,000-row table takes ~20 s and ~900 MB), and a note of 4 MB can
 * hold a million one-line rows; the longest real notes run to ~16,000 lines.
 */
export const MAX_NOTE_LINES = 50_000;

export type ParsedNote =
  | { ok: true; tree: Root; frontMatter: FrontMatter; problems: string[] }
  | { ok: false; reason: string };

/**
 * A note's syntax tree (GFM, YAML front matter, `$math$`, Obsidian wikilinks
 * resolved, Obsidian comments and block ids left out, inline `#tags` taken out and added to the front matter's tags)
 * and its front matter. Problems that still leave a usable note are listed; a note that cannot be
 * parsed safely gives a reason instead.
 */
export function parseNote(text: string, maxNesting = DEFAULT_MAX_NESTING): ParsedNote {
  const uncommented = withoutObsidianComments(text.replace(/^\uFEFF/, ''));
  const source = uncommented.text;
  const lines = countLines(source);
  if (lines > MAX_NOTE_LINES) return { ok: false, reason: `${lines} lines long (limit ${MAX_NOTE_LINES}); skipped` };
  const nesting = estimateNesting(source);
  if (nesting > maxNesting) return { ok: false, reason: `nested ${nesting} levels deep (limit ${maxNesting}); skipped` };
  let tree: Root;
  try {
    tree = parseMarkdown(source);
  } catch (error) {
    return { ok: false, reason: `cannot be parsed (${error instanceof Error ? error.message : String(error)}); skipped` };
  }
  const first = tree.children[0];
  const yaml = first?.type === 'yaml' ? first.value : undefined;
  const { frontMatter, problems } = readFrontMatter(yaml);
  if (uncommented.unclosedAt !== undefined) {
    problems.push(`the %% comment opened at line ${uncommented.unclosedAt} is never closed; the rest of the note is hidden, as in Obsidian`);
  }
  repairDollarProse(tree, source, (slice) => parseMarkdown(slice, { ...syntaxOf(slice), math: false, frontMatter: false }));
  restoreDunderNames(tree, source);
  resolveObsidianSyntax(tree);
  dropBlockIds(tree, source);
  for (const tag of takeInlineTags(tree, source)) if (!frontMatter.tags.includes(tag)) frontMatter.tags.push(tag);
  return { ok: true, tree, frontMatter, problems };
}

function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}
