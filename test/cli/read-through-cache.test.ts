import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStudyDatabase, syncCards } from '../../src/study/index.js';
import { loadVault } from '../../src/vault/load.js';
import { readVault } from '../../src/vault/read-vault.js';
import { NOW, generatedVault, removeTempDirs, run, tempDir } from './generated-vault.js';

afterAll(removeTempDirs);

/** A vault of generated notes, one with broken front matter (a note warning), and one that makes one card. */
function vault(): string {
  return generatedVault({ notes: 40, seed: 27 });
}

/** Adds one card to Bio/cells.md, as an edit in an editor would (a new file, a new inode). */
function addCard(dir: string, term: string): void {
  const path = join(dir, 'Bio', 'cells.md');
  const text = `${readFileSync(path, 'utf8')}- **${term}**: does its own job inside a living cell.\n`;
  rmSync(path);
  writeFileSync(path, text);
}

function statsJson(dir: string) {
  const result = run('stats', dir, '--json', '--now', NOW);
  expect(result.status, result.stderr).toBe(0);
  return { ...(JSON.parse(result.stdout) as { new: number; parsed: number }), stderr: result.stderr };
}

function summaryJson(dir: string) {
  const result = run('cards', dir, '--summary', '--json');
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { cards: number; parsed: number };
}

/** How many cards of the study database show `term`. */
function studied(dir: string, term: string): number {
  const db = openStudyDatabase(join(dir, '.flashmark', 'state.db'));
  try {
    return db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM study_card WHERE front LIKE '%' || ? || '%'").get(term)!.n;
  } finally {
    db.close();
  }
}

/** The first review session, which makes the study database (and the cache beside it), parsing every note. */
function firstReview(dir: string, notes = 42): void {
  const review = run('review', dir, '--now', NOW, '--verbose');
  expect(review.status, review.stderr).toBe(0);
  expect(review.stderr).toContain(PARSED(notes));
}

const PARSED = (n: number): string => `flashmark: parsed ${n} note${n === 1 ? '' : 's'} (the others were read from the extraction cache)\n`;
const WARNING = /flashmark: warning: Bio\/broken\.md: /;

