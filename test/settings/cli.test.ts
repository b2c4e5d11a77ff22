import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPackageNotes } from '../../src/anki/index.js';
import type { Card } from '../../src/card.js';
import type { VaultSummary } from '../../src/summary/index.js';

const main = join(import.meta.dirname, '../../dist/cli/main.js');
const fixtureVault = join(import.meta.dirname, '../fixtures/settings/vault');

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FLASHMARK_NOW: '' } });
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flashmark-settings-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A vault in a temp folder with these files (and `.flashmark.yml` when `settings` is given). */
function vault(files: Record<string, string | Uint8Array>, settings?: string): string {
  const dir = join(tempDir(), 'My notes');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  if (settings !== undefined) writeFileSync(join(dir, '.flashmark.yml'), settings);
  return dir;
}

function cardsOf(dir: string): Card[] {
  const result = run(['cards', dir, '--json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Card[];
}

const cells = `# Cells

## Organelles

- **Mitochondrion**: makes the cell's energy.

The **nucleus** holds the genome.

## Kinds

- Prokaryotic
- Eukaryotic

| Cell | Size |
|---|---|
| Neuron | up to 1 m |
`;

const notes = {
  'Biology/Cells.md': cells,
  'Biology/Plants/Leaf.md': '# Leaf\n\n**Chlorophyll**: the green pigment.\n',
  'Templates/Daily.md': '# Daily\n\n**Mood**: fine.\n',
  'Journal/Daily/2024-01-01.md': '# Monday\n\n**Weather**: rain.\n',
  'Drawings/idea.excalidraw.md': '# Excalidraw Data\n\n**Text Elements**: Cell\n',
};

describe('vault settings through the binary', () => {
  it('an ignored folder, pattern or file name makes no card; the same notes make cards without the setting', () => {
    const files = (cards: Card[]) => [...new Set(cards.map((c) => c.source.file))].sort();
    expect(files(cardsOf(vault(notes)))).toEqual(['Biology/Cells.md', 'Biology/Plants/Leaf.md', 'Drawings/idea.excalidraw.md', 'Journal/Daily/2024-01-01.md', 'Templates/Daily.md']);
    const dir = vault(notes, 'ignore:\n  - Templates/\n  - Daily\n  - "*.excalidraw.md"\n');
    expect(files(cardsOf(dir))).toEqual(['Biology/Cells.md', 'Biology/Plants/Leaf.md']);
    expect(files(cardsOf(vault(notes, 'ignore: Biology/Plants\n')))).toEqual(['Biology/Cells.md', 'Drawings/idea.excalidraw.md', 'Journal/Daily/2024-01-01.md', 'Templates/Daily.md']);
  });

  it('dot folders are never read, settings or not', () => {
    const dir = vault({ ...notes, '.obsidian/snippet.md': '**Hidden**: yes.\n', '.trash/old.md': '**Gone**: yes.\n', 'Biology/.drafts/x.md': '**Draft**: yes.\n' });
    expect(cardsOf(dir).filter((c) => /Hidden|Gone|Draft/.test(c.front))).toEqual([]);
  });

  it('a note with "flashmark: false" in its front matter makes no card; other notes still do', () => {
    const optOut = `---\nflashmark: false\ntags: [x]\n---\n${cells}`;
    const cards = cardsOf(vault({ 'Biology/Cells.md': optOut, 'Biology/Plants/Leaf.md': notes['Biology/Plants/Leaf.md'] }));
    expect(cards.map((c) => c.source.file)).toEqual(['Biology/Plants/Leaf.md']);
    const kept = cardsOf(vault({ 'Biology/Cells.md': optOut.replace('false', 'true') }));
    expect(kept.length).toBeGreaterThan(3);
  });

  it('a "flashmark:" front matter value other than true, false or a set of choices is a warning naming the note, and the note is still read', () => {
    const result = run(['cards', vault({ 'Biology/Cells.md': `---\nflashmark: maybe\n---\n${cells}` }), '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("flashmark: warning: Biology/Cells.md: front matter 'flashmark' should be true, false or a set of choices (keep, exclude); ignored\n");
    expect((JSON.parse(result.stdout) as Card[]).length).toBeGreaterThan(3);
  });

  it('rules: a list runs only those rules, a mapping turns single rules off', () => {
    const all = cardsOf(vault({ 'Biology/Cells.md': cells }));
    expect([...new Set(all.map((c) => c.rule))].sort()).toEqual(['bold', 'definition', 'list', 'table']);
    const tableOnly = cardsOf(vault({ 'Biology/Cells.md': cells }, 'rules: [table]\n'));
    expect(tableOnly.map((c) => c.rule)).toEqual(['table']);
    const noBold = cardsOf(vault({ 'Biology/Cells.md': cells }, 'rules:\n  bold: false\n'));
    expect([...new Set(noBold.map((c) => c.rule))].sort()).toEqual(['definition', 'list', 'table']);
    expect(noBold.length).toBe(all.length - 1);
  });

  it('deck: the folders by default (top notes in the notes folder\'s deck), a deck per note, the title only, one deck, or all under a parent deck; front matter deck wins', () => {
    const files = {
      'Biology/Plants/Leaf.md': notes['Biology/Plants/Leaf.md'],
      'Biology/Plants/Root.md': '# Root\n\n**Term**: text.\n',
      'Loose.md': '# Loose\n\n**Loose term**: text.\n',
      'Own.md': '---\ndeck: Mine::Own\n---\n**Own term**: text.\n',
    };
    const decks = (settings?: string) => cardsOf(vault(files, settings)).map((c) => c.deck);
    expect(decks()).toEqual(['Biology::Plants', 'Biology::Plants', 'My notes', 'Mine::Own']);
    expect(decks('deck: folder\n')).toEqual(['Biology::Plants', 'Biology::Plants', 'My notes', 'Mine::Own']);
    expect(decks('deck: note\n')).toEqual(['Biology::Plants::Leaf', 'Biology::Plants::Root', 'Loose', 'Mine::Own']);
    expect(decks('deck: title\n')).toEqual(['Leaf', 'Root', 'Loose', 'Mine::Own']);
    expect(decks('deck: { scheme: single, name: "QA" }\n')).toEqual(['QA', 'QA', 'QA', 'Mine::Own']);
    expect(decks('deck: single\n')).toEqual(['My notes', 'My notes', 'My notes', 'Mine::Own']);
    expect(decks('deck:\n  scheme: folder\n  name: Study\n')).toEqual(['Study::Biology::Plants', 'Study::Biology::Plants', 'Study', 'Mine::Own']);
    expect(decks('deck: { scheme: note, name: Study }\n')).toEqual(['Study::Biology::Plants::Leaf', 'Study::Biology::Plants::Root', 'Study::Loose', 'Mine::Own']);
  });

  it('deck: a flat notes folder is one deck, named after the folder', () => {
    const flat = { 'Alpha.md': '# Alpha\n\n**One**: 1.\n', 'Beta.md': '# Beta\n\n**Two**: 2.\n', 'Gamma.md': '# Gamma\n\n**Three**: 3.\n' };
    expect(cardsOf(vault(flat)).map((c) => c.deck)).toEqual(['My notes', 'My notes', 'My notes']);
  });

  it('deck: a change of scheme changes no card\'s identity: same ids, guids and note ids in the packages, and the study progress stays', () => {
    const dir = vault({ 'Biology/Plants/Leaf.md': '# Leaf\n\n**Chlorophyll**: the green pigment.\n\n**Stoma**: a pore.\n', 'Loose.md': '# Loose\n\n**Term**: text.\n' });
    const out = join(tempDir(), 'decks');
    const packaged = () => {
      const result = run(['build', dir, '-o', out, '--now', '2026-03-02T10:00']);
      expect(result.status, result.stderr).toBe(0);
      return readdirSync(out).sort().flatMap((file) => readPackageNotes(readFileSync(join(out, file))).map((n) => ({ file, guid: n.guid, id: n.id, deck: n.deck })));
    };
    const progress = () => {
      const result = run(['stats', dir, '--json', '--now', '2026-03-02T12:00']);
      expect(result.status, result.stderr).toBe(0);
      const { new: fresh, learning, young } = JSON.parse(result.stdout) as { new: number; learning: number; young: number };
      return { new: fresh, learning, young };
    };
    const byDefault = packaged();
    expect(byDefault.map((n) => n.deck)).toEqual(['Biology::Plants', 'Biology::Plants', 'My notes']);
    const ids = cardsOf(dir).map((c) => c.id);
    const session = run(['review', dir, '--now', '2026-03-02T11:00', '--new', '2'], '\n5\n'.repeat(2));
    expect(session.status, session.stderr).toBe(0);
    const studied = progress();
    expect(studied.new).toBe(1);

    writeFileSync(join(dir, '.flashmark.yml'), 'deck: note\n');
    const perNote = packaged();
    expect(perNote.map((n) => n.deck)).toEqual(['Biology::Plants::Leaf', 'Biology::Plants::Leaf', 'Loose']);
    expect(perNote.map(({ deck: _deck, ...identity }) => identity)).toEqual(byDefault.map(({ deck: _deck, ...identity }) => identity));
    expect(cardsOf(dir).map((c) => c.id)).toEqual(ids);
    expect(progress()).toEqual(studied);
  });

  it('review.new sets the daily new-card limit and --new still overrides it', () => {
    const three = { 'a.md': '# A\n\n**One**: 1.\n\n**Two**: 2.\n\n**Three**: 3.\n' };
    const session = (dir: string, ...extra: string[]) => run(['review', dir, '--now', '2026-03-01T10:00', ...extra], '\n5\n'.repeat(3));
    const limited = session(vault(three, 'review: { new: 1 }\n'));
    expect(limited.status).toBe(0);
    expect(limited.stdout).toContain('Reviewed 1 card,');
    expect(session(vault(three, 'review: { new: 1 }\n'), '--new', '2').stdout).toContain('Reviewed 2 cards,');
    expect(session(vault(three)).stdout).toContain('Reviewed 3 cards,');
  });

  it('review.rollover sets the hour a study day starts, for stats too; --rollover still overrides it', () => {
    const today = (settings?: string, ...extra: string[]) => {
      const result = run(['stats', vault({ 'a.md': '**One**: 1.\n' }, settings), '--json', '--days', '1', '--now', '2026-03-02T02:00', ...extra]);
      expect(result.status).toBe(0);
      return (JSON.parse(result.stdout) as { forecast: { date: string }[] }).forecast[0]?.date;
    };
    expect(today()).toBe('2026-03-01');
    expect(today('review: { rollover: 0 }\n')).toBe('2026-03-02');
    expect(today('review: { rollover: 0 }\n', '--rollover', '4')).toBe('2026-03-01');
  });

  it('a settings change reaches an incremental build: the cached cards of unchanged notes are not reused', () => {
    const dir = vault({ 'Biology/Cells.md': cells });
    const out = join(tempDir(), 'decks');
    const build = () => buildReport(dir, out);
    const first = build().packages[0];
    writeFileSync(join(dir, '.flashmark.yml'), 'rules: [table]\n');
    const second = build().packages[0];
    expect(second?.notes).toBe(1);
    expect(second?.removed).toBe((first?.notes ?? 0) - 1);
  });

  it('exclude reaches an incremental build too: the excluded cards leave the package, the others stay', () => {
    const dir = vault({ 'Biology/Cells.md': cells });
    const out = join(tempDir(), 'decks');
    const build = () => buildReport(dir, out);
    const first = build().packages[0];
    writeFileSync(join(dir, '.flashmark.yml'), 'exclude:\n  headings: [Kinds]\n  terms: [Neuron]\n');
    const second = build().packages[0];
    // The Kinds list and the Neuron row go; the definition and the bold cloze stay as they were.
    expect(second?.removed).toBe(2);
    expect(second?.notes).toBe((first?.notes ?? 0) - 2);
    expect(second?.unchanged).toBe(second?.notes);
  });
});

/** The report of `build --json` of the vault `dir` into `out`, which must succeed. */
function buildReport(dir: string, out: string): { packages: { notes: number; removed: number; unchanged: number }[] } {
  const result = run(['build', dir, '-o', out, '--json']);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { packages: { notes: number; removed: number; unchanged: number }[] };
}

/** Path → SHA-1 of every file below `dir` (empty when it does not exist). */
function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name] = createHash('sha1').update(readFileSync(path)).digest('hex');
  }
  return out;
}

describe('a bad settings file', () => {
  const bad: [string, string, RegExp][] = [
    ['unknown key', 'rulez: [bold]\n', /\.flashmark\.yml: unknown setting "rulez"/],
    ['wrong type', 'rules: [bold]\nreview:\n  new: lots\n', /\.flashmark\.yml: "review\.new" should be a whole number/],
    ['invalid YAML', 'ignore: [Templates\nrules: [bold]\n', /\.flashmark\.yml: invalid YAML at line 2/],
  ];

  it.each(bad)('(%s) stops every command with one line naming the file and the key; nothing is written', (_kind, text, message) => {
    const dir = vault({ 'Biology/Cells.md': cells }, text);
    const out = join(tempDir(), 'decks');
    for (const args of [['cards', dir], ['cards', dir, '--summary'], ['build', dir, '-o', out], ['review', dir], ['stats', dir]]) {
      const result = run(args, 'q\n');
      expect(result.status, args.join(' ')).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/^flashmark: [^\n]*\n$/);
      expect(result.stderr).toContain(join(basename(dir), '.flashmark.yml'));
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, '.flashmark'))).toBe(false);
  });

  it('leaves an earlier build, its packages and the study database exactly as they were', () => {
    const dir = vault({ 'Biology/Cells.md': cells, 'Chemistry.md': '# Chemistry\n\n**Acid**: gives up protons.\n' });
    const out = join(tempDir(), 'decks');
    expect(run(['build', dir, '-o', out]).status).toBe(0);
    expect(run(['review', dir, '--now', '2026-03-01T10:00'], '\n5\nq\n').status).toBe(0);
    const before = { decks: snapshot(out), state: snapshot(join(dir, '.flashmark')) };
    expect(Object.keys(before.decks).sort()).toEqual(['Biology.apkg', 'Chemistry.apkg']);
    writeFileSync(join(dir, 'Chemistry.md'), '# Chemistry\n\n**Acid**: gives up protons.\n\n**Base**: takes them.\n');
    writeFileSync(join(dir, '.flashmark.yml'), 'deck: { scheme: single, nme: QA }\n');
    for (const args of [['build', dir, '-o', out], ['review', dir, '--now', '2026-03-02T10:00'], ['stats', dir]]) {
      const result = run(args, '\n5\nq\n');
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/^flashmark: .*\/\.flashmark\.yml: unknown setting "deck\.nme" \(known: deck\.scheme, deck\.name\)\n$/);
    }
    expect({ decks: snapshot(out), state: snapshot(join(dir, '.flashmark')) }).toEqual(before);
  });
});

