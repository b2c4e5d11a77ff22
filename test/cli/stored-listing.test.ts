import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ListingWriter, listingKey, openStoredListing } from '../../src/vault/stored-listing.js';
import { CLI, CLI_ENV, NOW, generatedVault, removeTempDirs, run, tempDir } from './generated-vault.js';

afterAll(removeTempDirs);

const SAME_ID = '---\nid: shared\n---\n# Тема\n\n- **альфа** «\\»: первое "значение"\n';

/** Generated notes, two with one front-matter id (the second's card is skipped with a warning) and one with a note warning; its study database made by a review. */
function studiedVault(): string {
  const dir = generatedVault({ notes: 30, seed: 11 }, { 'Bio/same-a.md': SAME_ID, 'Bio/same-b.md': SAME_ID });
  const review = run('review', dir, '--now', NOW);
  expect(review.status, review.stderr).toBe(0);
  return dir;
}

const listingFile = (dir: string): string => join(dir, '.flashmark', 'state.cards.cache');

/** `cards --json` as a run that parses every note prints it: a study database that does not exist has no cache beside it. */
function uncached(dir: string) {
  const result = run('cards', dir, '--json', '--state', join(tempDir(), 'none.db'));
  expect(result.status, result.stderr).toBe(0);
  return result;
}

/** The notes' files, without the tool's folder: a listing of the vault's notes. */
function noteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.md'));
}

/** Adds a card to a note, as an editor's save would (a new file). */
function edit(path: string, term: string): void {
  const text = `${readFileSync(path, 'utf8')}\n## Added\n\n- **${term}**: a term the edit adds to the note.\n`;
  rmSync(path);
  writeFileSync(path, text);
}

