import { describe, expect, it } from 'vitest';
import { tagsColumn } from '../../src/anki/index.js';
import { extractNote } from '../../src/extract/index.js';

const NOTE = `---
tags: [lang/python]
---
# Типы #python

#basics #study/core

## Коллекции

- **list**: изменяемая последовательность #важное
- **C#**: язык, а не тег; \`#code\` тоже, и [ссылка #x](http://a.b/#y), и задача #1

Интерпретатор выполняет **байт-код** построчно. #runtime
`;

describe('inline #tags', () => {
  it("become every card's tags, after the front matter's, and leave the card text", () => {
    const { cards } = extractNote('Lang/types.md', NOTE);
    expect(cards).toHaveLength(3);
    for (const card of cards) expect(card.tags).toEqual(['lang/python', 'python', 'basics', 'study/core', 'важное', 'runtime']);
    const text = cards.map((c) => `${c.front}\n${c.back}`).join('\n');
    for (const tag of ['#python', '#basics', '#study', '#важное', '#runtime']) expect(text).not.toContain(tag);
    expect(cards[0]!.front).toContain('Типы › Коллекции');
  });

  it('are not read in code, in links, after a letter (C#) or when all digits (#1)', () => {
    const { cards } = extractNote('Lang/types.md', NOTE);
    const csharp = cards.find((c) => c.front.endsWith('C#'))!;
    expect(csharp.back).toBe('язык, а не тег; <code>#code</code> тоже, и ссылка #x, и задача #1');
    expect(csharp.tags).not.toContain('code');
    expect(csharp.tags).not.toContain('x');
  });

  it("become Anki's nested tags (a/b → a::b)", () => {
    expect(tagsColumn(['lang/python', 'study/core', 'runtime'])).toBe(' lang::python runtime study::core ');
  });
});
