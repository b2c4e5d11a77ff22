import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clozeOrdinals, collectDecks, isSafeMediaName, mediaFileName, normalizeField, tagsColumn } from '../../src/anki/index.js';

// Any text a note could hold: every Unicode plane, control characters, decomposed accents.
const anyText = fc.string({ unit: 'binary', maxLength: 200 });

describe('whatever the notes contain', () => {
  it('media names are ones Anki accepts', () => {
    fc.assert(
      fc.property(anyText, fc.uint8Array({ maxLength: 16 }), (path, data) => {
        expect(isSafeMediaName(mediaFileName(path, data))).toBe(true);
      }),
    );
  });

  it('tags come out as Anki stores them: empty, or single-spaced with a space at each end', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 6 }), (tags) => {
        const column = tagsColumn(tags);
        if (column !== '') {
          expect(column).toMatch(/^ \S(?:.*\S)? $/su);
          expect(column).not.toContain('  ');
          expect(column).not.toMatch(/[\x00-\x1f"]/);
        }
      }),
    );
  });

  it('fields never hold the field separator or other control characters, and are NFC', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const field = normalizeField(text);
        expect(field).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
        expect(field).toBe(field.normalize('NFC'));
      }),
    );
  });

  it('deck names have every parent, no empty or padded level, and never land in deck 1', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyText, fc.constantFrom('A::B', 'a::b::c', 'Default', ' :: ')), { maxLength: 6 }), (names) => {
        const { decks, idOf } = collectDecks(names, 'fallback');
        const all = new Set(decks.map((d) => d.name));
        for (const { name, id } of decks) {
          expect(id).not.toBe(1);
          expect(name.toLowerCase()).not.toBe('default');
          const levels = name.split('::');
          for (const level of levels) expect(level).toBe(level.trim());
          for (let i = 1; i < levels.length; i++) expect(all.has(levels.slice(0, i).join('::'))).toBe(true);
        }
        expect(new Set(decks.map((d) => d.name.toLowerCase())).size).toBe(decks.length);
        for (const name of names) expect(decks.some((d) => d.id === idOf.get(name))).toBe(true);
      }),
    );
  });

  it('cloze ordinals are the distinct numbers minus one, ascending', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 499 }), { maxLength: 8 }), (numbers) => {
        const text = numbers.map((n) => `{{c${n}::x}}`).join(' ');
        expect(clozeOrdinals(text)).toEqual([...new Set(numbers)].sort((a, b) => a - b).map((n) => n - 1));
      }),
    );
  });
});
