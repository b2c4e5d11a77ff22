import { describe, expect, it } from 'vitest';
import { clozeOrdinals, collectDecks, deckIdOf, isSafeMediaName, mediaFileName, tagsColumn } from '../../src/anki/index.js';

describe('mediaFileName', () => {
  const png = new Uint8Array([1, 2, 3]);

  it('keeps the name and adds a content hash, so a changed image gets a new name', () => {
    const name = mediaFileName('images/diagram.png', png);
    expect(name).toMatch(/^diagram-[0-9a-f]{12}\.png$/);
    expect(mediaFileName('other/diagram.png', png)).toBe(name);
    expect(mediaFileName('images/diagram.png', new Uint8Array([1, 2, 4]))).not.toBe(name);
  });

  it('makes names Anki accepts from any file name: NFC, no forbidden characters, at most 120 bytes', () => {
    const names = [
      mediaFileName('a/Схема: "сети" <v2>?*|^[1].png', png),
      mediaFileName('a/e\u0301te\u0301.png', png),
      mediaFileName(`a/${'Диаграмма'.repeat(20)}.jpeg`, png),
      mediaFileName('a/trailing. .png', png),
      mediaFileName('a/.png', png),
    ];
    for (const name of names) expect(isSafeMediaName(name), name).toBe(true);
    expect(names[1]!.startsWith('\u00e9t\u00e9-')).toBe(true);
    expect(Buffer.byteLength(names[2]!)).toBeLessThanOrEqual(120);
    expect(names[2]!.endsWith('.jpeg')).toBe(true);
  });

  it('rejects names the importer would treat as a path', () => {
    for (const bad of ['../x.png', 'a/b.png', '/etc/passwd', '..', '', 'x.png ', 'a\\b.png']) expect(isSafeMediaName(bad), bad).toBe(false);
  });
});

describe('tags and cloze numbers', () => {
  it("formats tags as Anki stores them: ' a b ', no spaces inside a tag, one per name", () => {
    expect(tagsColumn([])).toBe('');
    expect(tagsColumn(['python', 'dev ops', 'Python', 'lang::ru', 'x::::y', '  '])).toBe(' dev_ops lang::ru python x::y ');
  });

  it('counts distinct cloze numbers in order of number', () => {
    expect(clozeOrdinals('{{c2::b}} {{c1::a}} {{c2::c}} {{c10::d}}')).toEqual([0, 1, 9]);
    expect(clozeOrdinals('no clozes {{c::x}}')).toEqual([]);
  });
});

describe('decks', () => {
  it('derives ids from the name alone and writes every parent once, whatever the case', () => {
    const { decks, idOf } = collectDecks(['DevOps::Python', 'devops::Linux ', ' Solo '], 'pkg');
    expect(decks.map((d) => d.name)).toEqual(['DevOps', 'DevOps::Linux', 'DevOps::Python', 'Solo']);
    expect(idOf.get('DevOps::Python')).toBe(deckIdOf('DevOps::Python'));
    expect(new Set(decks.map((d) => d.id)).size).toBe(4);
    expect(decks.some((d) => d.id === 1)).toBe(false);
  });

  it('never names a deck Default, which would be the user\u2019s deck 1', () => {
    const { decks } = collectDecks(['default', ' :: '], 'notes');
    expect(decks.map((d) => d.name)).toEqual(['Default (notes)', 'notes']);
  });

  it('renames Default at the top of a deeper deck too (a front-matter deck under it), so the package has one deck named Default', () => {
    const { decks, idOf } = collectDecks(['DEFAULT::Sub', 'Other::Default'], 'notes');
    expect(decks.map((d) => d.name)).toEqual(['Default (notes)', 'Default (notes)::Sub', 'Other', 'Other::Default']);
    expect(idOf.get('DEFAULT::Sub')).toBe(decks[1]!.id);
  });
});
