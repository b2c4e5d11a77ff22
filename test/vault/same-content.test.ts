import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPackageNotes } from '../../src/anki/read.js';
import type { Card, DroppedCard } from '../../src/card.js';

const main = join(import.meta.dirname, '../../dist/cli/main.js');
const env = { ...process.env, TZ: 'UTC', FLASHMARK_NOW: '' };
const NOW = '2026-03-02T09:00';

function run(args: string[], input = '') {
  const result = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', env, input });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flashmark-same-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const COPIED = '| `getAlertType()` | Получает тип окна (Alert, Confirm, Prompt) |';
const QUESTION = 'Получает тип окна (Alert, Confirm, Prompt)';

/** `Locators/api.md` first in vault order, then `Theory/selenium.md` with the copied row: two packages. */
function theory(withCopiedRow: boolean): string {
  return [
    '# Selenium',
    '',
    '## Alert',
    '',
    '| Метод | Что делает |',
    '|---|---|',
    // The copy's white space differs: what the learner sees is the same.
    ...(withCopiedRow ? ['| `getAlertType()` | Получает   тип окна (Alert, Confirm,\tPrompt) |'] : []),
    '| `accept()` | Нажимает OK в окне |',
    '| `dismiss()` | Нажимает Отмена в окне |',
    '',
  ].join('\n');
}

function vault(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'Locators'));
  mkdirSync(join(dir, 'Theory'));
  // Same question, another answer (`sendKeys()`), and same answer, another question (`accept()`): not repeats.
  const api = ['# Selenium API', '', '## Окна', '', '| Метод | Что делает |', '|---|---|', COPIED, '| `accept()` | Подтверждает окно |', '| `sendKeys()` | Нажимает OK в окне |', ''];
  writeFileSync(join(dir, 'Locators', 'api.md'), api.join('\n'));
  writeFileSync(join(dir, 'Theory', 'selenium.md'), theory(true));
  return dir;
}

const cardsOf = (dir: string, ...args: string[]): Card[] => JSON.parse(run(['cards', dir, '--json', ...args])) as Card[];
const droppedOf = (dir: string, ...args: string[]): DroppedCard[] => JSON.parse(run(['cards', dir, '--dropped', '--json', ...args])) as DroppedCard[];
const seen = (html: string): string => html.replace(/\s+/g, ' ');
const asking = (cards: readonly Pick<Card, 'front' | 'source'>[]): string[] => cards.filter((card) => seen(card.front).endsWith(QUESTION)).map((card) => card.source.file);

/** The questions (first field) of each package the build wrote, by file name. */
function packaged(out: string, ...files: string[]): Record<string, string[]> {
  return Object.fromEntries(files.map((file) => [file, readPackageNotes(readFileSync(join(out, file))).map((note) => seen(Object.values(note.fields)[0]!))]));
}

function build(dir: string, out: string, state: string): string {
  return run(['build', dir, '-o', out, '--state', state, '--now', NOW]);
}

