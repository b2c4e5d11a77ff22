import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { notesOf, openApkg } from '../anki/apkg.js';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function flashmark(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input, env: { ...process.env, FLASHMARK_NOW: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
let notes: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flashmark-renames-'));
  notes = join(dir, 'notes');
  out = join(dir, 'decks');
});

const LINUX = `# Linux tools

- **grep**: searches text for a pattern
- **sed**: edits a stream of text
- **awk**: processes text by columns
- **find**: walks a directory tree

The **kernel** manages the hardware.
`;

function write(file: string, text: string): void {
  mkdirSync(dirname(join(notes, file)), { recursive: true });
  writeFileSync(join(notes, file), text);
}

function move(from: string, to: string): void {
  mkdirSync(dirname(join(notes, to)), { recursive: true });
  renameSync(join(notes, from), join(notes, to));
}

function build(now: string) {
  const run = flashmark(['build', notes, '-o', out, '--now', now, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { renamed: { from: string; to: string; cards: number }[]; retiredWithHistory: { file: string; ids: string[] }[] };
}

/** guid → note id of every note in the packages just built. */
function published(...packages: string[]): Map<string, { id: number; mod: number }> {
  const all = new Map<string, { id: number; mod: number }>();
  for (const pkg of packages) {
    for (const n of notesOf(openApkg(readFileSync(join(out, `${pkg}.apkg`))).db)) all.set(n.guid, { id: n.id, mod: n.mod });
  }
  return all;
}

/** Studies every card due or new today, grading each 4 (line input: Enter shows the answer, 4 grades). */
function studyAll(now: string, cards: number): void {
  const run = flashmark(['review', notes, '--now', now], '\n4\n'.repeat(cards) + 'q\n');
  expect(run.code, run.stderr).toBe(0);
}

function stats(now: string): { new: number; young: number; retired: number } {
  const run = flashmark(['stats', notes, '--now', now, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { new: number; young: number; retired: number };
}

/** A package built after the change, imported into Anki, updates the notes already there: every guid with its note id. */
function expectSameNotes(before: Map<string, { id: number; mod: number }>, after: Map<string, { id: number; mod: number }>): void {
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [guid, note] of before) expect(after.get(guid)!.id).toBe(note.id);
}

describe('renamed and moved notes keep their cards', () => {
  it('a rename keeps the guids, note ids and study history', () => {
    write('DevOps/linux.md', LINUX);
    build('2026-03-01T09:00');
    const before = published('DevOps');
    studyAll('2026-03-01T09:00', 5);
    expect(stats('2026-03-01T10:00')).toMatchObject({ new: 0, young: 5, retired: 0 });

    move('DevOps/linux.md', 'DevOps/devops.md');
    const report = build('2026-03-02T09:00');
    expect(report.renamed).toEqual([{ from: 'DevOps/linux.md', to: 'DevOps/devops.md', cards: 5 }]);
    expect(report.retiredWithHistory).toEqual([]);
    expectSameNotes(before, published('DevOps'));
    expect(stats('2026-03-02T10:00')).toMatchObject({ new: 0, young: 5, retired: 0 });
  });

  it('a move to another folder keeps them, and the new package updates the notes in Anki', () => {
    write('DevOps/linux.md', LINUX);
    write('other.md', '# Other\n\n- **ls**: lists a folder\n');
    build('2026-03-01T09:00');
    const before = published('DevOps');
    studyAll('2026-03-01T09:00', 6);

    move('DevOps/linux.md', 'Systems/tools/linux.md');
    const text = flashmark(['build', notes, '-o', out, '--now', '2026-03-02T09:00']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('renamed: DevOps/linux.md -> Systems/tools/linux.md (5 cards kept with their history)');
    expect(text.stderr).toBe('');
    expectSameNotes(before, published('Systems'));
    expect(stats('2026-03-02T10:00')).toMatchObject({ new: 0, young: 6, retired: 0 });
  });

  it('a file name turned from NFC into NFD keeps them', () => {
    const nfc = 'Алгоритмы/Сортировка й.md'.normalize('NFC');
    write(nfc, LINUX);
    build('2026-03-01T09:00');
    const before = published('Алгоритмы');
    studyAll('2026-03-01T09:00', 5);

    rmSync(join(notes, nfc));
    write(nfc.normalize('NFD'), LINUX);
    // Paths are read in NFC, so the note is the same note (no rename to follow) and nothing is retired.
    const report = build('2026-03-02T09:00');
    expect(report.retiredWithHistory).toEqual([]);
    expectSameNotes(before, published('Алгоритмы'));
    expect(stats('2026-03-02T10:00')).toMatchObject({ new: 0, young: 5, retired: 0 });
  });

  it('an edit with the rename keeps the cards whose cue is unchanged, answers edited included', () => {
    write('linux.md', LINUX);
    build('2026-03-01T09:00');
    const before = published('linux');
    studyAll('2026-03-01T09:00', 5);

    rmSync(join(notes, 'linux.md'));
    write('unix.md', LINUX.replace('searches text for a pattern', 'prints lines matching a pattern').replace('- **find**: walks a directory tree\n', '- **xargs**: builds command lines\n'));
    const report = build('2026-03-02T09:00');
    expect(report.renamed).toEqual([{ from: 'linux.md', to: 'unix.md', cards: 4 }]);
    const after = published('unix');
    const kept = [...before.keys()].filter((guid) => after.has(guid));
    expect(kept).toHaveLength(4);
    for (const guid of kept) expect(after.get(guid)!.id).toBe(before.get(guid)!.id);
    expect(report.retiredWithHistory.map((r) => [r.file, r.ids.length])).toEqual([['linux.md', 1]]);
    expect(stats('2026-03-02T10:00')).toMatchObject({ new: 1, young: 4, retired: 1 });
  });

  it('a note split in two keeps every card in the half it went to', () => {
    write('linux.md', LINUX);
    build('2026-03-01T09:00');
    const before = published('linux');
    studyAll('2026-03-01T09:00', 5);

    rmSync(join(notes, 'linux.md'));
    const [head, tail] = LINUX.split('- **awk**');
    write('search.md', `${head}`);
    write('process.md', `# Processing\n\n- **awk**${tail}`);
    const report = build('2026-03-02T09:00');
    expect(report.renamed.map((r) => [r.from, r.to, r.cards]).sort()).toEqual([
      ['linux.md', 'process.md', 3],
      ['linux.md', 'search.md', 2],
    ]);
    expectSameNotes(before, published('search', 'process'));
    expect(stats('2026-03-02T10:00')).toMatchObject({ new: 0, young: 5, retired: 0 });
  });

  it('renamed before a review session: the session keeps the progress, and the next build the guids', () => {
    write('linux.md', LINUX);
    build('2026-03-01T09:00');
    const before = published('linux');
    studyAll('2026-03-01T09:00', 5);
    move('linux.md', 'tools.md');
    expect(stats('2026-03-02T10:00')).toMatchObject({ new: 0, young: 5, retired: 0 });
    build('2026-03-02T11:00');
    expectSameNotes(before, published('tools'));
  });

  it('says which notes lost cards with review history, one line each, and lists them with --json', () => {
    write('linux.md', LINUX);
    write('net.md', '# Net\n\n- **ping**: checks a host answers\n- **dig**: asks DNS\n');
    write('spare.md', '# Spare\n\n- **tee**: copies a stream\n');
    build('2026-03-01T09:00');
    studyAll('2026-03-01T09:00', 7);
    write('spare.md', '# Spare\n\n- **tee**: copies a stream\n- **yes**: repeats a line\n');

    rmSync(join(notes, 'linux.md'));
    write('net.md', '# Net\n\n- **ping**: checks a host answers\n');
    const text = flashmark(['build', notes, '-o', out, '--now', '2026-03-02T09:00']);
    expect(text.code).toBe(0);
    expect(text.stderr.trim().split('\n')).toEqual([
      'flashmark: warning: linux.md: 5 cards with review history retired (no note makes them now; the answers stay in the study database)',
      'flashmark: warning: net.md: 1 card with review history retired (no note makes it now; the answers stay in the study database)',
    ]);

    write('net.md', '# Net\n\n');
    const json = build('2026-03-03T09:00');
    expect(json.retiredWithHistory).toEqual([{ file: 'net.md', ids: [expect.stringMatching(/^[0-9a-f]{16}$/)] }]);
  });
});
