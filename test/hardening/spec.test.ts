import spec from 'commonmark-spec';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlText } from '../../src/extract/finish.js';
import { GFM_EXAMPLES } from './gfm-examples.js';
import { apkgFiles, canValidate, cardsOf, crashSigns, flashmark, liveMarkup, packageFields, removeTempDirs, sharedDir, tempDir, validate } from './helpers.js';

afterAll(removeTempDirs);

/** The spec writes tabs as `→`. */
const commonmark = spec.tests.map((t) => ({
  name: `cm-${String(t.number).padStart(3, '0')}`,
  markdown: t.markdown.replace(/→/g, '\t'),
}));

let notes: string;
let out: string;

/**
 * One vault: every CommonMark example as its own note (spec/), every GFM case
 * as its own note (gfm/), and one note holding all of them under headings
 * (everything.md), so the constructs also meet each other.
 */
beforeAll(() => {
  const dir = tempDir('spec');
  notes = join(dir, 'notes');
  out = join(dir, 'decks');
  mkdirSync(join(notes, 'spec'), { recursive: true });
  mkdirSync(join(notes, 'gfm'));
  for (const example of commonmark) writeFileSync(join(notes, 'spec', `${example.name}.md`), example.markdown);
  for (const example of GFM_EXAMPLES) writeFileSync(join(notes, 'gfm', `${example.name}.md`), example.markdown);
  const all = [...commonmark, ...GFM_EXAMPLES].map((e) => `## Example ${e.name}\n\n${e.markdown}`).join('\n\n');
  writeFileSync(join(notes, 'everything.md'), `# Every construct\n\n${all}`);
  // everything.md repeats every example: its cards are asked again in spec/ and gfm/, not left out as copies.
  writeFileSync(join(notes, '.flashmark.yml'), 'keep: [duplicate]\n');
});

/** Each stderr line is a warning naming a note of the vault. */
function expectOnlyNoteWarnings(stderr: string): void {
  for (const line of stderr.split('\n').filter(Boolean)) {
    const file = /^(?:flashmark: )?warning: (.+?\.md): \S/.exec(line)?.[1];
    expect(file, line).toBeDefined();
    expect(existsSync(join(notes, file!)), line).toBe(true);
  }
}

describe('every CommonMark spec example and GFM case, as notes', () => {
  it('has the whole example set', () => {
    expect(commonmark.length).toBeGreaterThanOrEqual(650);
    expect(GFM_EXAMPLES.length).toBeGreaterThanOrEqual(25);
  });

  it('flashmark cards lists clean cards for all of them, without a crash', () => {
    const run = flashmark(['cards', notes, '--json']);
    expect(crashSigns(run.stderr), run.stderr).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    expectOnlyNoteWarnings(run.stderr);
    const cards = cardsOf(run.stdout);
    expect(cards.length).toBeGreaterThan(20);
    const files = new Set(cards.map((c) => c.source.file.split('/')[0]));
    expect(files).toEqual(new Set(['spec', 'gfm', 'everything.md']));
    for (const card of cards) {
      expect(liveMarkup(card.front), card.front).toEqual([]);
      expect(liveMarkup(card.back), card.back).toEqual([]);
      const question = htmlText(card.front.replace(/^<div class="crumb">.*?<\/div>/s, ''));
      expect(question, card.front).toMatch(/[\p{L}\p{N}]/u);
      if (card.type === 'basic') expect(htmlText(card.back) !== '' || card.back.includes('<img'), card.front).toBe(true);
      else expect(card.front).toMatch(/\{\{c[1-9]\d*::/);
    }
    // The readable listing goes through the same notes.
    const listing = flashmark(['cards', notes]);
    expect(listing.code).toBe(0);
    expect(crashSigns(listing.stderr)).toEqual([]);
  });

  it('flashmark build writes a package per folder and note that passes the checks, twice', () => {
    const run = flashmark(['build', notes, '-o', out, '--now', '2026-02-01T10:00:00Z']);
    expect(crashSigns(run.stderr), run.stderr).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    expectOnlyNoteWarnings(run.stderr);
    const files = apkgFiles(out);
    expect(files.map((f) => f.slice(out.length + 1))).toEqual(['everything.apkg', 'gfm.apkg', 'spec.apkg']);
    for (const file of files) {
      for (const field of packageFields(file)) expect(liveMarkup(field), `${file}: ${field}`).toEqual([]);
    }
    // A second build of the same notes changes nothing on disk.
    const before = files.map((f) => readFileSync(f));
    const again = flashmark(['build', notes, '-o', out, '--now', '2026-02-02T10:00:00Z']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/; written$/m);
    files.forEach((f, i) => expect(readFileSync(f).equals(before[i]!), f).toBe(true));
  });

  describe.skipIf(!existsSync(sharedDir) || !canValidate)('with ../shared', () => {
    it('every package passes validate-apkg', () => {
      if (apkgFiles(out).length === 0) expect(flashmark(['build', notes, '-o', out, '--now', '2026-02-01T10:00:00Z']).code).toBe(0);
      expect(validate(...apkgFiles(out))).toBe('');
    });
  });
});
