import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { editNoteText, generateVault } from '../../bench/generate.js';
import { loadVault } from '../../src/vault/load.js';
import { ExtractionCache, cacheFingerprint } from '../../src/vault/cache.js';
import { startLoadingVault, type LoadOptions } from '../../src/vault/incremental.js';
import { PARALLEL_MIN_BYTES } from '../../src/vault/pool.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'dist', 'cli', 'main.js');

function build(vault: string, decks: string, now: string): { parsed: number; packages: { key: string; written: boolean }[] } {
  const run = spawnSync(process.execPath, [cli, 'build', vault, '-o', decks, '--now', now, '--json'], { encoding: 'utf8' });
  expect(run.stderr).not.toMatch(/unexpected|Error:/);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as { parsed: number; packages: { key: string; written: boolean }[] };
}

const packageBytes = (decks: string): Map<string, Buffer> =>
  new Map(readdirSync(decks).filter((f) => f.endsWith('.apkg')).sort().map((f) => [f, readFileSync(join(decks, f))]));

/** A top-level note with an image, to see an image change reach its package. */
const IMAGE_NOTE = '# Diagrams\n\n## Схемы\n\n- **Pipeline**: ![pipeline](pics/pipeline.png) стадии сборки\n';

/** A note whose cards keep their identity wherever it goes (its front matter `id`). */
const KEPT_NOTE = '---\nid: kept-note\n---\n# Kept\n\n- **Canary**: a release to a few users first\n';