describe('cards, review and stats read the notes through the extraction cache', () => {
  it('parse no note of a vault the cache has seen, and still report the notes’ warnings', () => {
    const dir = vault();
    // Before any study database, a read-only command has no cache to use, and makes none.
    const first = statsJson(dir);
    expect(first.parsed).toBe(42);
    expect(first.stderr).toMatch(WARNING);
    expect(summaryJson(dir).parsed).toBe(42);
    expect(existsSync(join(dir, '.flashmark'))).toBe(false);

    firstReview(dir);
    const again = statsJson(dir);
    expect(again.parsed).toBe(0);
    expect(again.new).toBe(first.new);
    expect(again.stderr).toMatch(WARNING);

    const review = run('review', dir, '--now', NOW, '--verbose');
    expect(review.status, review.stderr).toBe(0);
    expect(review.stderr).toContain(PARSED(0));
    expect(review.stderr).toMatch(WARNING);
    expect(review.stdout).toMatch(/new card/);

    expect(summaryJson(dir).parsed).toBe(0);
    const build = run('build', dir, '-o', join(tempDir(), 'decks'), '--json', '--now', NOW);
    expect(build.status, build.stderr).toBe(0);
    expect((JSON.parse(build.stdout) as { parsed: number }).parsed).toBe(0);
  });

  it('give the cards a run without the cache gives, whether the cache is cold or warm', async () => {
    const dir = vault();
    const statePath = join(tempDir(), 'state.db');
    const plain = await loadVault(dir);
    const uncached = await readVault(dir, {}, (v) => ({ notes: v.notes(), warnings: v.warnings, parsed: v.parsed }));
    const cold = await readVault(dir, { statePath }, (v) => ({ notes: v.notes(), warnings: v.warnings, parsed: v.parsed }));
    const warm = await readVault(dir, { statePath }, (v) => ({ notes: v.notes(), warnings: v.warnings, parsed: v.parsed }));
    expect([uncached.parsed, cold.parsed, warm.parsed]).toEqual([42, 42, 0]);
    for (const read of [uncached, cold, warm]) {
      expect(JSON.stringify(read.notes)).toBe(JSON.stringify(plain.notes));
      expect(read.warnings).toEqual(plain.warnings);
    }

    const listed = run('cards', dir, '--json');
    const listedAgain = run('cards', dir, '--json');
    expect(listed.status).toBe(0);
    expect(listedAgain.stdout).toBe(listed.stdout);
    expect(listedAgain.stderr).toBe(listed.stderr);
    expect(JSON.parse(listed.stdout)).toEqual(plain.notes.flatMap((note) => note.cards));
  });

  it('print the same `cards --json`, byte for byte, with the cache as without it, duplicate identities skipped alike', () => {
    const dir = vault();
    // Two notes with one front-matter id: the second's card is skipped with a warning.
    writeFileSync(join(dir, 'Bio', 'same-a.md'), '---\nid: shared\n---\n# Тема\n\n- **альфа** «\\»: первое "значение"\n');
    writeFileSync(join(dir, 'Bio', 'same-b.md'), '---\nid: shared\n---\n# Тема\n\n- **альфа** «\\»: первое "значение"\n');
    const uncached = run('cards', dir, '--json');
    expect(uncached.status, uncached.stderr).toBe(0);
    expect(uncached.stderr).toMatch(/Bio\/same-b\.md: line \d+: same card identity as a card in Bio\/same-a\.md; skipped/);
    const cards = JSON.parse(uncached.stdout) as { id: string }[];
    expect(new Set(cards.map((card) => card.id)).size).toBe(cards.length);
    expect(cards.length).toBeGreaterThan(100);

    firstReview(dir, 44);
    for (const cached of [run('cards', dir, '--json'), run('cards', dir, '--json')]) {
      expect(cached.status, cached.stderr).toBe(0);
      expect(cached.stdout).toBe(uncached.stdout);
      expect(cached.stderr).toBe(uncached.stderr);
    }
    expect(summaryJson(dir).parsed).toBe(0);
  });

  it('re-read a changed note in every command, and that note only', () => {
    const dir = vault();
    firstReview(dir);
    const before = statsJson(dir);

    addCard(dir, 'Golgi');
    const stats = statsJson(dir);
    expect(stats.parsed).toBe(1);
    expect(stats.new).toBe(before.new + 1);

    addCard(dir, 'Vacuole');
    const review = run('review', dir, '--now', NOW, '--verbose');
    expect(review.status, review.stderr).toBe(0);
    expect(review.stderr).toContain(PARSED(1));
    expect(studied(dir, 'Vacuole')).toBe(1);

    addCard(dir, 'Centriole');
    const summary = summaryJson(dir);
    expect(summary.parsed).toBe(1);
    const cards = run('cards', dir, '--json');
    expect(cards.stdout).toContain('Centriole');
    expect(statsJson(dir)).toMatchObject({ parsed: 0, new: before.new + 3 });

    addCard(dir, 'Chloroplast');
    const build = run('build', dir, '-o', join(tempDir(), 'decks'), '--json', '--now', NOW);
    expect((JSON.parse(build.stdout) as { parsed: number }).parsed).toBe(1);
    expect(statsJson(dir)).toMatchObject({ parsed: 0, new: before.new + 4 });
  });

  it('sync the cards again after any other sync of the study database, even of the same notes', () => {
    const dir = vault();
    firstReview(dir);
    const before = statsJson(dir);
    // A program using the library syncs other cards into the same database: the next stats must not trust its last sync.
    const db = openStudyDatabase(join(dir, '.flashmark', 'state.db'));
    syncCards(db, [], new Date('2026-03-02T09:00:00Z'));
    db.close();
    expect(statsJson(dir)).toMatchObject({ parsed: 0, new: before.new });
  });
});
