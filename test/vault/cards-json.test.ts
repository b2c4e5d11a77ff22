import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateVault } from '../../bench/generate.js';
import type { Card, NoteResult, NoteWarning } from '../../src/card.js';
import { DROP_REASONS, RULES } from '../../src/card.js';
import { cardsJsonChunks } from '../../src/vault/cards-json.js';
import { loadVault } from '../../src/vault/load.js';
import { storedResultJson } from '../../src/vault/stored-result.js';
import { keepFirstCards } from '../../src/vault/unique-ids.js';

const notesDir = fileURLToPath(new URL('../../notes', import.meta.url));

/** What `cards --json` prints from the notes' stored results, and the warnings it gives on the way. */
function printed(notes: readonly NoteResult[], keepDuplicates = false): { text: string; warnings: NoteWarning[] } {
  const warnings: NoteWarning[] = [];
  const chunks: Buffer[] = [];
  // Each chunk is valid until the next is asked for: copied.
  for (const chunk of cardsJsonChunks(
    notes.map((note) => Buffer.from(storedResultJson(note))),
    (some) => warnings.push(...some),
    keepDuplicates,
  )) {
    chunks.push(Buffer.from(chunk));
  }
  return { text: Buffer.concat(chunks).toString('utf8'), warnings };
}

/** What `cards --json` printed when it decoded every card: the yardstick. */
function expected(notes: NoteResult[], keepDuplicates = false): { text: string; warnings: NoteWarning[] } {
  const kept = keepFirstCards(notes, keepDuplicates);
  return { text: `${JSON.stringify(kept.flatMap((note) => note.cards), null, 2)}\n`, warnings: kept.flatMap((note) => note.warnings) };
}

/** Strings with what JSON escapes: quotes, backslashes, control characters, lone surrogates, line separators, Cyrillic. */
const tricky = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '"', '\\', '\\"', 'a\\\\"b', '\n\t\u0000\u001f', '\ud800', '\udfff x', '\u2028\u2029', 'функция', '<div class="crumb">a › b</div>'),
);

const cardArb = (file: string): fc.Arbitrary<Card> =>
  fc.record({
    id: fc.oneof(fc.constantFrom('a1', 'b2', 'c3', 'd4'), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 16, maxLength: 16 }), tricky),
    deck: fc.oneof(fc.constant('Net'), tricky),
    type: fc.constantFrom('basic' as const, 'cloze' as const),
    front: tricky,
    back: tricky,
    cards: fc.integer({ min: 1, max: 30 }),
    tags: fc.oneof(fc.constant<string[]>(['x', 'y']), fc.array(tricky, { maxLength: 3 })),
    rule: fc.constantFrom(...RULES),
    source: fc.record({ file: fc.oneof(fc.constant(file), tricky), line: fc.integer({ min: 1, max: 100_000 }) }),
    media: fc.array(tricky, { maxLength: 2 }),
  });

const noteArb = (index: number): fc.Arbitrary<NoteResult> =>
  fc.record({
    file: fc.constant(`n${index}.md`),
    cards: fc.array(cardArb(`n${index}.md`), { maxLength: 5 }),
    // Candidates with what JSON escapes too: the listing reads no further than them, and must not need to.
    dropped: fc.array(
      fc.record({
        reason: fc.constantFrom(...DROP_REASONS),
        rule: fc.constantFrom(...RULES),
        type: fc.constantFrom('basic' as const, 'cloze' as const),
        front: tricky,
        back: tricky,
        source: fc.record({ file: fc.constant(`n${index}.md`), line: fc.integer({ min: 1, max: 100_000 }) }),
      }),
      { maxLength: 2 },
    ),
    warnings: fc.array(fc.record({ file: fc.constant(`n${index}.md`), message: tricky, kind: fc.constantFrom('skipped' as const, 'ignored' as const) }), { maxLength: 1 }),
  });

describe('cards --json from the stored results', () => {
  it('prints exactly what JSON.stringify of the decoded cards prints, and warns of the same skipped identities, repeated cards left out or kept alike', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => noteArb(i)))),
        fc.boolean(),
        (notes, keepDuplicates) => {
          expect(printed(notes, keepDuplicates)).toEqual(expected(notes, keepDuplicates));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('prints the sample notes and a generated vault (large notes among them) as before, byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-cards-json-'));
    generateVault(dir, { notes: 40, seed: 27, large: 1 });
    for (const root of [notesDir, dir]) {
      const { notes } = await loadVault(root);
      expect(notes.reduce((sum, note) => sum + note.cards.length, 0)).toBeGreaterThan(50);
      const { text } = printed(notes);
      expect(text).toBe(expected(notes).text);
      expect(JSON.parse(text)).toEqual(keepFirstCards(notes, false).flatMap((note) => note.cards));
    }
  });

  it('prints an empty array for notes without cards', () => {
    expect(printed([]).text).toBe('[]\n');
    expect(printed([{ file: 'e.md', cards: [], dropped: [], warnings: [] }]).text).toBe('[]\n');
  });

  it('refuses a result that is not in the stored form instead of printing garbage', () => {
    const chunks = cardsJsonChunks([Buffer.from('{"file":"a.md","cards":[{"id":"x","line":')], () => undefined);
    expect(() => [...chunks]).toThrow(/not in the stored form/);
  });
});
