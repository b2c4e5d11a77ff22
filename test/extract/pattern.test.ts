import { describe, expect, it } from 'vitest';
import { compilePattern, matchesPattern } from '../../src/extract/pattern.js';

const matches = (pattern: string, text: string): boolean => matchesPattern(compilePattern(pattern), text);

describe('exclude patterns', () => {
  it('match the whole text, case-insensitively and with white space collapsed', () => {
    expect(matches('Project template', 'project  TEMPLATE')).toBe(true);
    expect(matches('Шаблон', 'шаблон')).toBe(true);
    expect(matches('template', 'Project template')).toBe(false);
    expect(matches('Project template', 'Project')).toBe(false);
  });

  it('read * as any run of characters, none included', () => {
    expect(matches('*template', 'Project template')).toBe(true);
    expect(matches('Project*', 'Project')).toBe(true);
    expect(matches('*', '')).toBe(true);
    expect(matches('a*b*c', 'a-x-b-y-c')).toBe(true);
    expect(matches('a*b*c', 'a-c-b')).toBe(false);
    expect(matches('ab*ba', 'aba')).toBe(false);
    expect(matches('ab*ba', 'abba')).toBe(true);
    expect(matches('*.md*', 'notes.md backup')).toBe(true);
  });

  it('take every other character literally, regular expression syntax included', () => {
    expect(matches('a.c', 'abc')).toBe(false);
    expect(matches('(x)+[y]?', '(x)+[y]?')).toBe(true);
    expect(matches('^Term$', 'Term')).toBe(false);
  });
});
