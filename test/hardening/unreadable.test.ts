// Unreadable is not gone: a note or folder the build cannot read keeps its package as the last build left it.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asNobody, CANNOT_DENY, canDeny, cli, dropsRoot, env, NOBODY, removeTempDirs, tempDir, type Run } from './helpers.js';

afterAll(removeTempDirs);

/** The study database beside the notes: an empty (or missing) notes folder still has its build history. */
function build(notes: string, out: string): Run {
  return asBuildUser(['build', notes, '-o', out, '--state', join(notes, '..', 'state.db'), '--now', '2026-03-01T09:00']);
}

/** `flashmark ARGS` as the user the builds run as (nobody, when the tests run as root). */
function asBuildUser(flashmarkArgs: string[], input = ''): Run {
  const args = [cli, ...flashmarkArgs];
  const [command, ...argv] = dropsRoot ? asNobody([process.execPath, ...args]) : [process.execPath, ...args];
  const result = spawnSync(command as string, argv, { encoding: 'utf8', env, input, timeout: 120_000 });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** A vault of a folder package and a top-level note package, built once; the folders open to the build's user. */
function builtVault(name: string): { notes: string; out: string; git: string; top: string } {
  const dir = tempDir(name);
  chmodSync(dir, 0o777);
  const notes = join(dir, 'notes');
  const out = join(dir, 'decks');
  mkdirSync(join(notes, 'Git'), { recursive: true });
  mkdirSync(out);
  writeFileSync(join(notes, 'Git', 'basics.md'), '# Git\n\n- **commit**: a snapshot\n- **branch**: a pointer\n');
  writeFileSync(join(notes, 'Git', 'more.md'), '# More\n\n- **tag**: a name\n');
  writeFileSync(join(notes, 'Top.md'), '# Top\n\n- **alpha**: first\n');
  if (dropsRoot) spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, notes, out]);
  const first = build(notes, out);
  expect(first.code, first.stderr).toBe(0);
  return { notes, out, git: join(out, 'Git.apkg'), top: join(out, 'Top.apkg') };
}

function expectKept(run: Run, files: string[], before: Map<string, Buffer>): void {
  expect(run.code, run.stdout + run.stderr).not.toBe(0);
  expect(run.stdout).not.toMatch(/notes are gone/);
  expect(run.stderr).toMatch(/^flashmark: .*kept as the last build left/m);
  for (const file of files) expect(readFileSync(file).equals(before.get(file)!), `${file} changed`).toBe(true);
}

const snapshot = (...files: string[]): Map<string, Buffer> => new Map(files.map((f) => [f, readFileSync(f)]));

describe('a build that cannot read part of the notes', () => {
  it.skipIf(!canDeny)('keeps the package of an unreadable folder and of an unreadable top-level note, warns, exits non-zero', () => {
    const { notes, out, git, top } = builtVault('unreadable');
    const before = snapshot(git, top);
    chmodSync(join(notes, 'Git'), 0o000);
    chmodSync(join(notes, 'Top.md'), 0o000);
    const run = build(notes, out);
    expect(run.stderr).toMatch(/warning: Git: folder not readable \(EACCES\)/);
    expect(run.stderr).toMatch(/warning: Top\.md: not readable \(EACCES\)/);
    expectKept(run, [git, top], before);
    // Readable again: the same packages, nothing rewritten, nothing counted as removed.
    chmodSync(join(notes, 'Git'), 0o755);
    chmodSync(join(notes, 'Top.md'), 0o644);
    const again = build(notes, out);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Git\.apkg: 3 notes .*0 removed.*not rewritten/);
    expect(again.stdout).toMatch(/Top\.apkg: 1 note .*0 removed.*not rewritten/);
  });
  if (!canDeny) it.skip(CANNOT_DENY, () => undefined);

  it('keeps the package of a half-written top-level note (cut inside a character); the other notes of a folder still build', () => {
    const { notes, out, git, top } = builtVault('half-written');
    const before = snapshot(git, top);
    const text = Buffer.from('# Top\n\n- **alpha**: first ü\n');
    writeFileSync(join(notes, 'Top.md'), text.subarray(0, text.length - 2));
    const cut = Buffer.from('# More\n\n- **tag**: a näme\n');
    writeFileSync(join(notes, 'Git', 'more.md'), cut.subarray(0, cut.indexOf('ä') + 1));
    const run = build(notes, out);
    expect(run.stderr).toMatch(/warning: Top\.md: not UTF-8/);
    expectKept(run, [top], before);
    expect(run.stdout).toMatch(/Top\.apkg: kept as the last build left it: Top\.md could not be read/);
    expect(run.stderr).toMatch(/warning: Git\/more\.md: not UTF-8/);
    expect(run.stdout).toMatch(/Git\.apkg: 2 notes .*1 removed.*written/);
  });

  it('keeps every package when the notes folder holds no note at all (a mount or a sync not there yet)', () => {
    const { notes, out, git, top } = builtVault('empty');
    const before = snapshot(git, top);
    renameSync(notes, `${notes}-away`);
    mkdirSync(notes);
    const run = build(notes, out);
    expectKept(run, [git, top], before);
  });
});

describe('review and stats when part of the notes cannot be read', () => {
  it.skipIf(!canDeny)('keep the cards of an unreadable folder and note as the last sync left them: still due, still asked, history kept', () => {
    const { notes } = builtVault('unreadable-study');
    const state = join(notes, '..', 'state.db');
    const study = (command: string, now: string, input = ''): Run => asBuildUser([command, notes, '--state', state, '--now', now, ...(command === 'stats' ? ['--json'] : [])], input);
    // All four cards answered once: all due the next day.
    const first = study('review', '2026-03-01T09:00', '\n4\n'.repeat(4));
    expect(first.stdout.match(/^saved 4/gm), first.stderr).toHaveLength(4);
    chmodSync(join(notes, 'Git'), 0o000);
    chmodSync(join(notes, 'Top.md'), 0o000);
    const stats = study('stats', '2026-03-02T09:00');
    expect(stats.code, stats.stderr).toBe(0);
    expect(stats.stderr).toMatch(/warning: Git: folder not readable/);
    expect(JSON.parse(stats.stdout)).toMatchObject({ due: 4 });
    const review = study('review', '2026-03-02T09:00', '\n5\n'.repeat(4));
    expect(review.code, review.stderr).toBe(0);
    expect(review.stdout.match(/^saved 5/gm), review.stdout).toHaveLength(4);
    // Readable again: nothing retired or returned, the answers of both days in the history.
    chmodSync(join(notes, 'Git'), 0o755);
    chmodSync(join(notes, 'Top.md'), 0o644);
    const after = study('stats', '2026-03-02T09:00');
    expect(JSON.parse(after.stdout)).toMatchObject({ due: 0, new: 0 });
  });
  if (!canDeny) it.skip(CANNOT_DENY, () => undefined);
});
