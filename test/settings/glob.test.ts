import { describe, expect, it } from 'vitest';
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