describe('flashmark cards --summary', () => {
  /** The fixture vault, plus the notes a repository should not hold: not UTF-8, binary, too big. */
  function summaryVault(): string {
    const dir = join(tempDir(), 'vault');
    cpSync(fixtureVault, dir, { recursive: true });
    writeFileSync(join(dir, 'Inbox/latin1.md'), Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x2a, 0x2a, 0x78, 0x2a, 0x2a, 0x0a]));
    writeFileSync(join(dir, 'Inbox/picture.md'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'Inbox/huge.md'), `# Huge\n\n${'Some **bold** words.\n\n'.repeat(250_000)}`);
    return dir;
  }

  it('shows cards per rule and per file, and each skipped note with its reason', () => {
    const result = run(['cards', summaryVault(), '--summary']);
    expect(result.status).toBe(0);
    const text = result.stdout;
    expect(text).toMatch(/^14 notes: 3 make 9 cards \(10 in Anki\), 11 make none\.\n/);
    expect(text).toMatch(/Cards per rule:\n {2}bold +1\n {2}definition +5\n {2}list +1\n {2}table +2\n/);
    expect(text).toContain('  6  Biology/Cells.md  (bold 1, definition 2, list 1, table 2)\n');
    expect(text).toContain('  2  Chemistry.md  (definition 2)\n');
    expect(text).toContain('  1  Site/index.md  (definition 1)\n');
    const skipped = text.slice(text.indexOf('Skipped:\n') + 'Skipped:\n'.length, text.indexOf('\n\n"no cards"')).split('\n');
    expect(skipped).toEqual([
      '  Biology/Draft.md: opted out (flashmark: false)',
      '  Drawings/sketch.excalidraw.md: ignored by settings (*.excalidraw.md)',
      '  Inbox/contents.md: no cards',
      '  Inbox/empty.md: empty',
      expect.stringMatching(/^ {2}Inbox\/huge\.md: too big \(\d+\.\d MB, limit 4\.0 MB\)$/),
      '  Inbox/latin1.md: not UTF-8 text (save it as UTF-8)',
      '  Inbox/meeting.md: template or site code (<% tp.file.title %>)',
      '  Inbox/picture.md: binary file (contains NUL bytes)',
      '  Inbox/properties.md: front matter only',
      '  Site/page.md: site code (MDX statements and components only)',
      '  Templates/Daily.md: ignored by settings (Templates/)',
    ]);
  });

  it('--json gives the same figures as data, decks included', () => {
    const result = run(['cards', summaryVault(), '--summary', '--json']);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as VaultSummary;
    expect(summary).toMatchObject({ notes: 14, cards: 9, ankiCards: 10, rules: { bold: 1, definition: 5, list: 1, table: 2 }, rulesOff: [] });
    expect(summary.files).toEqual([
      { file: 'Biology/Cells.md', cards: 6, rules: { bold: 1, definition: 2, list: 1, table: 2 } },
      { file: 'Chemistry.md', cards: 2, rules: { definition: 2 } },
      { file: 'Site/index.md', cards: 1, rules: { definition: 1 } },
    ]);
    expect(summary.decks).toEqual([
      { deck: 'Biology', cards: 6 },
      { deck: 'Site', cards: 1 },
      // Chemistry.md, at the top of the notes folder (named vault here).
      { deck: 'vault', cards: 2 },
    ]);
    expect(summary.skipped.map((s) => s.file)).toContain('Templates/Daily.md');
  });

  it('says which rules the settings turned off', () => {
    const dir = summaryVault();
    writeFileSync(join(dir, '.flashmark.yml'), 'rules: { table: false, list: false }\n');
    const text = run(['cards', dir, '--summary']).stdout;
    expect(text).toMatch(/ {2}list +0 {2}\(off in settings\)\n {2}table +0 {2}\(off in settings\)\n/);
    expect(text).toContain('Templates/Daily.md: no cards'.replace('no cards', 'template or site code ({{date:YYYY-MM-DD}})'));
  });
});

