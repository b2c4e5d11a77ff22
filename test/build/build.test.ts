import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildPackages, type BuildReport } from '../../src/build/index.js';
import { UserError } from '../../src/errors.js';
import type { Card, NoteResult } from '../../src/card.js';
import { cardsOf, colJson, notesOf, openApkg, type NoteRow } from '../anki/apkg.js';
import { card, cloze, vault } from './cards.js';
import { waitForRealClock } from '../../src/cli/options.js';

const T1 = new Date('2026-01-10T10:00:00Z');
const T2 = new Date('2026-01-11T10:00:00Z');
const T3 = new Date('2026-01-12T10:00:00Z');

let dir: string;
let root: string;
let out: string;
let state: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flashmark-build-'));
  root = join(dir, 'notes');
  out = join(dir, 'decks');
  state = join(dir, 'state', 'state.db');
  mkdirSync(root);
});

const build = (cards: Card[], now: Date): Promise<BuildReport> => buildPackages(vault(root, cards), { outDir: out, statePath: state, now });
const notesIn = (key: string): NoteRow[] => notesOf(openApkg(readFileSync(join(out, `${key}.apkg`))).db);
const byGuid = (rows: NoteRow[]): Map<string, NoteRow> => new Map(rows.map((r) => [r.guid, r]));

const original = (): Card[] => [
  card('gil', 'DevOps/python.md', { tags: ['python'] }),
  card('ansible', 'DevOps/python.md'),
  cloze('ci', 'DevOps/ci.md', 'CI собирает {{c1::образ Docker}} и {{c2::тестирует}}.'),
  card('tcp', 'DevOps/net.md'),
  card('intro', 'intro.md'),
];

