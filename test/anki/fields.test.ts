import { describe, expect, it } from 'vitest';
import { sourceField, splitBreadcrumb } from '../../src/anki/index.js';

describe('note fields', () => {
  it('takes the breadcrumb off the question, so the sort field is the question itself', () => {
    expect(splitBreadcrumb('<div class="crumb">HTTP basics › Requests</div>Idempotent')).toEqual({ breadcrumb: 'HTTP basics › Requests', question: 'Idempotent' });
    expect(splitBreadcrumb('No crumb here')).toEqual({ breadcrumb: '', question: 'No crumb here' });
  });

  it('leaves a breadcrumb that hides a cloze deletion with the cloze text (Anki hides deletions only there)', () => {
    const front = '<div class="crumb">CI › {{c1::Jenkins}}</div>{{c1::Jenkins}} builds the code';
    expect(splitBreadcrumb(front)).toEqual({ breadcrumb: '', question: front });
  });

  it('gives the path and line, linked into Obsidian when the notes are a vault', () => {
    expect(sourceField('DevOps/ci.md', 12)).toBe('DevOps/ci.md:12');
    expect(sourceField('Тесты & QA/a b.md', 3, 'My Vault')).toBe(
      '<a href="obsidian://open?vault=My%20Vault&amp;file=%D0%A2%D0%B5%D1%81%D1%82%D1%8B%20%26%20QA%2Fa%20b">Тесты &amp; QA/a b.md:3</a>',
    );
  });
});
