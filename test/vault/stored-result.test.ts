import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateVault } from '../../bench/generate.js';
import type { Card, NoteResult } from '../../src/card.js';
import { extractNote } from '../../src/extract/index.js';
import { loadVault } from '../../src/vault/load.js';
import { resultFromStoredJson, storedResultJson } from '../../src/vault/stored-result.js';

const notesDir = fileURLToPath(new URL('../../notes', import.meta.url));

describe('stored extraction results', () => {
  it('give back every note of the sample notes and a generated vault exactly, cards printed key for key as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-stored-'));
    generateVault(dir, { notes: 120, seed: 5 });
    const notes = [...(await loadVault(notesDir)).notes, ...(await loadVault(dir)).notes];
    expect(notes.reduce((sum, n) => sum + n.cards.length, 0)).toBeGreaterThan(1000);
    for (const note of notes) expect(JSON.stringify(resultFromStoredJson(storedResultJson(note)))).toBe(JSON.stringify(note));
  });

  it('are about half the size of the card JSON, which repeats each note’s file, deck and tags on every card', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-stored-'));
    generateVault(dir, { notes: 120, seed: 6 });
    const { notes } = await loadVault(dir);
    const plain = notes.reduce((sum, n) => sum + JSON.stringify(n).length, 0);
    const stored = notes.reduce((sum, n) => sum + storedResultJson(n).length, 0);
    expect(stored / plain).toBeLessThan(0.65);
  });

  it('keep a card’s own deck, tags, file and images where they differ from the note’s', () => {
    const card = (over: Partial<Card>): Card => ({
      id: 'a',
      deck: 'Net',
      type: 'basic',
      front: 'Q',
      back: 'A',
      cards: 1,
      tags: ['x'],
      rule: 'definition',
      source: { file: 'n.md', line: 3 },
      media: [],
      ...over,
    });
    const result: NoteResult = {
      file: 'n.md',
      cards: [card({}), card({ id: 'b', deck: 'Other' }), card({ id: 'c', tags: [] }), card({ id: 'd', source: { file: 'm.md', line: 9 }, media: ['i.png'] })],
      dropped: [{ reason: 'label', rule: 'table', type: 'basic', front: 'Q › Example', back: 'x', source: { file: 'n.md', line: 4 } }],
      warnings: [{ file: 'n.md', message: 'w', kind: 'ignored' }],
      skipped: 'empty',
    };
    expect(resultFromStoredJson(storedResultJson(result))).toEqual(result);
    expect(resultFromStoredJson(storedResultJson({ file: 'e.md', cards: [], dropped: [], warnings: [] }))).toEqual({ file: 'e.md', cards: [], dropped: [], warnings: [] });
  });

  it('give each card its own tags, so changing one card’s leaves the others alone', () => {
    const text = readFileSync(join(notesDir, 'Git.md'), 'utf8');
    const decoded = resultFromStoredJson(storedResultJson(extractNote('Git.md', `---\ntags: [git]\n---\n${text}`)));
    expect(decoded.cards.length).toBeGreaterThan(2);
    decoded.cards[0]!.tags.push('changed');
    expect(decoded.cards[1]!.tags).toEqual(['git']);
  });
});