describe('buildPackages', () => {
  it('writes one package per top-level folder or note, and reports every note as added', async () => {
    const report = await build(original(), T1);
    expect(readdirSync(out).sort()).toEqual(['DevOps.apkg', 'intro.apkg']);
    expect(report.packages.map((p) => [p.key, p.notes, p.cards, p.added, p.changed, p.unchanged, p.removed, p.written])).toEqual([
      ['DevOps', 4, 5, 4, 0, 0, 0, true],
      ['intro', 1, 1, 1, 0, 0, 0, true],
    ]);
    const notes = notesIn('DevOps');
    expect(notes.map((n) => n.guid).sort()).toEqual(['ansible', 'ci', 'gil', 'tcp']);
    expect(new Set(notes.map((n) => n.mod))).toEqual(new Set([T1.getTime() / 1000]));
    for (const n of notes) expect(n.id).toBeGreaterThanOrEqual(T1.getTime());
    expect(readdirSync(out).some((f) => f.endsWith('.db'))).toBe(false);
  });

  it('round trip: an edited answer or tag raises mod on that note only; an edited cue is a new fact; nothing is duplicated', async () => {
    await build(original(), T1);
    const before = byGuid(notesIn('DevOps'));
    const modelsBefore = colJson(openApkg(readFileSync(join(out, 'DevOps.apkg'))).db, 'models');

    const edited = original().filter((c) => c.id !== 'tcp'); // a deleted note
    edited[0] = { ...edited[0]!, back: 'Global Interpreter Lock — новая формулировка' }; // an edited answer
    edited[1] = { ...edited[1]!, id: 'ansible-playbooks', front: '<b>Ansible playbooks</b>' }; // an edited cue: a new identity
    edited.push(card('udp', 'DevOps/net.md')); // an added note
    const report = await build(edited, T2);

    const after = byGuid(notesIn('DevOps'));
    expect(colJson(openApkg(readFileSync(join(out, 'DevOps.apkg'))).db, 'models')).toEqual(modelsBefore);
    expect(after.get('gil')!.mod).toBeGreaterThan(before.get('gil')!.mod);
    expect(after.get('gil')!.id).toBe(before.get('gil')!.id);
    expect(after.get('ci')!.mod).toBe(before.get('ci')!.mod);
    expect(after.get('ci')!.id).toBe(before.get('ci')!.id);
    expect(after.has('tcp')).toBe(false);
    expect(after.has('ansible')).toBe(false);
    expect(after.get('ansible-playbooks')!.id).not.toBe(before.get('ansible')!.id);
    expect(after.get('udp')!.mod).toBe(T2.getTime() / 1000);
    expect([...after.keys()].sort()).toEqual(['ansible-playbooks', 'ci', 'gil', 'udp']);
    const devops = report.packages.find((p) => p.key === 'DevOps')!;
    expect([devops.added, devops.changed, devops.unchanged, devops.removed]).toEqual([2, 1, 1, 2]);
    const intro = report.packages.find((p) => p.key === 'intro')!;
    expect([intro.written, intro.unchanged]).toEqual([false, 1]);

    // A tag change is a change too; an unchanged rebuild after it changes nothing.
    edited[2] = { ...edited[2]!, tags: ['ci'] };
    await build(edited, T3);
    const third = byGuid(notesIn('DevOps'));
    expect(third.get('ci')!.mod).toBe(T3.getTime() / 1000);
    expect(third.get('ci')!.tags).toBe(' ci ');
    expect(third.get('gil')!.mod).toBe(after.get('gil')!.mod);
  });

  it('gives identical bytes on an unchanged rebuild and does not rewrite the file', async () => {
    await build(original(), T1);
    const file = join(out, 'DevOps.apkg');
    const bytes = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const report = await build(original(), T3);
    expect(report.packages.every((p) => !p.written)).toBe(true);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('keeps mod rising when a change comes at an earlier clock than the last one', async () => {
    await build(original(), T2);
    const first = byGuid(notesIn('DevOps')).get('gil')!.mod;
    await build(original().map((c) => (c.id === 'gil' ? { ...c, back: 'new' } : c)), T1);
    expect(byGuid(notesIn('DevOps')).get('gil')!.mod).toBe(first + 1);
  });

  it('waits for the clock the caller gives before publishing a mod ahead of it, and not without one', async () => {
    const asked: number[] = [];
    const waitUntil = async (ms: number): Promise<void> => {
      asked.push(ms);
    };
    const at = (answer: string) => original().map((c) => (c.id === 'gil' ? { ...c, back: answer } : c));
    await buildPackages(vault(root, at('first')), { outDir: out, statePath: state, now: T1, waitUntil });
    expect(asked).toEqual([]); // every mod is the clock's second
    await buildPackages(vault(root, at('second')), { outDir: out, statePath: state, now: T1, waitUntil });
    const mod = byGuid(notesIn('DevOps')).get('gil')!.mod;
    expect(mod).toBe(T1.getTime() / 1000 + 1);
    expect(asked).toEqual([mod * 1000]); // once, for the one package whose mod is ahead
    const report = await build(at('third'), T1); // no wait given: published at once
    expect(report.packages.find((p) => p.key === 'DevOps')!.changed).toBe(1);
  });

  it('on the real clock, quick successive changes still raise mod without publishing it ahead of the clock', async () => {
    const mods: number[] = [];
    for (const answer of ['first', 'second', 'third']) {
      await buildPackages(vault(root, original().map((c) => (c.id === 'gil' ? { ...c, back: answer } : c))), { outDir: out, statePath: state, now: new Date(), waitUntil: waitForRealClock });
      mods.push(byGuid(notesIn('DevOps')).get('gil')!.mod);
      expect(mods.at(-1)!).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    }
    expect(mods[1]!).toBeGreaterThan(mods[0]!);
    expect(mods[2]!).toBeGreaterThan(mods[1]!);
  });

  it('adds a card for a new cloze number and keeps the existing ones', async () => {
    await build(original(), T1);
    const cards = original().map((c) => (c.id === 'ci' ? { ...c, front: 'CI собирает {{c1::образ Docker}}, {{c2::тестирует}} и {{c3::публикует}}.' } : c));
    await build(cards, T2);
    const { db } = openApkg(readFileSync(join(out, 'DevOps.apkg')));
    const ci = notesOf(db).find((n) => n.guid === 'ci')!;
    expect(cardsOf(db).filter((c) => c.nid === ci.id).map((c) => c.ord)).toEqual([0, 1, 2]);
  });

  it('skips a card whose identity cannot be an Anki guid, with a warning', async () => {
    const report = await build([card('has space', 'a.md'), card('fine', 'a.md')], T1);
    expect(notesIn('a').map((n) => n.guid)).toEqual(['fine']);
    expect(report.warnings).toEqual([{ file: 'a.md', message: expect.stringContaining('cannot be an Anki guid'), kind: 'skipped' }]);
  });

  it('keeps one note per identity when two cards share it, with a warning', async () => {
    const report = await build([card('same', 'a.md'), card('same', 'b.md')], T1);
    expect(report.packages.map((p) => p.key)).toEqual(['a']);
    expect(report.warnings).toEqual([{ file: 'b.md', message: expect.stringContaining('same card identity'), kind: 'skipped' }]);
  });

  it('deletes the package of a top-level folder that disappeared, and says so', async () => {
    await build(original(), T1);
    const report = await build(original().filter((c) => c.source.file !== 'intro.md'), T2);
    expect(readdirSync(out)).toEqual(['DevOps.apkg']);
    expect(report.removedPackages).toEqual([{ key: 'intro', file: join(out, 'intro.apkg'), removed: 1, deleted: true }]);
  });

  it('leaves a stale package alone if the user changed the file', async () => {
    await build(original(), T1);
    writeFileSync(join(out, 'intro.apkg'), 'mine');
    const report = await build(original().filter((c) => c.source.file !== 'intro.md'), T2);
    expect(readFileSync(join(out, 'intro.apkg'), 'utf8')).toBe('mine');
    expect(report.removedPackages[0]!.deleted).toBe(false);
  });

  it('after a build that failed half-way, keeps the packages it wrote as they are: same note ids, not rewritten', async () => {
    // intro.apkg cannot be written (a folder holds its name): the build reports it, with DevOps.apkg on disk.
    mkdirSync(join(out, 'intro.apkg', 'inside'), { recursive: true });
    const failed = await build(original(), T1);
    expect(failed.failedPackages.map((f) => [f.key, f.message])).toEqual([['intro', expect.stringMatching(/a folder, not a regular file/)]]);
    expect(failed.packages.map((p) => [p.key, p.written])).toEqual([['DevOps', true]]);
    const written = readFileSync(join(out, 'DevOps.apkg'));
    rmSync(join(out, 'intro.apkg'), { recursive: true });

    const report = await build(original(), T2);
    expect(report.packages.map((p) => [p.key, p.written, p.added, p.unchanged])).toEqual([
      ['DevOps', false, 0, 4],
      ['intro', true, 1, 0],
    ]);
    expect(readFileSync(join(out, 'DevOps.apkg')).equals(written)).toBe(true);
    for (const n of notesIn('DevOps')) expect(n.id).toBeLessThan(T2.getTime());
  });

  it('keeps the note ids and mods of a study database whose history is still in the old table layout', async () => {
    await build(original(), T1);
    const bytes = readFileSync(join(out, 'DevOps.apkg'));
    // The history as flashmark stored it before migration 3: the same rows, in a WITHOUT ROWID table.
    const old = new Database(state);
    old.exec(`CREATE TABLE kept (guid TEXT PRIMARY KEY, note_id INTEGER NOT NULL, package TEXT NOT NULL, hash TEXT NOT NULL,
                mod INTEGER NOT NULL, first_seen INTEGER NOT NULL, present INTEGER NOT NULL) WITHOUT ROWID;
              INSERT INTO kept SELECT guid, note_id, package, hash, mod, first_seen, present FROM build_notes;
              DROP TABLE build_notes;
              ALTER TABLE kept RENAME TO build_notes;
              CREATE INDEX build_notes_note_id ON build_notes (note_id);
              UPDATE schema_version SET version = 2 WHERE component = 'build';`);
    old.close();

    const report = await build(original(), T2);
    expect(report.packages.map((p) => [p.key, p.written, p.unchanged])).toEqual([
      ['DevOps', false, 4],
      ['intro', false, 1],
    ]);
    expect(readFileSync(join(out, 'DevOps.apkg')).equals(bytes)).toBe(true);
    const migrated = new Database(state, { readonly: true });
    expect(migrated.prepare("SELECT version FROM schema_version WHERE component = 'build'").get()).toEqual({ version: 5 });
    expect(migrated.prepare("SELECT sql FROM sqlite_master WHERE name = 'build_notes'").get()).toMatchObject({ sql: expect.stringMatching(/PRIMARY KEY \(package, guid\)/) });
    expect(migrated.prepare("SELECT sql FROM sqlite_master WHERE name = 'build_notes_retired'").get()).toMatchObject({ sql: expect.stringMatching(/WHERE present = 0/) });
    migrated.close();
  });

  it('keeps the note id of a card that moves to another package and back, and its history in one place', async () => {
    const movedTo = (file: string): Card[] => original().map((c) => (c.id === 'tcp' ? { ...c, source: { ...c.source, file } } : c));
    const historyOf = (guid: string): unknown[] => {
      const db = new Database(state, { readonly: true });
      try {
        return db.prepare('SELECT package, present FROM build_notes WHERE guid = ?').all(guid);
      } finally {
        db.close();
      }
    };
    await build(original(), T1);
    const id = byGuid(notesIn('DevOps')).get('tcp')!.id;

    const moved = await build(movedTo('Net/net.md'), T2);
    expect(moved.packages.map((p) => [p.key, p.added, p.removed])).toEqual([
      ['DevOps', 0, 1],
      ['Net', 1, 0],
      ['intro', 0, 0],
    ]);
    expect(byGuid(notesIn('Net')).get('tcp')!.id).toBe(id);
    expect(historyOf('tcp')).toEqual([{ package: 'Net', present: 1 }]);

    const back = await build(original(), T3);
    expect(back.removedPackages.map((p) => [p.key, p.removed, p.deleted])).toEqual([['Net', 1, true]]);
    expect(byGuid(notesIn('DevOps')).get('tcp')!.id).toBe(id);
    expect(historyOf('tcp')).toEqual([{ package: 'DevOps', present: 1 }]);
  });

  it('refuses an output path that is a file, without touching it', async () => {
    writeFileSync(join(dir, 'file'), 'x');
    await expect(buildPackages(vault(root, original()), { outDir: join(dir, 'file'), statePath: state, now: T1 })).rejects.toThrow(UserError);
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('x');
  });
});

describe('media', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const withImage = (path: string): Card =>
    card(`img-${path.replace(/\s/g, '_')}`, 'pics.md', { back: `Схема: <img src="${path.replace(/&/g, '&amp;')}" alt="x">`, media: [path] });

  it('packs an image under a content-hash name and points the field at it', async () => {
    mkdirSync(join(root, 'img'));
    writeFileSync(join(root, 'img', 'net & web.png'), png);
    const report = await build([withImage('img/net & web.png')], T1);
    const pkg = openApkg(readFileSync(join(out, 'pics.apkg')));
    const name = Object.values(pkg.media)[0]!;
    expect(name).toMatch(/^net & web-[0-9a-f]{12}\.png$/);
    expect(Buffer.from(pkg.files['0']!).equals(png)).toBe(true);
    expect(notesOf(pkg.db)[0]!.flds).toContain(`<img src="${name.replace('&', '&amp;')}" alt="x">`);
    expect(report.packages[0]!.media).toBe(1);
    expect(report.warnings).toEqual([]);
  });

  it('finds an image that is not beside its note elsewhere in the notes folder, as Obsidian does, but not in dot folders', async () => {
    mkdirSync(join(root, 'attachments', 'deep'), { recursive: true });
    mkdirSync(join(root, '.trash'));
    writeFileSync(join(root, 'attachments', 'diagram.png'), png);
    writeFileSync(join(root, 'attachments', 'deep', 'diagram.png'), Buffer.from('other'));
    writeFileSync(join(root, '.trash', 'gone.png'), png);
    const report = await build([withImage('DevOps/diagram.png'), withImage('DevOps/gone.png')], T1);
    const pkg = openApkg(readFileSync(join(out, 'pics.apkg')));
    expect(Object.values(pkg.media)).toEqual([expect.stringMatching(/^diagram-[0-9a-f]{12}\.png$/)]);
    expect(Buffer.from(pkg.files['0']!).equals(png)).toBe(true);
    expect(report.warnings).toEqual([{ file: 'pics.md', message: 'image DevOps/gone.png was not found; not packed', kind: 'ignored' }]);
  });

  it('a changed image is a changed note: new name, higher mod', async () => {
    writeFileSync(join(root, 'a.png'), png);
    await build([withImage('a.png')], T1);
    const first = notesIn('pics')[0]!;
    writeFileSync(join(root, 'a.png'), Buffer.concat([png, Buffer.from([0])]));
    await build([withImage('a.png')], T2);
    const second = notesIn('pics')[0]!;
    expect(second.mod).toBeGreaterThan(first.mod);
    expect(second.flds).not.toBe(first.flds);
  });

  it('refuses paths outside the notes folder, symlinks leading out, and non-files, with a warning naming the note', async () => {
    writeFileSync(join(dir, 'secret.png'), 'secret');
    symlinkSync(join(dir, 'secret.png'), join(root, 'link.png'));
    mkdirSync(join(root, 'folder.png'));
    const fifo = spawnSync('mkfifo', [join(root, 'pipe.png')]).status === 0;
    const paths = ['../secret.png', '../../etc/passwd', join(dir, 'secret.png'), 'link.png', 'folder.png', 'missing.png', ...(fifo ? ['pipe.png'] : [])];
    const report = await build(paths.map(withImage), T1);
    expect(report.warnings).toHaveLength(paths.length);
    for (const [i, w] of report.warnings.entries()) {
      expect(w.file).toBe('pics.md');
      expect(w.message).toContain(paths[i]);
      expect(w.message).toContain('not packed');
    }
    const pkg = openApkg(readFileSync(join(out, 'pics.apkg')));
    expect(pkg.media).toEqual({});
    expect(pkg.entries).toEqual(['collection.anki2', 'media']);
    for (const n of notesOf(pkg.db)) expect(n.flds).not.toContain('<img');
  });

  it('writes each package as soon as its last note is read, while later notes are still coming', async () => {
    const input = vault(root, original());
    const notes = input.notes as NoteResult[];
    const seenBeforeIntro: string[] = [];
    async function* arriving(): AsyncGenerator<NoteResult> {
      for (const note of notes) {
        if (note.file === 'intro.md') seenBeforeIntro.push(...readdirSync(out));
        await new Promise((r) => setTimeout(r, 5)); // as a worker's answer would
        yield note;
      }
    }
    const expected = new Map([['DevOps', 3], ['intro', 1]]);
    const streamed = await buildPackages({ ...input, notes: arriving(), expected }, { outDir: out, statePath: state, now: T1 });
    expect(seenBeforeIntro).toEqual(['DevOps.apkg']);

    // The same packages, byte for byte, and the same report as a build handed every note at once.
    const whole = join(dir, 'whole');
    const report = await buildPackages(input, { outDir: whole, statePath: join(dir, 'whole-state', 'state.db'), now: T1 });
    for (const key of ['DevOps', 'intro']) expect(readFileSync(join(out, `${key}.apkg`))).toEqual(readFileSync(join(whole, `${key}.apkg`)));
    expect(streamed.packages.map(({ file: _file, ...rest }) => rest)).toEqual(report.packages.map(({ file: _file, ...rest }) => rest));
  });
});
