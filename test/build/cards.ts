// Hand-made cards and vaults for build tests (what loadVault would return).
import type { Card, NoteResult } from '../../src/card.js';
import type { BuildInput } from '../../src/build/index.js';

export function card(id: string, file: string, overrides: Partial<Card> = {}): Card {
  const deck = file.replace(/\.md$/, '').split('/').join('::');
  return {
    id,
    deck,
    type: 'basic',
    front: `<div class="crumb">${deck} › Термины</div><b>${id}</b>`,
    back: `Ответ на ${id}`,
    cards: 1,
    tags: [],
    rule: 'definition',
    source: { file, line: 1 },
    media: [],
    ...overrides,
  };
}

export function cloze(id: string, file: string, text: string, overrides: Partial<Card> = {}): Card {
  return card(id, file, { type: 'cloze', front: text, back: '', rule: 'bold', cards: new Set(text.match(/\{\{c\d+::/g)).size, ...overrides });
}

/** A vault of the given cards, grouped into notes by file, sorted by file like loadVault. */
export function vault(root: string, cards: Card[]): BuildInput {
  const byFile = new Map<string, Card[]>();
  for (const c of cards) byFile.set(c.source.file, [...(byFile.get(c.source.file) ?? []), c]);
  const notes: NoteResult[] = [...byFile.keys()].sort().map((file) => ({ file, cards: byFile.get(file)!, dropped: [], warnings: [] }));
  return { root, notes, warnings: [] };
}
