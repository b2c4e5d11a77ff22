import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateVault } from '../../bench/generate.js';
import { buildVault } from '../../src/build/build-vault.js';
import { PARALLEL_MIN_BYTES } from '../../src/vault/pool.js';
import { UserError } from '../../src/errors.js';
import { openApkg } from '../anki/apkg.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

const packageBytes = (decks: string): Map<string, Buffer> =>
  new Map(readdirSync(decks).filter((f) => f.endsWith('.apkg')).sort().map((f) => [f, readFileSync(join(decks, f))]));

describe('a cold build', () => {
  it('assembles packages while worker threads parse, and writes what a single-threaded build writes, byte for byte', async () => {
    // Workers run the compiled worker in dist/ (built by `npm test`).
    expect(existsSync(join(repo, 'dist', 'vault', 'worker.js'))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-cold-'));
    const notes = join(dir, 'notes');
    const { files } = generateVault(notes, { notes: 150, seed: 5 });
    const bytes = files.reduce((sum, f) => sum + readFileSync(join(notes, f)).length, 0);
    expect(bytes).toBeGreaterThan(PARALLEL_MIN_BYTES); // large enough for the pool to start workers
    const now = new Date('2026-05-01T10:00:00Z');

    const parallel = await buildVault(notes, { outDir: join(dir, 'parallel'), statePath: join(dir, 'p', 'state.db'), now, threads: 2 });
    const serial = await buildVault(notes, { outDir: join(dir, 'serial'), statePath: join(dir, 's', 'state.db'), now, threads: 1 });

    expect(parallel.extracted).toBe(files.length);
    expect(parallel.report.packages.length).toBeGreaterThan(3);
    expect(packageBytes(join(dir, 'parallel'))).toEqual(packageBytes(join(dir, 'serial')));
    const withoutFile = (r: typeof parallel): unknown => ({ ...r.report, outDir: '', packages: r.report.packages.map(({ file: _f, ...p }) => p) });
    expect(withoutFile(parallel)).toEqual(withoutFile(serial));
  }, 60_000);

  it('that fails while the workers parse (-o is a file) reports it, and the parsed notes still reach the cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-cold-'));
    const notes = join(dir, 'notes');
    const { files } = generateVault(notes, { notes: 150, seed: 6 });
    writeFileSync(join(dir, 'decks'), 'a file');
    const statePath = join(dir, 'state', 'state.db');
    const now = new Date('2026-05-01T10:00:00Z');

    await expect(buildVault(notes, { outDir: join(dir, 'decks'), statePath, now, threads: 2 })).rejects.toThrow(UserError);
    expect(readFileSync(join(dir, 'decks'), 'utf8')).toBe('a file');
    const again = await buildVault(notes, { outDir: join(dir, 'out'), statePath, now, threads: 2 });
    expect(again.extracted).toBe(0);
    expect(again.report.packages.reduce((sum, p) => sum + p.notes, 0)).toBeGreaterThan(files.length);
  }, 60_000);
});

describe('an incremental build', () => {
  const now = new Date('2026-05-01T10:00:00Z');
  /** The images packed in a package: file name → bytes. */
  const imagesIn = (apkg: string): Map<string, string> => {
    const { media, files, db } = openApkg(readFileSync(apkg));
    db.close();
    return new Map(Object.entries(media).map(([entry, name]) => [name, Buffer.from(files[entry]!).toString('utf8')]));
  };
  const vaultWithImage = (): { dir: string; notes: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-image-'));
    const notes = join(dir, 'notes');
    mkdirSync(join(notes, 'Biology'), { recursive: true });
    mkdirSync(join(notes, 'attachments'));
    writeFileSync(join(notes, 'Biology', 'cell.md'), '# Cell\n\n- **Nucleus**: holds the DNA. ![[photo.png]]\n');
    return { dir, notes };
  };

  it('packs an edited image found by name in another folder, as a clean build does', async () => {
    const { dir, notes } = vaultWithImage();
    writeFileSync(join(notes, 'attachments', 'photo.png'), 'the first photo');
    const options = { outDir: join(dir, 'decks'), statePath: join(dir, 'state', 'state.db'), now, threads: 1 };
    await buildVault(notes, options);
    expect([...imagesIn(join(dir, 'decks', 'Biology.apkg')).values()]).toEqual(['the first photo']);

    writeFileSync(join(notes, 'attachments', 'photo.png'), 'the second photo, longer');
    const again = await buildVault(notes, options);
    const clean = await buildVault(notes, { ...options, outDir: join(dir, 'clean'), statePath: join(dir, 'clean-state', 'state.db') });

    expect(again.reused).toBe(0);
    expect([...imagesIn(join(dir, 'decks', 'Biology.apkg')).values()]).toEqual(['the second photo, longer']);
    expect(imagesIn(join(dir, 'decks', 'Biology.apkg'))).toEqual(imagesIn(join(dir, 'clean', 'Biology.apkg')));
    expect(clean.report.packages.map((p) => p.media)).toEqual(again.report.packages.map((p) => p.media));
  }, 30_000);

  it('packs an image that was missing once it appears in another folder', async () => {
    const { dir, notes } = vaultWithImage();
    const options = { outDir: join(dir, 'decks'), statePath: join(dir, 'state', 'state.db'), now, threads: 1 };
    await buildVault(notes, options);
    expect(imagesIn(join(dir, 'decks', 'Biology.apkg')).size).toBe(0);

    writeFileSync(join(notes, 'attachments', 'photo.png'), 'a photo at last');
    await buildVault(notes, options);

    expect([...imagesIn(join(dir, 'decks', 'Biology.apkg')).values()]).toEqual(['a photo at last']);
  }, 30_000);
});

describe('the settings of the scan', () => {
  it('editing ignore parses no note again: the extraction cache is keyed by what the cards depend on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-ignore-'));
    const notes = join(dir, 'notes');
    mkdirSync(join(notes, 'Biology'), { recursive: true });
    mkdirSync(join(notes, 'Templates'));
    writeFileSync(join(notes, 'Biology', 'cell.md'), '# Cell\n\n- **Nucleus**: holds the DNA.\n');
    writeFileSync(join(notes, 'Biology', 'leaf.md'), '# Leaf\n\n- **Chlorophyll**: makes leaves green.\n');
    writeFileSync(join(notes, 'Templates', 'daily.md'), '# Daily\n\n- **Mood**: fine.\n');
    const options = { outDir: join(dir, 'decks'), statePath: join(dir, 'state', 'state.db'), now: new Date('2026-05-01T10:00:00Z'), threads: 1 };

    expect((await buildVault(notes, options)).extracted).toBe(3);
    const ignoring = await buildVault(notes, { ...options, extract: { ignore: ['Templates/'] } });
    expect(ignoring.extracted).toBe(0);
    expect(ignoring.report.removedPackages.map((p) => p.key)).toEqual(['Templates']);
    const again = await buildVault(notes, { ...options, extract: { ignore: ['Templates/', 'Biology/leaf.md'] } });
    expect(again.extracted).toBe(0);
    expect(again.report.packages.find((p) => p.key === 'Biology')).toMatchObject({ notes: 1, written: true });
  }, 30_000);
});