describe('cards --json with the listing it stored', () => {
  it('prints what a run without any cache prints, byte for byte, on stdout and stderr, however the notes change between runs', () => {
    const dir = studiedVault();
    const check = (what: string): void => {
      const expected = uncached(dir);
      for (const cached of [run('cards', dir, '--json'), run('cards', dir, '--json')]) {
        expect(cached.status, `${what}: ${cached.stderr}`).toBe(0);
        expect(cached.stdout, what).toBe(expected.stdout);
        expect(cached.stderr, what).toBe(expected.stderr);
      }
      expect(existsSync(listingFile(dir)), what).toBe(true);
    };
    check('unchanged');
    expect(run('cards', dir, '--json').stderr).toMatch(/Bio\/same-b\.md: line \d+: same card identity as a card in Bio\/same-a\.md; skipped/);

    const [first, second] = noteFiles(dir).filter((file) => !file.startsWith('Bio'));
    edit(join(dir, first!), 'Mitochondrion');
    check('a note changed');
    expect(run('cards', dir, '--json').stdout).toContain('Mitochondrion');

    renameSync(join(dir, second!), join(dir, 'Bio', 'renamed.md'));
    check('a note renamed');

    // A copy of a note into another: its cards are that note's, so only the first of the two keeps them.
    copyFileSync(join(dir, first!), join(dir, 'Bio', 'a-copy.md'));
    check('a note duplicated into another');

    // The earlier of the two notes with one id goes: the other's card is no longer skipped.
    rmSync(join(dir, 'Bio', 'same-a.md'));
    check('a note deleted');
    expect(run('cards', dir, '--json').stderr).not.toMatch(/same card identity/);

    writeFileSync(join(dir, '.flashmark.yml'), 'keep: duplicate\n');
    check('repeated cards kept');
  });

  it('prints afresh and stores again a listing that is damaged, and does without one where it cannot be stored', () => {
    const dir = studiedVault();
    const expected = uncached(dir);
    expect(run('cards', dir, '--json').stdout).toBe(expected.stdout);
    const size = statSync(listingFile(dir)).size;
    truncateSync(listingFile(dir), size - 10);
    const afterCut = run('cards', dir, '--json');
    expect(afterCut.stdout).toBe(expected.stdout);
    expect(statSync(listingFile(dir)).size).toBe(size);

    // A folder where the listing goes: nothing stored, nothing refused, no temporary file left.
    rmSync(listingFile(dir));
    mkdirSync(listingFile(dir));
    for (let round = 0; round < 2; round++) {
      const listed = run('cards', dir, '--json');
      expect(listed.status, listed.stderr).toBe(0);
      expect(listed.stdout).toBe(expected.stdout);
      expect(listed.stderr).toBe(expected.stderr);
    }
    expect(readdirSync(join(dir, '.flashmark')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('cards --json stopped before its listing is whole', () => {
  const tempFiles = (dir: string): string[] => readdirSync(join(dir, '.flashmark')).filter((name) => name.endsWith('.tmp'));

  it('leaves no temporary file when its reader closes the pipe early, and removes those of runs killed while writing', async () => {
    const dir = studiedVault();
    const child = spawn(process.execPath, [CLI, 'cards', dir, '--json'], { env: CLI_ENV, stdio: ['ignore', 'pipe', 'ignore'] });
    // The listing is far longer than a pipe holds: the reader goes before it is printed, as `| head` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(tempFiles(dir)).toEqual([]);
    expect(existsSync(listingFile(dir))).toBe(false);

    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const abandoned = join(dir, '.flashmark', `.state.cards.cache.${gone}.1700000000000.tmp`);
    writeFileSync(abandoned, '[\n');
    expect(run('cards', dir, '--json').stdout).toBe(uncached(dir).stdout);
    expect(tempFiles(dir)).toEqual([]);
    expect(existsSync(listingFile(dir))).toBe(true);
  });
});

describe('the stored listing', () => {
  const warnings = [{ file: 'a.md', message: 'front matter: "quoted" – ünïcode', kind: 'skipped' as const }];

  function store(path: string, key: string, chunks: string[]): void {
    const writer = ListingWriter.start(path, key)!;
    for (const chunk of chunks) writer.add(Buffer.from(chunk));
    writer.finish(warnings);
    writer.abandon();
  }

  function readBack(path: string, key: string): { text: string; warnings: unknown } | undefined {
    const listing = openStoredListing(path, key);
    if (!listing) return undefined;
    try {
      // Each chunk is valid until the next is asked for: copied.
      const chunks: Buffer[] = [];
      for (const chunk of listing.chunks()) chunks.push(Buffer.from(chunk));
      return { text: Buffer.concat(chunks).toString('utf8'), warnings: listing.warnings };
    } finally {
      listing.close();
    }
  }

  it('gives back the text and warnings stored, for its key only', () => {
    const path = join(tempDir(), 'state.cards.cache');
    const key = listingKey('digest-a', false);
    const long = 'x'.repeat(3 * 1024 * 1024 + 7);
    store(path, key, ['[\n', 'карта', long, '\n]\n']);
    const back = readBack(path, key);
    expect(back?.warnings).toEqual(warnings);
    // Compared as a whole, not printed: a difference in megabytes of text is no use on the screen.
    expect(back?.text.length).toBe(long.length + 10);
    expect(back?.text === `[\nкарта${long}\n]\n`).toBe(true);
    expect(readBack(path, listingKey('digest-b', false))).toBeUndefined();
    expect(readBack(path, listingKey('digest-a', true))).toBeUndefined();
    expect(readdirSync(join(path, '..'))).toEqual(['state.cards.cache']);
  });

  it('is not given back when it is not whole, and a listing left unfinished is not stored', () => {
    const dir = tempDir();
    const path = join(dir, 'state.cards.cache');
    const key = listingKey('digest', false);
    store(path, key, ['[]\n']);
    const bytes = readFileSync(path);
    writeFileSync(path, Buffer.concat([bytes, Buffer.from(' ')]));
    expect(readBack(path, key)).toBeUndefined();
    writeFileSync(path, bytes.subarray(0, bytes.length - 1));
    expect(readBack(path, key)).toBeUndefined();
    rmSync(path);

    const writer = ListingWriter.start(path, key)!;
    writer.add(Buffer.from('[\n'));
    writer.abandon();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reads nothing from a FIFO at its path, without waiting for a writer', () => {
    const dir = tempDir();
    const fifo = join(dir, 'state.cards.cache');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(openStoredListing(fifo, listingKey('digest', false))).toBeUndefined();
    expect(ListingWriter.start(fifo, listingKey('digest', false))).toBeUndefined();
  });
});
