import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Card } from '../../src/card.js';

/** A hand-made card as extraction would make it (used until/besides the real extraction). */
export function card(id: string, overrides: Partial<Card> = {}): Card {
  return {
    id,
    deck: 'Biology::Cells',
    type: 'basic',
    front: `<div class="crumb">Cells › Organelles</div>What is ${id}?`,
    back: `The answer about ${id}`,
    cards: 1,
    tags: [],
    rule: 'definition',
    source: { file: 'biology/cells.md', line: 3 },
    media: [],
    ...overrides,
  };
}

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'flashmark-study-')), 'state.db');
}
