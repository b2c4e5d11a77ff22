import spec from 'commonmark-spec';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { repairDollarProse } from '../../src/parse/dollars.js';
import { restoreDunderNames } from '../../src/parse/dunders.js';
import { parseMarkdown, syntaxOf } from '../../src/parse/syntax.js';
import { takeInlineTags } from '../../src/parse/tags.js';
import { GFM_EXAMPLES } from '../hardening/gfm-examples.js';

/**
 * The fixes to the tree skip their walk over it when the text cannot hold what
 * they fix (no `$`, no `__`, no `#` before a tag's character, no character
 * reference or escape). Given a source that passes those checks (the text with
 * each of those appended, which moves no offset), they walk; the tree and tags
 * must come out the same either way.
 */
function fixed(text: string, force: boolean): { tree: Root; tags: string[] } {
  const tree = parseMarkdown(text);
  const source = force ? `${text}\n$__ #a &\\` : text;
  const reread = (slice: string): Root => parseMarkdown(slice, { ...syntaxOf(slice), math: false, frontMatter: false });
  repairDollarProse(tree, source, reread);
  restoreDunderNames(tree, source);
  const tags = takeInlineTags(tree, source);
  return { tree, tags };
}

function expectSameFixes(text: string): void {
  expect(fixed(text, false), text).toEqual(fixed(text, true));
}

describe('the fixes that skip their walk', () => {
  it('still fix what each check lets through: prose between dollars, dunder names, tags written plainly, escaped or as references', () => {
    const prices = fixed('It costs 100$ and **then** 50$ more', false).tree;
    expect(JSON.stringify(prices)).not.toContain('inlineMath');
    expect(JSON.stringify(prices)).toContain('"strong"');
    expect(JSON.stringify(fixed('Python calls __init__ first.', false).tree)).toContain('"value":"__init__"');
    expect(fixed('a #tag here', false).tags).toEqual(['tag']);
    expect(fixed('a &num;referenced tag', false).tags).toEqual(['referenced']);
    expect(fixed('an \\#escaped tag', false).tags).toEqual(['escaped']);
    expect(fixed('**bold**#glued', false).tags).toEqual(['glued']);
  });

  it('fix as the full walk does: notes with prices, dunder names and tags, written plainly, escaped or as references', () => {
    for (const text of [
      'It costs 100$ and **then** 50$ more',
      'Python calls __init__ first, then __next__.',
      'a #tag, (#nested/tag) and #1',
      'a \\#escaped tag and &num;referenced one, &#35;numeric',
      '**bold**#tag and `#code`',
      'plain text without any of them',
    ]) {
      expectSameFixes(text);
    }
  });

  it('fix as the full walk does for each CommonMark spec example and GFM case', () => {
    for (const test of spec.tests) expectSameFixes(test.markdown.replace(/→/g, '\t'));
    for (const example of GFM_EXAMPLES) expectSameFixes(example.markdown);
  });

  it('fix as the full walk does for random text made of what the fixes look for', () => {
    const piece = fc.constantFrom(
      'word', 'Слово', ' ', '\n', '\n\n', '$', '$$', '__', '_', '**', '*', '#', '#tag', '# ', 'a/b', '-', '1', '&', '&num;', '&#35;',
      '&amp;', '\\', '\\#', '`', '[', ']', '(', ')', '[[', ']]', '> ', '- ', '|', '| - |', 'init',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        expectSameFixes(pieces.join(''));
      }),
      { numRuns: 1000, seed: Number(process.env['FLASHMARK_FC_SEED'] ?? 20261207) },
    );
  });
});