describe('incremental builds', () => {
  it('give the same packages, byte for byte, as builds that parse every note, through edits, renames and deletions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-incremental-'));
    const incremental = join(dir, 'incremental');
    const clean = join(dir, 'clean');
    const { files } = generateVault(join(incremental, 'notes'), { notes: 24, seed: 7 });
    const otherPackage = files.map((f) => f.split('/')[0]!).find((top) => files[15]!.startsWith(`${top}/`) === false && files.some((f) => f.startsWith(`${top}/`)))!;
    const notTesting = files.map((f) => f.split('/')[0]!).find((top) => top !== 'Testing' && files.some((f) => f.startsWith(`${top}/`)))!;
    mkdirSync(join(incremental, 'notes', 'pics'));
    writeFileSync(join(incremental, 'notes', 'pics', 'pipeline.png'), Buffer.from('89504e470d0a1a0a0001', 'hex'));
    writeFileSync(join(incremental, 'notes', 'diagrams.md'), IMAGE_NOTE);
    cpSync(incremental, clean, { recursive: true });

    const steps: [string, (notes: string) => void][] = [
      ['first build', () => {}],
      ['nothing changed', () => {}],
      ['an answer edited', (notes) => writeFileSync(join(notes, files[3]!), editNoteText(readFileSync(join(notes, files[3]!), 'utf8'), 1))],
      ['a note renamed in its folder', (notes) => renameSync(join(notes, files[10]!), join(notes, files[10]!.replace(/\.md$/, ' (renamed).md')))],
      ['a note moved to another package', (notes) => renameSync(join(notes, files[15]!), join(notes, otherPackage, 'moved here.md'))],
      ['a note deleted', (notes) => rmSync(join(notes, files[18]!))],
      ['an image changed', (notes) => writeFileSync(join(notes, 'pics', 'pipeline.png'), Buffer.from('89504e470d0a1a0a0002', 'hex'))],
      ['a whole package deleted', (notes) => rmSync(join(notes, files[5]!))], // a top-level note is a package of its own
      ['a new note', (notes) => writeFileSync(join(notes, 'Testing', 'new.md'), '# Новое\n\n- **Smoke**: быстрая проверка сборки\n')],
      // Its cards are retired in Testing; when they come back elsewhere, with Testing carried over unbuilt,
      // they must get their note ids again, as the clean side (which loads the whole history) gives them.
      ['a note with a front matter id', (notes) => writeFileSync(join(notes, 'Testing', 'kept.md'), KEPT_NOTE)],
      ['that note deleted', (notes) => rmSync(join(notes, 'Testing', 'kept.md'))],
      ['that note back, in another package', (notes) => writeFileSync(join(notes, notTesting, 'back.md'), KEPT_NOTE)],
    ];
    steps.forEach(([step, change], i) => {
      const now = `2026-03-${String(i + 1).padStart(2, '0')}T10:00:00Z`;
      change(join(incremental, 'notes'));
      change(join(clean, 'notes'));
      // The clean side keeps the build history (ids and mods) but loses the cache: every note is parsed.
      // Except on a rename or move: a build finds the gone note's cards in the cache (the renamed note
      // keeps them), and without it makes new ones; both sides must follow the rename alike.
      if (!/renamed|moved/.test(step)) rmSync(join(clean, 'notes', '.flashmark', 'state.cache.db'), { force: true });
      const a = build(join(incremental, 'notes'), join(incremental, 'decks'), now);
      build(join(clean, 'notes'), join(clean, 'decks'), now);
      expect(packageBytes(join(incremental, 'decks')), step).toEqual(packageBytes(join(clean, 'decks')));
      if (step === 'nothing changed') {
        expect(a.parsed, step).toBe(0);
        expect(a.packages.filter((p) => p.written), step).toEqual([]);
      }
      if (step === 'an answer edited') expect(a.parsed, step).toBe(1);
    });
    expect(existsSync(join(incremental, 'decks', 'diagrams.apkg'))).toBe(true);
  }, 300_000); // 24 runs of the binary on a busy 2-core machine

  it('rebuild a package a new note takes a card from, as a build that parses every note does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-incremental-'));
    const sides = ['incremental', 'clean'].map((side) => join(dir, side));
    const note = '---\nid: shared-note\n---\n# Сеть\n\n- **TCP**: надёжная доставка\n- **UDP**: без гарантий\n';
    for (const side of sides) {
      mkdirSync(join(side, 'notes', 'Net'), { recursive: true });
      mkdirSync(join(side, 'notes', 'Testing'));
      writeFileSync(join(side, 'notes', 'Net', 'protocols.md'), note);
      writeFileSync(join(side, 'notes', 'Testing', 'smoke.md'), '# Smoke\n\n- **Smoke**: быстрая проверка сборки\n');
      build(join(side, 'notes'), join(side, 'decks'), '2026-03-01T10:00:00Z');
      // A copy of the note, front matter id and all, in another package: its cards' identities are those of Net's.
      writeFileSync(join(side, 'notes', 'Testing', 'copy.md'), note.replace('без гарантий', 'без подтверждений'));
    }
    rmSync(join(sides[1]!, 'notes', '.flashmark', 'state.cache.db'));
    const [incremental, clean] = sides.map((side) => build(join(side, 'notes'), join(side, 'decks'), '2026-03-02T10:00:00Z'));
    expect(incremental!.parsed).toBe(1);
    expect(incremental!.packages.map((p) => [p.key, p.written])).toEqual(clean!.packages.map((p) => [p.key, p.written]));
    expect(packageBytes(join(sides[0]!, 'decks'))).toEqual(packageBytes(join(sides[1]!, 'decks')));
  });

  it('gives the same card JSON as loading every note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-incremental-'));
    const notes = join(dir, 'notes');
    const { files } = generateVault(notes, { notes: 40, seed: 3 });
    const cache = ExtractionCache.open(join(dir, 'cache.db'), cacheFingerprint('test', {}));
    try {
      const load = async (options: LoadOptions) => {
        const vault = await startLoadingVault(notes, options);
        await vault.extraction;
        return vault;
      };
      const cards = async (): Promise<unknown> => (await load({ cache, threads: 1 })).notes.map((n) => n.result());
      const first = await cards();
      expect(first).toEqual((await loadVault(notes)).notes);
      writeFileSync(join(notes, files[5]!), editNoteText(readFileSync(join(notes, files[5]!), 'utf8'), 2));
      rmSync(join(notes, files[6]!));
      const again = await load({ cache, threads: 1 });
      expect(again.extracted).toBe(1);
      expect(again.notes.map((n) => n.result())).toEqual((await loadVault(notes)).notes);
    } finally {
      cache.close();
    }
  });

  it('reads notes on worker threads as loadVault reads them: a BOM dropped, binary and non-UTF-8 notes left out with a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-incremental-'));
    const notes = join(dir, 'notes');
    const { files } = generateVault(notes, { notes: 150, seed: 8 });
    expect(files.reduce((sum, f) => sum + readFileSync(join(notes, f)).length, 0)).toBeGreaterThan(PARALLEL_MIN_BYTES); // workers start
    writeFileSync(join(notes, 'bom.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\ntags: [кеш]\n---\n**Кеш** хранит ответы рядом.\n')]));
    writeFileSync(join(notes, 'latin1.md'), Buffer.from('**Caf\xe9** au lait.\n', 'latin1'));
    writeFileSync(join(notes, 'nul.md'), Buffer.from('**Term**\0 is here.\n'));
    const cache = ExtractionCache.open(join(dir, 'cache.db'), cacheFingerprint('test', {}));
    try {
      const vault = await startLoadingVault(notes, { cache, threads: 2 });
      await vault.extraction;
      const serial = await loadVault(notes);

      expect(vault.notes.map((n) => n.result())).toEqual(serial.notes);
      expect(vault.warnings).toEqual(serial.warnings);
      expect(vault.warnings).toEqual([
        { file: 'latin1.md', message: 'not UTF-8 text; skipped (save it as UTF-8)', kind: 'unreadable' },
        { file: 'nul.md', message: 'binary file (contains NUL bytes); skipped', kind: 'unreadable' },
      ]);
      const bom = vault.notes.find((n) => n.file === 'bom.md')!.result();
      // Its front matter is read as front matter: only without the BOM does the note start with `---`.
      expect(bom.cards.map((c) => [c.front, c.tags])).toEqual([['<div class="crumb">Bom</div>{{c1::Кеш}} хранит ответы рядом.', ['кеш']]]);
    } finally {
      cache.close();
    }
  });
});
