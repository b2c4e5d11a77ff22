// File and folder names as other systems spell them: Unicode NFC and NFD.
import { cpSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cardsOf, flashmark, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

describe('NFC and NFD file names', () => {
  it('a copy whose names are in NFD (macOS, a sync tool) keeps every card id, its package and its history', () => {
    const dir = tempDir('nfd');
    const nfc = join(dir, 'nfc');
    const folder = 'Café'.normalize('NFC');
    const note = 'Crème brûlée.md'.normalize('NFC');
    mkdirSync(join(nfc, folder), { recursive: true });
    writeFileSync(join(nfc, folder, note), '# Dessert\n\n- **custard**: the base\n- **caramel**: the top\n');
    writeFileSync(join(nfc, 'Époque.md'.normalize('NFC')), '# Époque\n\n- **era**: a period\n');
    const state = join(dir, 'state.db');
    const out = join(dir, 'decks');
    const first = flashmark(['build', nfc, '-o', out, '--state', state, '--now', '2026-03-01T09:00']);
    expect(first.code, first.stderr).toBe(0);
    const before = cardsOf(flashmark(['cards', nfc, '--json']).stdout);
    expect(before).toHaveLength(3);

    // The same notes, their names spelled in NFD (e + U+0301), as a copy through macOS leaves them.
    const nfd = join(dir, 'nfd');
    cpSync(nfc, nfd, { recursive: true });
    renameSync(join(nfd, folder, note), join(nfd, folder, note.normalize('NFD')));
    renameSync(join(nfd, folder), join(nfd, folder.normalize('NFD')));
    renameSync(join(nfd, 'Époque.md'.normalize('NFC')), join(nfd, 'Époque.md'.normalize('NFD')));
    expect(readdirSync(nfd)).toContain(folder.normalize('NFD'));
    const after = cardsOf(flashmark(['cards', nfd, '--json']).stdout);
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));

    const second = flashmark(['build', nfd, '-o', out, '--state', state, '--now', '2026-03-02T09:00']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toMatch(/\b[1-9]\d* (added|removed)/);
    expect(second.stdout).not.toMatch(/notes are gone/);
    expect(readdirSync(out).sort()).toEqual([`${folder}.apkg`, `${'Époque'.normalize('NFC')}.apkg`].sort());
  });
});

describe('two notes with one front-matter id', () => {
  it('cards lists, warns about and skips the second as build does', () => {
    const notes = join(tempDir('same-id'), 'notes');
    mkdirSync(notes, { recursive: true });
    writeFileSync(join(notes, 'a.md'), '---\nid: shared\n---\n# A\n\n- **alpha**: first\n');
    writeFileSync(join(notes, 'b.md'), '---\nid: shared\n---\n# A\n\n- **alpha**: first\n');
    const cards = flashmark(['cards', notes, '--json']);
    const build = flashmark(['build', notes, '-o', join(notes, '..', 'decks'), '--state', join(notes, '..', 'state.db')]);
    const ids = cardsOf(cards.stdout).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const skipped = (stderr: string): string[] => stderr.split('\n').filter((line) => line.includes('same card identity'));
    expect(skipped(build.stderr)).toHaveLength(1);
    expect(skipped(cards.stderr)).toEqual(skipped(build.stderr));
  });

  it('review and stats keep the first card and warn as build does: no deletion of the second joins the first', () => {
    const dir = tempDir('same-id-study');
    const notes = join(dir, 'notes');
    mkdirSync(notes);
    // One cue (`The […] protocol talks to the […] server …`), so one card id: a.md's card has one deletion (c1 twice), b.md's two.
    writeFileSync(join(notes, 'a.md'), '---\nid: shared\n---\n# A\n\nThe **alpha** protocol talks to the **alpha** server over a socket.\n');
    writeFileSync(join(notes, 'b.md'), '---\nid: shared\n---\n# A\n\nThe **alpha** protocol talks to the **beta** server over a socket.\n');
    const state = join(dir, 'state.db');
    const build = flashmark(['build', notes, '-o', join(dir, 'decks'), '--state', join(dir, 'build.db')]);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/1 note .* 1 card,/);
    const skipped = (stderr: string): string[] => stderr.split('\n').filter((line) => line.includes('same card identity'));
    expect(skipped(build.stderr)).toEqual(['flashmark: warning: b.md: line 6: same card identity as a card in a.md; skipped']);

    const stats = flashmark(['stats', notes, '--state', state, '--json', '--now', '2026-03-01']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ new: 1 });
    expect(skipped(stats.stderr)).toEqual(skipped(build.stderr));
    // Answering everything there is: one card, from a.md; b.md's `beta` is never asked.
    const review = flashmark(['review', notes, '--state', state, '--now', '2026-03-01'], { input: '\n4\n\n4\n\n4\n' });
    expect(review.code, review.stderr).toBe(0);
    expect(review.stdout.match(/^saved \d/gm)).toHaveLength(1);
    expect(review.stdout).not.toMatch(/beta|b\.md/);
    // The second run reads the synced cards back (the notes did not change): the warning is still given.
    expect(skipped(review.stderr)).toEqual(skipped(build.stderr));
  });
});

describe('control characters in file and folder names', () => {
  it('every line naming them shows them escaped: no escape sequence or newline reaches the terminal', () => {
    const notes = join(tempDir('control'), 'notes');
    const folder = 'Evil\u001b[2J\u001b]0;owned\u0007';
    mkdirSync(join(notes, folder), { recursive: true });
    writeFileSync(join(notes, folder, 'line\nforged: ok.md'), '# Heading\n\n- **term**: meaning\n');
    writeFileSync(join(notes, folder, 'bad\u009b.md'), '---\nid: [unclosed\n---\n# B\n\n- **x**: y\n');
    const runs = [
      flashmark(['cards', notes]),
      flashmark(['build', notes, '-o', join(notes, '..', 'decks'), '--state', join(notes, '..', 'state.db')]),
      flashmark(['stats', notes, '--state', join(notes, '..', 'state.db')]),
    ];
    for (const run of runs) {
      const printed = run.stdout + run.stderr;
      expect(printed).toContain('Evil\\u001b[2J');
      expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(printed).not.toMatch(/^forged: ok/m);
    }
    expect(runs[0]!.stderr).toMatch(/bad\\u009b\.md: front matter is not valid YAML/);
  });
});
