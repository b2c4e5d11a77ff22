import { describe, expect, it } from 'vitest';
import { extractNote } from '../../src/extract/index.js';

function tableQuestions(markdown: string): string[] {
  return extractNote('Table.md', markdown)
    .cards.filter((card) => card.rule === 'table')
    .map((card) => `${card.front.replace(/<div class="crumb">.*?<\/div>/, '')} = ${card.back}`);
}

describe('the row key of a table card', () => {
  it('skips a first column that only counts the rows', () => {
    const questions = tableQuestions('# T\n\n| № | Term | Meaning |\n|---|---|---|\n| 1 | Alpha | first |\n| 2 | Beta | second |\n');
    expect(questions).toEqual(['Alpha › Meaning = first', 'Beta › Meaning = second']);
  });

  it('keeps a first column of codes as the key, so every other column is asked', () => {
    const questions = tableQuestions('# T\n\n| Code | Meaning | Cause |\n|---|---|---|\n| 200 | OK | fine |\n| 404 | Not Found | no page |\n');
    expect(questions).toEqual(['200 › Meaning = OK', '200 › Cause = fine', '404 › Meaning = Not Found', '404 › Cause = no page']);
  });
});