describe('template and site code', () => {
  it('makes no junk cards: placeholders skip the note, MDX statements are left out, code is not mistaken for either', () => {
    const dir = vault({
      'daily-template.md': '---\ntitle: "{{title}}"\n---\n**Date**: {{date:YYYY-MM-DD}}\n\n## Tasks\n\n- **Mood**: mood\n',
      'jekyll.md': '{% include header.html %}\n\n**Layout**: default\n',
      'hugo.md': '# {{ .Title }}\n\n**Summary**: {{ .Summary }}\n',
      'docs.md': "import Tabs from '@theme/Tabs';\nexport const toc = [];\n\n# Docs\n\n**Cache**: a fast store.\n",
      'postman.md': '# Postman\n\nVariables look like `{{baseUrl}}`:\n\n```js\nimport x from "y";\nconst t = "{{title}}";\n```\n\n**Environment**: a set of variables.\n',
      'anki-style.md': '# Anki\n\nThe {{c1::mitochondrion}} makes energy; **ATP**: the energy carrier.\n',
    });
    const cards = cardsOf(dir);
    const byFile = (file: string) => cards.filter((c) => c.source.file === file).map((c) => c.front.replace(/<[^>]+>/g, ' '));
    expect(byFile('daily-template.md')).toEqual([]);
    expect(byFile('jekyll.md')).toEqual([]);
    expect(byFile('hugo.md')).toEqual([]);
    expect(byFile('docs.md')).toHaveLength(1);
    expect(byFile('docs.md')[0]).toContain('Cache');
    expect(cards.some((c) => /import|export/.test(c.front + c.back))).toBe(false);
    expect(byFile('postman.md').join()).toContain('Environment');
    expect(byFile('anki-style.md').join()).toContain('ATP');
  });
});
