import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASIC_MODEL_ID, CLOZE_MODEL_ID, writeApkg, type Model } from '../../src/anki/index.js';
import { canValidate, cardsOf, colJson, nonIntegerColumns, notesOf, openApkg, validate } from './apkg.js';
import { T0, basicNote, clozeNote } from './sample.js';

const sample = () => ({
  notes: [
    basicNote(1),
    clozeNote(1, 'Система CI собирает ПО в {{c1::образ Docker}}, {{c3::тестирует}} и снова {{c1::образ}}.'),
    basicNote(2, { deck: 'Linux', tags: '' }),
  ],
  media: [{ name: 'diagram-3fa2c41b9e07.png', data: new Uint8Array([137, 80, 78, 71]) }],
});

describe('writeApkg', () => {
  it('writes exactly collection.anki2, media and the numbered media files', async () => {
    const pkg = openApkg(await writeApkg(sample()));
    expect(pkg.entries).toEqual(['collection.anki2', 'media', '0']);
    expect(pkg.media).toEqual({ '0': 'diagram-3fa2c41b9e07.png' });
    expect([...pkg.files['0']!]).toEqual([137, 80, 78, 71]);
  });

  it('writes a schema 11 collection, not in WAL mode, with integers in every numeric column', async () => {
    const bytes = await writeApkg(sample());
    const pkg = openApkg(bytes);
    const collection = pkg.files['collection.anki2']!;
    expect(Buffer.from(collection.subarray(0, 16)).toString('latin1')).toBe('SQLite format 3\0');
    expect([collection[18], collection[19]]).toEqual([1, 1]);
    expect(pkg.db.prepare('select id, ver, crt, dty, usn, ls, tags from col').all()).toEqual([
      { id: 1, ver: 11, crt: 1577836800, dty: 0, usn: 0, ls: 0, tags: '{}' },
    ]);
    const tables = pkg.db.prepare<[], { name: string }>("select name from sqlite_master where type in ('table', 'index') order by name").all();
    expect(tables.map((t) => t.name)).toEqual([
      'cards', 'col', 'graves', 'ix_cards_nid', 'ix_cards_sched', 'ix_cards_usn', 'ix_notes_csum', 'ix_notes_usn',
      'ix_revlog_cid', 'ix_revlog_usn', 'notes', 'revlog',
    ]);
    expect(nonIntegerColumns(pkg.db)).toEqual([]);
  });

  it('sets the V2 scheduler options the importer needs', async () => {
    const conf = colJson(openApkg(await writeApkg(sample())).db, 'conf');
    expect(conf).toMatchObject({ schedVer: 2, rollover: 4, creationOffset: 0 });
  });

  it('carries two note types of its own with fixed ids, names and fields', async () => {
    const models = colJson<Record<string, Model>>(openApkg(await writeApkg(sample())).db, 'models');
    expect(Object.keys(models).sort()).toEqual([String(BASIC_MODEL_ID), String(CLOZE_MODEL_ID)]);
    const basic = models[String(BASIC_MODEL_ID)]!;
    const cloze = models[String(CLOZE_MODEL_ID)]!;
    expect([basic.name, basic.type, basic.flds.map((f) => f.name), basic.tmpls.map((t) => t.name)]).toEqual([
      'flashmark Basic v2', 0, ['Front', 'Back', 'Breadcrumb', 'Source'], ['Card 1'],
    ]);
    expect([cloze.name, cloze.type, cloze.flds.map((f) => f.name), cloze.tmpls.map((t) => t.name)]).toEqual([
      'flashmark Cloze v2', 1, ['Text', 'Back Extra', 'Breadcrumb', 'Source'], ['Cloze'],
    ]);
    expect(basic.sortf).toBe(0);
    expect(cloze.tmpls[0]!.qfmt).toBe('{{#Breadcrumb}}<div class="crumb">{{Breadcrumb}}</div>{{/Breadcrumb}}{{cloze:Text}}');
    expect(basic.tmpls[0]!.afmt).toContain('{{#Source}}<div class="source">{{Source}}</div>{{/Source}}');
    expect(cloze.css).toContain('.cloze');
    expect(basic.css).toMatch(/\.crumb/);
    expect(basic.css).toMatch(/\.nightMode/);
    expect(basic.css).toMatch(/\.night_mode/);
  });

  it('writes every parent deck, the Default deck and option group 1, and puts no card into deck 1', async () => {
    const { db } = openApkg(await writeApkg(sample()));
    const decks = colJson<Record<string, { id: number; name: string; conf: number }>>(db, 'decks');
    const names = Object.values(decks).map((d) => d.name).sort();
    expect(names).toEqual(['Default', 'DevOps', 'DevOps::Linux', 'DevOps::Python', 'Linux']);
    for (const [key, deck] of Object.entries(decks)) {
      expect(key).toBe(String(deck.id));
      expect(deck.conf).toBe(1);
    }
    expect(Object.keys(colJson(db, 'dconf'))).toEqual(['1']);
    const dids = new Set(cardsOf(db).map((c) => c.did));
    expect(dids.has(1)).toBe(false);
    const byName = new Map(Object.values(decks).map((d) => [d.name, d.id]));
    const python = notesOf(db).find((n) => n.guid === 'basic-1')!;
    expect(cardsOf(db).find((c) => c.nid === python.id)!.did).toBe(byName.get('DevOps::Python'));
  });

  it('gives a cloze note one card per distinct {{cN::}} with ord N-1', async () => {
    const { db } = openApkg(await writeApkg(sample()));
    const cloze = notesOf(db).find((n) => n.guid === 'cloze-1')!;
    expect(cardsOf(db).filter((c) => c.nid === cloze.id).map((c) => c.ord)).toEqual([0, 2]);
  });

  it('keeps the given guids, note ids and mods, and gives cards unique ids', async () => {
    const { db } = openApkg(await writeApkg(sample()));
    const notes = notesOf(db);
    expect(notes.map((n) => [n.guid, n.id, n.mod])).toEqual([
      ['basic-1', T0 * 1000 + 1, T0 + 1],
      ['basic-2', T0 * 1000 + 2, T0 + 2],
      ['cloze-1', T0 * 1000 + 501, T0 + 1],
    ]);
    const cardIds = cardsOf(db).map((c) => c.id);
    expect(new Set(cardIds).size).toBe(4);
  });

  it('computes sfld and csum from the first field as Anki does, and formats tags', async () => {
    const { db } = openApkg(await writeApkg({ notes: [basicNote(1, { fields: ['x &amp; y&nbsp;<img src="p-1.png">', 'b', 'A › B', 'a.md:3'] })] }));
    const [note] = notesOf(db);
    const stripped = 'x & y  p-1.png ';
    expect(note!.sfld).toBe(stripped);
    expect(note!.csum).toBe(Number.parseInt(createHash('sha1').update(stripped).digest('hex').slice(0, 8), 16));
    expect(note!.tags).toBe(' devops python ');
    expect(note!.flds).toBe('x &amp; y&nbsp;<img src="p-1.png">\x1fb\x1fA › B\x1fa.md:3');
  });

  it('gives identical bytes for identical input, in any time zone', async () => {
    const saved = process.env['TZ'];
    try {
      process.env['TZ'] = 'UTC';
      const a = await writeApkg(sample());
      process.env['TZ'] = 'Asia/Vladivostok';
      const b = await writeApkg(sample());
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  it('refuses what would make a broken or duplicating package', async () => {
    await expect(writeApkg({ notes: [basicNote(1), basicNote(2, { guid: 'basic-1' })] })).rejects.toThrow(/duplicate guid/);
    await expect(writeApkg({ notes: [basicNote(1, { guid: 'has space' })] })).rejects.toThrow(/unusable guid/);
    await expect(writeApkg({ notes: [basicNote(1, { guid: 'x'.repeat(65) })] })).rejects.toThrow(/unusable guid/);
    await expect(writeApkg({ notes: [clozeNote(1, 'no deletion here')] })).rejects.toThrow(/no \{\{c1::/);
    await expect(writeApkg({ notes: [clozeNote(1, '{{c0::zero}} and {{c1::one}}')] })).rejects.toThrow(/c0/);
    await expect(writeApkg({ notes: [basicNote(1)], media: [{ name: '../etc/passwd', data: new Uint8Array() }] })).rejects.toThrow(/unsafe media name/);
  });

  it('writes a package of 100,000 cards', async () => {
    const notes = Array.from({ length: 100_000 }, (_, i) => basicNote(i, { guid: `g${i}`, deck: `Deck ${i % 20}::Part ${i % 7}` }));
    const { db } = openApkg(await writeApkg({ notes }));
    expect(db.prepare('select count(*) as n, count(distinct guid) as g from notes').get()).toEqual({ n: 100_000, g: 100_000 });
    expect(db.prepare('select count(*) as n, count(distinct id) as i from cards').get()).toEqual({ n: 100_000, i: 100_000 });
  });
});

describe.skipIf(!canValidate)('validate-apkg on written packages', () => {
  it('passes a package with basic and cloze notes, nested decks and media', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-apkg-'));
    const file = join(dir, 'sample.apkg');
    writeFileSync(file, await writeApkg(sample()));
    expect(validate(file)).toBe('');
  });
});
