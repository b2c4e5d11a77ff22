import spec from 'commonmark-spec';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { generateVault } from '../../bench/generate.js';
import { FULL_SYNTAX, parseMarkdown, syntaxOf } from '../../src/parse/syntax.js';
import { GFM_EXAMPLES } from '../hardening/gfm-examples.js';
import { sharedDir } from '../hardening/helpers.js';

/** remark with every extension on, as published: what flashmark's parser must agree with. */
const stock = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkMath);

/**
 * The parser leaves out the extensions a note cannot use, and tries GFM's
 * table only on lines that can start one (syntax.ts, table-guard.ts). That is
 * only allowed because the tree is exactly the one stock remark gives with
 * every extension on: same nodes, same text, same positions.
 */
function expectSameTree(markdown: string): void {
  const reference = stock.parse(markdown);
  expect(parseMarkdown(markdown)).toEqual(reference);
  expect(parseMarkdown(markdown, FULL_SYNTAX)).toEqual(reference);
}

function markdownBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.md'))
    .sort()
    .map((p) => readFileSync(join(dir, p), 'utf8'));
}

describe('parsing with only the extensions a note needs', () => {
  it('leaves out what a note cannot use, and keeps what it can', () => {
    expect(syntaxOf('# Notes\n\nplain **bold** text, HTTP and WWW as words')).toEqual({ gfm: 'none', math: false, frontMatter: false });
    expect(syntaxOf('---\ntags: [a]\n---\n| a | b |\n| - | - |\n| 1 | $x$ |')).toEqual({ gfm: 'tables', math: true, frontMatter: true });
    for (const text of ['see www.example.com', 'https://example.com', 'mail me@example.com', '~~gone~~', 'a[^1]', '- [ ] todo', '- [x] done']) {
      expect(syntaxOf(text).gfm, text).toBe('all');
    }
  });

  it('gives the same tree as every extension on, for each CommonMark spec example and GFM case', () => {
    for (const test of spec.tests) expectSameTree(test.markdown.replace(/→/g, '\t'));
    for (const example of GFM_EXAMPLES) expectSameTree(example.markdown);
  });

  it('gives the same tree for generated vault notes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-syntax-'));
    try {
      generateVault(dir, { notes: 60, seed: 11 });
      for (const text of markdownBelow(dir)) expectSameTree(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same tree for random text made of the characters the extensions start from', () => {
    const piece = fc.constantFrom(
      'word', 'Слово', ' ', '\n', '\n\n', '|', '| - |', '---', '$', '$$', '~', '~~', '@', 'www.', 'http://', 'https:', 'mailto:',
      '[^1]', '[^1]: note', '[ ]', '[x]', '- ', '1. ', '> ', '**', '*', '_', '`', '```', '[', ']', '(', ')', '\\', ':', '.', 'x', '#',
      '-', ':-', '-:', '\t', '\r', '\r\n', '\\|', 'a | b', '|-|',
    );
    // Found by this property in CI: a one-column table needs no `|` (`word` over `---:`).
    for (const text of ['word\n---:', 'a\n:-', ' a\n  :--', '> a\n> :-:', '- a\n  -:']) expectSameTree(text);
    // Where the table guard (table-guard.ts) looks for a table's pipes and colons: the next line after
    // each kind of line ending, an escaped pipe, rows after a header that hold none, a table after prose.
    for (const text of ['a\r-:', 'a\r\n:-', 'x\ry\r| - |', 'a \\| b\n-|-', 'a | b\n-|-\nc\nd', 'p\nq\na | b\n--|--', '> p\n> a\n> -:']) {
      expectSameTree(text);
    }
    // A fixed seed keeps CI reproducible, as in test/hardening/properties.test.ts; FLASHMARK_FC_SEED
    // explores other texts. Some seeds find `*` over an unindented `[x]` (an empty list item, then a
    // task check outside it): stock remark itself then fails mdast-util-gfm-task-list-item 2.0.1's
    // development-build assertion (the published build sets `checked` on the root), an upstream bug.
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => expectSameTree(pieces.join(''))),
      { numRuns: 2000, seed: Number(process.env['FLASHMARK_FC_SEED'] ?? 20260601) },
    );
  });

  it.runIf(existsSync(join(sharedDir, 'seeds')))('gives the same tree for the seed notes and the real vault', () => {
    const dirs = [join(sharedDir, 'seeds'), join(sharedDir, 'vaults', 'ru-qa-testing')].filter((d) => existsSync(d));
    for (const dir of dirs) for (const text of markdownBelow(dir)) expectSameTree(text);
  });
});
