import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileIgnorePattern, ignoreMatcher } from '../../src/settings/glob.js';

/** Which of `files` the patterns ignore. */
function ignoredOf(patterns: string[], files: string[]): string[] {
  const matcher = ignoreMatcher(patterns);
  return files.filter((file) => matcher(file) !== undefined);
}

const files = [
  'Templates/Daily.md',
  'Projects/Templates/Meeting.md',
  'Projects/Plan.md',
  'Daily notes/2024-01-01.md',
  'Journal/Daily/2024-01-02.md',
  'Daily.md',
  'Drawings/idea.excalidraw.md',
  'idea.excalidraw.md',
  'Work/Private/salary.md',
  'Archive/Private/old.md',
  'Archive/2019/a/b.md',
  'notes/q1.md',
  'notes/q10.md',
];

describe('ignore patterns', () => {
  it('a bare name ignores that folder at any depth, with everything below it', () => {
    expect(ignoredOf(['Templates'], files)).toEqual(['Templates/Daily.md', 'Projects/Templates/Meeting.md']);
  });

  it('a trailing slash matches folders only, not a note of that name', () => {
    expect(ignoredOf(['Daily.md/'], files)).toEqual([]);
    expect(ignoredOf(['Daily.md'], files)).toEqual(['Templates/Daily.md', 'Daily.md']);
    expect(ignoredOf(['Daily/'], files)).toEqual(['Journal/Daily/2024-01-02.md']);
  });

  it('a pattern with a slash is anchored at the notes folder; a leading slash anchors a bare name', () => {
    expect(ignoredOf(['Work/Private'], files)).toEqual(['Work/Private/salary.md']);
    expect(ignoredOf(['/Templates'], files)).toEqual(['Templates/Daily.md']);
  });

  it('* stays inside one name, ** spans folders (none included), ? is one character', () => {
    expect(ignoredOf(['*.excalidraw.md'], files)).toEqual(['Drawings/idea.excalidraw.md', 'idea.excalidraw.md']);
    expect(ignoredOf(['Archive/*.md'], files)).toEqual([]);
    expect(ignoredOf(['Archive/**'], files)).toEqual(['Archive/Private/old.md', 'Archive/2019/a/b.md']);
    expect(ignoredOf(['**/Private'], files)).toEqual(['Work/Private/salary.md', 'Archive/Private/old.md']);
    expect(ignoredOf(['Archive/**/b.md'], files)).toEqual(['Archive/2019/a/b.md']);
    expect(ignoredOf(['notes/q?.md'], files)).toEqual(['notes/q1.md']);
    expect(ignoredOf(['Daily notes'], files)).toEqual(['Daily notes/2024-01-01.md']);
  });

  it('regular-expression characters in names are literal', () => {
    expect(ignoredOf(['(draft)+'], ['(draft)+/a.md', 'draftdraft/a.md'])).toEqual(['(draft)+/a.md']);
    expect(ignoredOf(['!Coding'], ['Cheat-sheets/!Coding/Code.md', 'Coding/x.md'])).toEqual(['Cheat-sheets/!Coding/Code.md']);
  });

  it('names the pattern that matched, as the user wrote it', () => {
    expect(ignoreMatcher(['Nope', 'Templates/'])('Templates/Daily.md')).toBe('Templates/');
  });

  it('refuses a pattern that could only mean nothing or the whole notes folder', () => {
    expect(() => compileIgnorePattern('  ')).toThrow(/empty/);
    expect(() => compileIgnorePattern('/')).toThrow(/notes folder itself/);
  });
});

/** The regular expression the matcher used to compile a pattern to: the oracle for the property below. */
function regexpOf(source: string): RegExp {
  let body = source.trim().replace(/\\/g, '/');
  body = body.replace(/\/+$/, '').replace(/^\.\//, '');
  const anchored = body.startsWith('/') || body.includes('/');
  const segments = body.replace(/^\/+/, '').split('/').filter((segment) => segment !== '');
  let re = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      re += last ? '.*' : '(?:[^/]*/)*';
      return;
    }
    re += [...segment].map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('') + (last ? '' : '/');
  });
  return new RegExp(`^${anchored ? '' : '(?:[^/]*/)*'}${re}$`, 'u');
}

describe('matching time', () => {
  it('a pattern that made the old regular expression backtrack without bound answers at once', () => {
    // Before: `*a*a*…*b` on 40 `a`s was a regular expression with 13 nested `[^/]*`, 30 s and counting.
    const matcher = ignoreMatcher(['*a*a*a*a*a*a*a*a*a*a*a*a*b']);
    expect(matcher(`${'a'.repeat(40)}.md`)).toBeUndefined();
    expect(matcher(`x/${'a'.repeat(40)}b`)).toBe('*a*a*a*a*a*a*a*a*a*a*a*a*b');
    expect(ignoreMatcher(['**/**/**/**/**/**/**/**/**/z'])(`${'d/'.repeat(30)}y.md`)).toBeUndefined();
  });

  it('agrees with the regular expression it replaces on random patterns and paths', () => {
    const char = fc.constantFrom('a', 'b', '.', 'é', '😀');
    const segment = fc.oneof(fc.constant('**'), fc.array(fc.oneof(char, fc.constant('*'), fc.constant('?')), { minLength: 1, maxLength: 5 }).map((c) => c.join('')));
    const pattern = fc.tuple(fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 4 })).map(([lead, segs]) => `${lead ? '/' : ''}${segs.join('/')}`);
    const path = fc.array(fc.array(char, { minLength: 1, maxLength: 6 }).map((c) => c.join('')), { minLength: 1, maxLength: 4 }).map((segs) => segs.join('/'));
    fc.assert(
      fc.property(pattern, path, (source, file) => {
        expect(compileIgnorePattern(source).matches(file), `${source} on ${file}`).toBe(regexpOf(source).test(file));
      }),
      { numRuns: 3000, seed: 25 },
    );
  });
});
