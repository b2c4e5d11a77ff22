import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractNote } from '../../src/extract/index.js';
import { replaceWholeWords, wholeWordMatches } from '../../src/extract/words.js';

/**
 * What wholeWordMatches must find: the matches of a case-insensitive Unicode
 * expression with letter/digit lookarounds — the definition it replaces, too
 * slow to compile once per term to use in the extractor.
 */
function byLookarounds(value: string, term: string, anySpace: boolean): [number, number][] {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = anySpace ? escaped.replace(/\s+/g, '\\s+') : escaped;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu');
  return [...value.matchAll(pattern)].filter((m) => m[0].length > 0).map((m) => [m.index, m.index + m[0].length]);
}

describe('whole-word matching', () => {
  it('finds a term as whole words in any case, never inside a word', () => {
    expect(wholeWordMatches('HTTP и http, но не HTTPS или xhttp', 'http')).toEqual([
      [0, 4],
      [7, 11],
    ]);
    expect(wholeWordMatches('Тест тестирование ТЕСТ', 'тест')).toEqual([
      [0, 4],
      [18, 22],
    ]);
    expect(replaceWholeWords('SQL and NoSQL and sql', 'sql', (m) => `[${m}]`)).toBe('[SQL] and NoSQL and [sql]');
  });

  it('lets a term wrapped over lines match when asked to', () => {
    expect(wholeWordMatches('unit\n  test', 'unit test', { anySpace: true })).toEqual([[0, 11]]);
    expect(wholeWordMatches('unit\ntest', 'unit test')).toEqual([]);
  });

  it('folds case as a Unicode regular expression does (final sigma, long s, dotted I)', () => {
    expect(wholeWordMatches('ΟΔΟΣ οδος', 'οδοσ')).toEqual([
      [0, 4],
      [5, 9],
    ]);
    expect(wholeWordMatches('ſtop', 'STOP')).toEqual([[0, 4]]);
    expect(wholeWordMatches('İstanbul istanbul', 'istanbul')).toEqual(byLookarounds('İstanbul istanbul', 'istanbul', false));
  });

  it('ends on a bold term that begins with an emoji written against a letter (it once looped forever)', () => {
    const { cards } = extractNote('emoji.md', 'x**😀 plan** and x😀 plan again.\n', {});
    expect(cards).toHaveLength(1);
  });

  it('agrees with the lookaround expression on random text', () => {
    const char = fc.constantFrom('a', 'B', 'я', 'Я', 'σ', 'ς', 'Σ', 'ſ', 's', 'S', 'İ', 'i', 'K', '\u212a', '1', ' ', '  ', '\n', '-', '.', '😀', 'é', 'e\u0301');
    const text = fc.array(char, { maxLength: 30 }).map((c) => c.join(''));
    const term = fc.array(char, { minLength: 1, maxLength: 4 }).map((c) => c.join('').trim()).filter((t) => t.length > 0);
    fc.assert(
      fc.property(text, term, fc.boolean(), (value, t, anySpace) => {
        const needle = anySpace ? t.replace(/\s+/g, ' ') : t;
        expect(wholeWordMatches(value, needle, { anySpace })).toEqual(byLookarounds(value, needle, anySpace));
      }),
      { numRuns: 3000 },
    );
  });
});
