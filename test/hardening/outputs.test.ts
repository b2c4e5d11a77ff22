// Faults at the build's outputs: a disk that fills, a package that cannot be written, special files where a package goes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashSigns, flashmark, removeTempDirs, tempDir, type Run } from './helpers.js';

const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) spawnSync('umount', [dir]);
  removeTempDirs();
});

/** A small file system of its own (tmpfs), so a build can fill it; undefined where mounting is not allowed. */
function smallDisk(name: string, kilobytes: number): string | undefined {
  const dir = join(tempDir(name), 'disk');
  mkdirSync(dir);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k`, 'tmpfs', dir]).status !== 0) return undefined;
  mounted.push(dir);
  return dir;
}
const canMount = ((): boolean => {
  const dir = smallDisk('probe', 64);
  return dir !== undefined;
})();

let notes: string;

/** Four packages of about 75 KB each. */
beforeAll(() => {
  notes = join(tempDir('outputs-notes'), 'notes');
  let seed = 7;
  const word = (): string => ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'][(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 6]!;
  for (let p = 0; p < 4; p++) {
    mkdirSync(join(notes, `P${p}`), { recursive: true });
    for (let n = 0; n < 60; n++) {
      const lines = Array.from({ length: 10 }, (_, i) => `- **term${p}_${n}_${i}**: ${Array.from({ length: 30 }, word).join(' ')}`);
      writeFileSync(join(notes, `P${p}`, `n${n}.md`), `# Note ${n}\n\n${lines.join('\n')}\n`);
    }
  }
});

function expectOneLineFailure(run: Run, names: RegExp): void {
  expect(run.signal, 'the command hung').toBeNull();
  expect(run.code, run.stdout + run.stderr).not.toBe(0);
  expect(crashSigns(run.stderr), run.stderr).toEqual([]);
  const errors = run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('flashmark: warning:'));
  expect(errors, run.stderr).toHaveLength(1);
  expect(errors[0]).toMatch(names);
}

describe('a disk that fills during a build', () => {
  it.skipIf(!canMount)('reports the packages written before the failure, names the one that failed, and finishes them later', () => {
    const disk = smallDisk('full-out', 200)!;
    const out = join(disk, 'decks');
    const state = join(tempDir('full-out-state'), 'state.db');
    const run = flashmark(['build', notes, '-o', out, '--state', state, '--now', '2026-03-01T09:00']);
    expectOneLineFailure(run, /^flashmark: .*P2\.apkg: .*(ENOSPC|no space left)/);
    const written = readdirSync(out).filter((f) => f.endsWith('.apkg')).sort();
    expect(written).toEqual(['P0.apkg', 'P1.apkg']);
    for (const file of written) expect(run.stdout).toMatch(new RegExp(`${file}: 600 notes .*; written`));
    expect(run.stdout).toMatch(/P2\.apkg: not written: .*(ENOSPC|no space left)/);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Room again (a bigger disk): the two written are unchanged, the other two are written now.
    spawnSync('mount', ['-o', 'remount,size=2m', disk]);
    const again = flashmark(['build', notes, '-o', out, '--state', state, '--now', '2026-03-01T09:00']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/P0\.apkg: .*unchanged, not rewritten/);
    expect(again.stdout).toMatch(/P2\.apkg: 600 notes \(600 added.*; written/);
    expect(again.stdout).toMatch(/P3\.apkg: 600 notes \(600 added.*; written/);
  });

  it.skipIf(!canMount)('with the study database and the build cache on it: one line naming the file, at every fill level', () => {
    const disk = smallDisk('full-state', 3072)!;
    for (const freeKb of [120, 600, 1200, 1400, 1700]) {
      for (const name of readdirSync(disk)) rmSync(join(disk, name), { recursive: true, force: true });
      writeFileSync(join(disk, 'filler'), Buffer.alloc((3072 - freeKb) * 1024));
      const out = join(tempDir('full-state-out'), 'decks');
      const run = flashmark(['build', notes, '-o', out, '--state', join(disk, 'state.db'), '--now', '2026-03-01T09:00']);
      if (run.code === 0) continue; // it fitted
      expectOneLineFailure(run, /^flashmark: .*state\.(cache\.)?db.*(disk is full|disk I\/O error|ENOSPC)/);
      // Each package the build names as written is whole.
      for (const file of /written before it: (.*)$/m.exec(run.stderr)?.[1]?.split(', ') ?? []) expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    }
  });
  if (!canMount) it.skip('mounting a small file system is not allowed here (not root): the disk-full faults are skipped', () => undefined);
});

describe('a package that cannot be written', () => {
  it('does not stop the others: they are written, it is named, the build fails', () => {
    const out = join(tempDir('one-fails'), 'decks');
    mkdirSync(join(out, 'P1.apkg'), { recursive: true });
    const run = flashmark(['build', notes, '-o', out, '--now', '2026-03-01T09:00', '--state', join(out, '..', 'state.db')]);
    expectOneLineFailure(run, /^flashmark: .*P1\.apkg: it is a folder, not a regular file/);
    expect(readdirSync(out).sort()).toEqual(['P0.apkg', 'P1.apkg', 'P2.apkg', 'P3.apkg']);
    expect(run.stdout).toMatch(/P3\.apkg: 600 notes .*; written/);
  });

  it('a 240-character top-level folder name: its package and the others are written', () => {
    const dir = tempDir('long-name');
    const long = 'L'.repeat(240);
    mkdirSync(join(dir, 'notes', long), { recursive: true });
    mkdirSync(join(dir, 'notes', 'Short'));
    writeFileSync(join(dir, 'notes', long, 'a.md'), '# A\n\n- **one**: first\n');
    writeFileSync(join(dir, 'notes', 'Short', 'b.md'), '# B\n\n- **two**: second\n');
    const run = flashmark(['build', join(dir, 'notes'), '-o', join(dir, 'decks')]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(join(dir, 'decks')).sort()).toEqual([`${long}.apkg`, 'Short.apkg']);
  });
});

describe('special files where a package goes', () => {
  it('a FIFO, a link to /dev/zero and a link to a regular file are refused, each named; no hang, nothing grows', () => {
    const out = join(tempDir('special'), 'decks');
    mkdirSync(out);
    expect(spawnSync('mkfifo', [join(out, 'P0.apkg')]).status).toBe(0);
    symlinkSync('/dev/zero', join(out, 'P1.apkg'));
    writeFileSync(join(out, '..', 'elsewhere'), 'keep me');
    symlinkSync(join(out, '..', 'elsewhere'), join(out, 'P2.apkg'));
    const run = flashmark(['build', notes, '-o', out, '--now', '2026-03-01T09:00', '--state', join(out, '..', 'state.db')], { timeoutMs: 60_000 });
    expectOneLineFailure(run, /P0\.apkg: it is a FIFO, not a regular file.*P1\.apkg: it is a symbolic link.*P2\.apkg: it is a symbolic link/);
    expect(readFileSync(join(out, '..', 'elsewhere'), 'utf8')).toBe('keep me');
    expect(run.stdout).toMatch(/P3\.apkg: 600 notes .*; written/);
  });
});
