import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/card.js';
import { extractNote } from '../../src/extract/index.js';
import { questionOf } from './helpers.js';

const note = `---
id: networking-basics
---
# Сети

Протокол **TCP** гарантирует доставку, а **UDP** — нет.

## Термины

- **Порт**: номер, по которому ОС находит процесс.
- **Сокет** — пара адрес и порт.

## Уровни

- физический
- канальный
- сетевой

## Коды

| Код | Значение |
| --- | -------- |
| 200 | OK |
| 404 | Не найдено |
`;

const byRule = (cards: Card[], rule: Card['rule']) => cards.filter((c) => c.rule === rule);
const idOf = (cards: Card[], question: string) => cards.find((c) => questionOf(c).includes(question))?.id;

describe('card identity: the cue, not the answer', () => {
  const before = extractNote('net/basics.md', note).cards;

  it('is the same for the same input', () => {
    expect(extractNote('net/basics.md', note).cards).toEqual(before);
    expect(before.every((c) => /^[0-9a-f]{16}$/.test(c.id))).toBe(true);
  });

  it('keeps the id when an answer is edited', () => {
    const edited = note
      .replace('номер, по которому ОС находит процесс', 'число от 0 до 65535, адрес процесса')
      .replace('| 404 | Не найдено |', '| 404 | Ресурс не найден |')
      .replace('**UDP** — нет', '**QUIC** — нет')
      .replace('- канальный', '- канальный уровень');
    const after = extractNote('net/basics.md', edited).cards;
    expect(idOf(after, 'Порт')).toBe(idOf(before, 'Порт'));
    expect(idOf(after, '404 › Значение')).toBe(idOf(before, '404 › Значение'));
    expect(byRule(after, 'bold')[0]?.id).toBe(byRule(before, 'bold')[0]?.id);
    expect(byRule(after, 'list')[0]?.id).toBe(byRule(before, 'list')[0]?.id);
    expect(after.find((c) => c.id === idOf(before, 'Порт'))?.back).toContain('65535');
  });

  it('changes the id when the cue is edited', () => {
    const edited = note
      .replace('**Порт**', '**Номер порта**')
      .replace('| 404 |', '| 410 |')
      .replace('гарантирует доставку', 'гарантирует порядок')
      .replace('## Уровни', '## Уровни модели OSI');
    const after = extractNote('net/basics.md', edited).cards;
    const afterIds = new Set(after.map((c) => c.id));
    expect(afterIds.has(idOf(before, 'Порт') as string)).toBe(false);
    expect(afterIds.has(idOf(before, '404 › Значение') as string)).toBe(false);
    expect(afterIds.has(byRule(before, 'bold')[0]?.id as string)).toBe(false);
    expect(afterIds.has(byRule(before, 'list')[0]?.id as string)).toBe(false);
    // The rest is untouched.
    expect(idOf(after, 'Сокет')).toBe(idOf(before, 'Сокет'));
  });

  it('keeps every id when a note with a front matter id moves to another folder', () => {
    const moved = extractNote('archive/2024/renamed.md', note).cards;
    expect(moved.map((c) => c.id)).toEqual(before.map((c) => c.id));
  });

  it('without a front matter id, the path is the identity', () => {
    const plain = note.replace('id: networking-basics\n', '');
    const here = extractNote('a/note.md', plain).cards.map((c) => c.id);
    const there = extractNote('b/note.md', plain).cards.map((c) => c.id);
    expect(here).toHaveLength(there.length);
    expect(here.filter((id) => there.includes(id))).toEqual([]);
  });

  it('tells apart one term defined under two headings', () => {
    const twice = '# T\n\n## A\n\n- **Ключ**: первое.\n\n## B\n\n- **Ключ**: второе.\n';
    const cards = extractNote('t.md', twice).cards;
    expect(cards).toHaveLength(2);
    expect(new Set(cards.map((c) => c.id)).size).toBe(2);
  });
});
