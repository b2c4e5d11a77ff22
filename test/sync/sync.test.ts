import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeAnki } from './anki-server.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'dist', 'cli', 'main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI in a child process, asynchronously: the stand-in Anki answers from this process. */
function flashmark(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, FLASHMARK_NOW: '', FLASHMARK_ANKI_KEY: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let notes: string;
let anki: FakeAnki;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flashmark-sync-'));
  notes = join(dir, 'notes');
  anki = await new FakeAnki().start();
});

afterEach(async () => {
  await anki.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A note of definitions; `deck` (front matter) takes a line either way, so no card's line moves when it is set. */
function writeNote(path: string, title: string, terms: Record<string, string>, deck = ''): void {
  const lines = Object.entries(terms).map(([term, answer]) => `- **${term}**: ${answer}`);
  mkdirSync(join(notes, path, '..'), { recursive: true });
  writeFileSync(join(notes, path), `---\ntags: [study]\n${deck === '' ? 'lang: ru' : `deck: ${deck}`}\n---\n# ${title}\n\n## Термины\n\n${lines.join('\n')}\n`);
}

const DEVOPS = { Ansible: 'инструмент автоматизации', Jenkins: 'сервер сборки', Docker: 'контейнеры', Terraform: 'инфраструктура как код' };
const PYTHON = { list: 'изменяемая последовательность', tuple: 'неизменяемая последовательность', dict: 'отображение', set: 'множество' };

function writeVault(): void {
  writeNote('DevOps/ci.md', 'CI', DEVOPS);
  writeNote('Python/types.md', 'Типы', PYTHON);
}

const sync = (...args: string[]): Promise<Run> => flashmark(['sync', notes, '-o', join(dir, 'decks'), '--anki-url', anki.url, ...args]);
// A term explained in a few Russian words is asked from its explanation: the term is then the note's second field.
const noteOf = (term: string) => [...anki.notes.values()].find((n) => n.fields[0] === term || n.fields[1] === term);
const asked = (): string[] => [...anki.notes.values()].flatMap((n) => n.fields.slice(0, 2));

describe('flashmark sync', () => {
  it('adds every card on the first sync, one line per deck and a total, and a second sync changes nothing', async () => {
    writeVault();
    const first = await sync();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(anki.notes.size).toBe(8);
    expect(first.stdout).toContain('DevOps: 4 added, 0 updated, 0 deleted');
    expect(first.stdout).toContain('Python: 4 added, 0 updated, 0 deleted');
    expect(first.stdout.trim().split('\n').at(-1)).toBe('Anki synced: 8 added, 0 updated, 0 deleted, 0 unchanged');
    expect(anki.received.filter((r) => r.action === 'importPackage')).toHaveLength(2);

    const writesBefore = anki.writes().length;
    const again = await sync();
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe('Anki synced: 0 added, 0 updated, 0 deleted, 8 unchanged');
    expect(anki.writes()).toHaveLength(writesBefore);
    expect(anki.problems).toEqual([]);
  });

  it('updates an edited answer in place: the same Anki note, no duplicate', async () => {
    writeVault();
    expect((await sync()).code).toBe(0);
    const before = noteOf('Jenkins')!;
    writeNote('DevOps/ci.md', 'CI', { ...DEVOPS, Jenkins: 'сервер непрерывной интеграции' });
    const run = await sync();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('DevOps: 0 added, 1 updated, 0 deleted');
    expect(anki.notes.size).toBe(8);
    const after = anki.notes.get(before.id)!;
    expect(after.guid).toBe(before.guid);
    expect(after.fields.slice(0, 2)).toEqual(['сервер непрерывной интеграции', 'Jenkins']);
    expect(after.cards.map((c) => c.id)).toEqual(before.cards.map((c) => c.id));
    expect(anki.problems).toEqual([]);
  });

  it('sets right a note the import left as it was, in place (importers differ between Anki versions)', async () => {
    writeVault();
    expect((await sync()).code).toBe(0);
    anki.updatesOnImport = false;
    const before = noteOf('dict')!;
    writeNote('Python/types.md', 'Типы', { ...PYTHON, dict: 'словарь' });
    const run = await sync();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Python: 0 added, 1 updated, 0 deleted');
    expect(anki.notes.get(before.id)!.fields[1]).toBe('словарь');
    expect(anki.received.filter((r) => r.action === 'updateNote')).toHaveLength(1);
    expect(anki.notes.size).toBe(8);
  });

  it("asks to change flashmark's first note types in Anki, then fills the new fields in place", async () => {
    writeVault();
    expect((await sync()).code).toBe(0);
    // As a note imported from a package of an earlier flashmark: the first basic type, two fields.
    const old = noteOf('Ansible')!;
    const v2 = { mid: old.mid, modelName: old.modelName, fieldNames: old.fieldNames };
    Object.assign(old, { mid: 1735689600101, modelName: 'flashmark Basic', fieldNames: ['Front', 'Back'], fields: ['<div class="crumb">CI › Термины</div>Ansible', 'инструмент автоматизации'] });
    writeNote('DevOps/ci.md', 'CI', { ...DEVOPS, Ansible: 'система управления конфигурацией' });
    const refused = await sync();
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/1 note in Anki still has flashmark's first note types .*Change Note Type/);
    expect(anki.notes.get(old.id)!.fields[1]).toBe('инструмент автоматизации');
    // What the user does in Anki's browser: Change Note Type (the note keeps its id, its fields map by name, its mod is now).
    Object.assign(old, { ...v2, fields: ['<div class="crumb">CI › Термины</div>Ansible', 'инструмент автоматизации', '', ''], mod: Math.floor(Date.now() / 1000) + 60 });
    const run = await sync();
    expect(run.code).toBe(0);
    expect(anki.notes.get(old.id)!.fields).toEqual(['система управления конфигурацией', 'Ansible', 'CI › Термины', 'DevOps/ci.md:9']);
    expect(anki.notes.size).toBe(8);
  });

  it("moves a note's cards when its deck changes (an import never moves cards)", async () => {
    writeVault();
    expect((await sync()).code).toBe(0);
    const cardsBefore = [...anki.notes.values()].flatMap((n) => n.cards.map((c) => c.id)).sort();
    writeNote('Python/types.md', 'Типы', PYTHON, 'Языки::Python');
    const run = await sync();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Языки::Python: 0 added, 0 updated, 4 moved, 0 deleted');
    const python = [...anki.notes.values()].filter((n) => n.cards[0]!.deck === 'Языки::Python');
    expect(python).toHaveLength(4);
    expect([...anki.notes.values()].flatMap((n) => n.cards.map((c) => c.id)).sort()).toEqual(cardsBefore);
  });

  it('moves the cards of decks per note (deck: note) into the folder decks of the default, same notes and cards', async () => {
    writeVault();
    writeNote('DevOps/cd.md', 'CD', { ArgoCD: 'доставка из git' });
    writeFileSync(join(notes, '.flashmark.yml'), 'deck: note\n');
    expect((await sync()).code).toBe(0);
    const decks = () => [...new Set([...anki.notes.values()].flatMap((n) => n.cards.map((c) => c.deck)))].sort();
    expect(decks()).toEqual(['DevOps::CD', 'DevOps::CI', 'Python::Типы']);
    const cardsOfNotes = () => [...anki.notes.values()].map((n) => [n.id, n.guid, ...n.cards.map((c) => c.id)]).sort();
    const before = cardsOfNotes();
    rmSync(join(notes, '.flashmark.yml'));
    const run = await sync();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('DevOps: 0 added, 0 updated, 5 moved, 0 deleted');
    expect(run.stdout).toContain('Python: 0 added, 0 updated, 4 moved, 0 deleted');
    expect(decks()).toEqual(['DevOps', 'Python']);
    expect(cardsOfNotes()).toEqual(before);
    expect(anki.received.filter((r) => r.action === 'deleteNotes')).toHaveLength(0);
    expect(anki.problems).toEqual([]);
  });

  it("deletes a removed card's note, and leaves a note made in Anki by hand alone", async () => {
    writeVault();
    const mine = anki.addHandMadeNote('Моя карточка', 'мой ответ');
    expect((await sync()).code).toBe(0);
    // The last term, so no other card's line (in its source field) changes.
    const { Terraform: _gone, ...rest } = DEVOPS;
    writeNote('DevOps/ci.md', 'CI', rest);
    const run = await sync();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('DevOps: 0 added, 0 updated, 1 deleted');
    expect(asked()).not.toContain('Terraform');
    expect(anki.notes.size).toBe(8); // 7 of flashmark's and the hand-made one
    expect(anki.notes.get(mine.id)).toEqual(mine);
    const deleted = anki.received.filter((r) => r.action === 'deleteNotes').flatMap((r) => r.params['notes'] as number[]);
    expect(deleted).toHaveLength(1);
    expect(deleted).not.toContain(mine.id);
    expect(anki.problems).toEqual([]);
  });

  it('puts back a note the user deleted in Anki, and forgets one deleted on both sides', async () => {
    writeVault();
    expect((await sync()).code).toBe(0);
    const tuple = noteOf('tuple')!;
    const set = noteOf('set')!;
    anki.notes.delete(tuple.id);
    anki.notes.delete(set.id);
    const { set: _gone, ...rest } = PYTHON;
    writeNote('Python/types.md', 'Типы', rest);
    const run = await sync();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Python: 1 added, 0 updated, 0 deleted');
    expect(anki.byGuid(tuple.guid)).toBeDefined();
    expect(anki.byGuid(set.guid)).toBeUndefined();
    expect(anki.received.filter((r) => r.action === 'deleteNotes')).toHaveLength(0);
  });

  it('refuses with one line when Anki is not running, and builds nothing', async () => {
    writeVault();
    const url = anki.url;
    await anki.stop();
    const run = await flashmark(['sync', notes, '-o', join(dir, 'decks'), '--anki-url', url]);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^flashmark: Anki is not running, or the AnkiConnect add-on is not installed/);
    expect(existsSync(join(dir, 'decks'))).toBe(false);
  });

  it('refuses a wrong key and a missing one; takes the key from the environment', async () => {
    writeVault();
    anki.apiKey = 'secret';
    const wrong = await sync('--anki-key', 'guess');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/refused the API key/);
    const missing = await sync();
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/asks for its API key: give it with --anki-key or the FLASHMARK_ANKI_KEY environment variable/);
    expect(anki.notes.size).toBe(0);
    const right = await flashmark(['sync', notes, '-o', join(dir, 'decks'), '--anki-url', anki.url], { FLASHMARK_ANKI_KEY: 'secret' });
    expect(right.code).toBe(0);
    expect(anki.notes.size).toBe(8);
    expect(anki.problems).toEqual([]);
  });

  it('sends no key when none is given (the add-on refuses any key when it has none)', async () => {
    writeVault();
    const run = await sync('--anki-key', 'unneeded');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/refused the API key/);
    expect((await sync()).code).toBe(0);
  });

  it('refuses an AnkiConnect too old to speak version 6', async () => {
    writeVault();
    anki.apiVersion = 5;
    const run = await sync();
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim()).toMatch(/^flashmark: AnkiConnect at .* is too old \(API version 5, flashmark needs 6\); update the add-on$/);
  });

  it('refuses to delete more than a quarter of its notes without --allow-deletes, touching nothing', async () => {
    writeVault();
    expect((await sync()).code).toBe(0);
    rmSync(join(notes, 'Python'), { recursive: true });
    const writes = anki.writes().length;
    const refused = await sync();
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/would delete 4 of the 8 notes flashmark made in Anki \(50%.*--allow-deletes/);
    expect(anki.writes()).toHaveLength(writes);
    expect(anki.notes.size).toBe(8);
    const allowed = await sync('--allow-deletes');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('Python: 0 added, 0 updated, 4 deleted');
    expect(anki.notes.size).toBe(4);
  });

  it('reports what was applied when Anki fails half-way, and the next sync completes the rest', async () => {
    writeVault();
    anki.failOn('importPackage', 2);
    const broken = await sync();
    expect(broken.code).not.toBe(0);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toMatch(/Anki failed during the sync \(database is locked\); 4 changes applied before it, run sync again to finish/);
    expect(broken.stdout).toContain('DevOps: 4 added');
    expect(anki.notes.size).toBe(4);
    const retry = await sync();
    expect(retry.code).toBe(0);
    expect(retry.stdout).toContain('Python: 4 added, 0 updated, 0 deleted');
    expect(retry.stdout).toContain('4 unchanged');
    expect(anki.notes.size).toBe(8);
    expect(new Set([...anki.notes.values()].map((n) => n.guid)).size).toBe(8);
  });

  it('--dry-run says what would change and changes nothing in Anki', async () => {
    writeVault();
    const run = await sync('--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('DevOps: 4 added');
    expect(run.stdout).toContain('dry run, nothing changed in Anki; would make: 8 added, 0 updated, 0 deleted, 0 unchanged');
    expect(anki.writes()).toEqual([]);
    expect(anki.notes.size).toBe(0);
    expect((await sync()).stdout).toContain('8 added');
  });

  it('--json prints the changes per deck and the totals', async () => {
    writeVault();
    const run = await sync('--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { decks: { deck: string; added: number }[]; added: number; deleted: number; dryRun: boolean };
    expect(result.added).toBe(8);
    expect(result.deleted).toBe(0);
    expect(result.dryRun).toBe(false);
    expect(result.decks.map((d) => [d.deck, d.added])).toEqual([
      ['DevOps', 4],
      ['Python', 4],
    ]);
  });

  it('keeps the packages it imports in the output folder', async () => {
    writeVault();
    expect((await sync()).code).toBe(0);
    expect(readdirSync(join(dir, 'decks')).sort()).toEqual(['DevOps.apkg', 'Python.apkg']);
  });
});