describe('a card that repeats an earlier note’s question and answer', () => {
  it('is made once, by the first note in vault order, in cards, the package and review; the copy is listed as dropped', () => {
    const dir = vault();
    const cards = cardsOf(dir);
    expect(asking(cards)).toEqual(['Locators/api.md']);
    // Same question with another answer, same answer with another question: both notes keep theirs.
    expect(cards.filter((card) => card.front.endsWith('Нажимает OK в окне')).map((card) => card.source.file)).toEqual(['Locators/api.md', 'Theory/selenium.md']);
    expect(cards.filter((card) => card.back.includes('accept()')).map((card) => card.source.file)).toEqual(['Locators/api.md', 'Theory/selenium.md']);
    expect(cards).toHaveLength(5);

    const text = run(['cards', dir]);
    expect(text.split(QUESTION)).toHaveLength(2);
    const dropped = droppedOf(dir).filter((candidate) => candidate.reason === 'duplicate');
    expect(dropped).toEqual([
      expect.objectContaining({ rule: 'table', source: { file: 'Theory/selenium.md', line: 7 }, duplicateOf: { file: 'Locators/api.md', line: 7 } }),
    ]);
    expect(run(['cards', dir, '--dropped'])).toContain('duplicate  (table, Theory/selenium.md:7; first in Locators/api.md:7)');
    const summary = JSON.parse(run(['cards', dir, '--summary', '--json'])) as { cards: number; dropped: Record<string, number> };
    expect(summary.cards).toBe(5);
    expect(summary.dropped['duplicate']).toBe(1);

    const out = join(tempDir(), 'decks');
    build(dir, out, join(tempDir(), 'state.db'));
    const packages = packaged(out, 'Locators.apkg', 'Theory.apkg');
    expect(packages['Locators.apkg']).toContain(QUESTION);
    expect(packages['Theory.apkg']).not.toContain(QUESTION);
    expect(packages['Theory.apkg']).toHaveLength(2);

    const state = join(tempDir(), 'state.db');
    expect(run(['stats', dir, '--state', state, '--now', NOW])).toMatch(/new 5 /);
    expect(run(['review', dir, '--state', state, '--now', NOW], '\n4\n'.repeat(8))).toContain('Reviewed 5 cards');
  });

  it('comes back in the next build and listing once the first note no longer has it, and goes again when it does', () => {
    const dir = vault();
    const out = join(tempDir(), 'decks');
    const state = join(tempDir(), 'state.db');
    build(dir, out, state);
    expect(asking(cardsOf(dir, '--state', state))).toEqual(['Locators/api.md']);

    // The first note loses its copy: only its package changed, yet the other note's card comes back.
    writeFileSync(join(dir, 'Locators', 'api.md'), '# Selenium API\n\n## Окна\n\n| Метод | Что делает |\n|---|---|\n| `accept()` | Подтверждает окно |\n');
    build(dir, out, state);
    expect(packaged(out, 'Theory.apkg')['Theory.apkg']).toContain(QUESTION);
    expect(asking(cardsOf(dir, '--state', state))).toEqual(['Theory/selenium.md']);
    expect(droppedOf(dir, '--state', state).filter((candidate) => candidate.reason === 'duplicate')).toEqual([]);

    // A new note before it in vault order copies the row again: the card leaves the unchanged package.
    mkdirSync(join(dir, 'Cheats'));
    writeFileSync(join(dir, 'Cheats', 'alert.md'), `# Alert\n\n| Метод | Что делает |\n|---|---|\n${COPIED}\n`);
    build(dir, out, state);
    expect(packaged(out, 'Theory.apkg')['Theory.apkg']).not.toContain(QUESTION);
    expect(asking(cardsOf(dir, '--state', state))).toEqual(['Cheats/alert.md']);

    // Its whole folder gone, and with it its package: the card is back where it was.
    rmSync(join(dir, 'Cheats'), { recursive: true });
    build(dir, out, state);
    expect(packaged(out, 'Theory.apkg')['Theory.apkg']).toContain(QUESTION);
    writeFileSync(join(dir, 'Cheats.md'), `# Alert\n\n| Метод | Что делает |\n|---|---|\n${COPIED}\n`);
    build(dir, out, state);
    expect(packaged(out, 'Theory.apkg')['Theory.apkg']).not.toContain(QUESTION);
    expect(asking(cardsOf(dir, '--state', state))).toEqual(['Cheats.md']);

    // A build from scratch (no cache, no build history) makes the same packages.
    const fresh = join(tempDir(), 'decks');
    build(dir, fresh, join(tempDir(), 'state.db'));
    const files = ['Cheats.apkg', 'Locators.apkg', 'Theory.apkg'];
    expect(packaged(out, ...files)).toEqual(packaged(fresh, ...files));
    expect(cardsOf(dir, '--state', state)).toEqual(cardsOf(dir));
  });

  it('stays made once when only one of the two notes\' packages is rebuilt, for an edit of another note beside either', () => {
    const dir = vault();
    writeFileSync(join(dir, 'Locators', 'other.md'), '# Other\n\n- **Kafka**: брокер сообщений.\n');
    writeFileSync(join(dir, 'Theory', 'misc.md'), '# Misc\n\n- **Redis**: хранилище ключ-значение.\n');
    const out = join(tempDir(), 'decks');
    const state = join(tempDir(), 'state.db');
    build(dir, out, state);
    // Only the package that drops the copy is rebuilt: it still drops it, the other note having it first.
    writeFileSync(join(dir, 'Theory', 'misc.md'), '# Misc\n\n- **Redis**: хранилище ключ-значение в памяти.\n');
    build(dir, out, state);
    expect(packaged(out, 'Theory.apkg')['Theory.apkg']).not.toContain(QUESTION);
    // Only the package that makes the card is rebuilt: it still makes it.
    writeFileSync(join(dir, 'Locators', 'other.md'), '# Other\n\n- **Kafka**: брокер сообщений и журнал.\n');
    build(dir, out, state);
    const files = ['Locators.apkg', 'Theory.apkg'];
    expect(packaged(out, 'Locators.apkg')['Locators.apkg']).toContain(QUESTION);
    const fresh = join(tempDir(), 'decks');
    build(dir, fresh, join(tempDir(), 'state.db'));
    expect(packaged(out, ...files)).toEqual(packaged(fresh, ...files));
  });

  it('is kept with the setting `keep: duplicate`', () => {
    const dir = vault();
    writeFileSync(join(dir, '.flashmark.yml'), 'keep: duplicate\n');
    expect(asking(cardsOf(dir))).toEqual(['Locators/api.md', 'Theory/selenium.md']);
    expect(droppedOf(dir).filter((candidate) => candidate.reason === 'duplicate')).toEqual([]);
    const out = join(tempDir(), 'decks');
    build(dir, out, join(tempDir(), 'state.db'));
    expect(packaged(out, 'Theory.apkg')['Theory.apkg']).toContain(QUESTION);
  });
});
