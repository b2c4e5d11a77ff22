import { describe, expect, it } from 'vitest';
import { cardId, noteIdentity } from '../../src/extract/identity.js';
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

  it('shows a key drawn as a branch of a tree without its marker, keeps a key that is only a sign, and keeps card ids', () => {
    const tree = '# T\n\n| Class | Use |\n|---|---|\n| **List** | ordered |\n|   - `ArrayList` | by index |\n| └── Deque | both ends |\n';
    // A class in code described in words is asked from its description, the key (without its marker) the answer.
    expect(tableQuestions(tree)).toEqual(['List › Use = ordered', 'by index = <code>ArrayList</code>', 'Deque › Use = both ends']);
    expect(tableQuestions('# T\n\n| Sign | Means |\n|---|---|\n| + | plus |\n| - | minus |\n')).toEqual(['+ › Means = plus', '- › Means = minus']);
    // The id is made from the key as written, marker included: the card made before the marker left the question.
    const [, arrayList] = extractNote('Table.md', tree).cards;
    expect(arrayList!.id).toBe(cardId(noteIdentity('Table.md', undefined), 'table', '- ArrayList\u001fUse'));
  });
});

describe('table cells that are only an address', () => {
  it('asks no card whose answer is a link spelling its own address, but asks a link named in words', () => {
    const questions = tableQuestions(
      [
        '# Tools',
        '',
        '| Tool | Purpose | Where | Runs on |',
        '|---|---|---|---|',
        '| JSON Validator | checks syntax | [jsonlint.com](https://jsonlint.com/) | [Node.js](https://nodejs.org) |',
        '| Interceptor | captures requests | [postman.com](https://learning.postman.com/docs/interceptor/) | browser |',
        '| Postfix | sends mail | support@example.com | [RFC 5321](https://www.rfc-editor.org/rfc/rfc5321) |',
        '| Docs | reference | see [www.example.org/docs](https://www.example.org/docs/) for more | https://example.org |',
        '',
      ].join('\n'),
    );
    expect(questions).toEqual([
      'JSON Validator › Purpose = checks syntax',
      'JSON Validator › Runs on = Node.js',
      'Interceptor › Purpose = captures requests',
      'Interceptor › Runs on = browser',
      'Postfix › Purpose = sends mail',
      'Postfix › Runs on = RFC 5321',
      'Docs › Purpose = reference',
      'Docs › Where = see www.example.org/docs for more',
    ]);
  });
});
