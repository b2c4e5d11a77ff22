import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPackageNotes } from '../../src/anki/index.js';
import { canValidate, validate } from '../anki/apkg.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'dist', 'cli', 'main.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flashmark-single-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function build(out: string): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, 'build', join(dir, 'notes'), '-o', out], { encoding: 'utf8', env: { ...process.env, FLASHMARK_NOW: '' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('build -o FILE.apkg', () => {
  it('writes one package with every deck, and updates it in place on the next build', () => {
    mkdirSync(join(dir, 'notes', 'DevOps'), { recursive: true });
    mkdirSync(join(dir, 'notes', 'Python'));
    writeFileSync(join(dir, 'notes', 'DevOps', 'ci.md'), '# CI\n\n## Термины\n\n- **Pipeline**: цепочка стадий\n');
    writeFileSync(join(dir, 'notes', 'Python', 'types.md'), '# Типы\n\n## Термины\n\n- **list**: изменяемая последовательность\n');
    const file = join(dir, 'out', 'all.apkg');
    const first = build(file);
    expect(first.code, first.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['all.apkg']);
    const notes = readPackageNotes(readFileSync(file));
    expect(notes.map((n) => n.deck).sort()).toEqual(['DevOps', 'Python']);
    if (canValidate) expect(validate(file)).toBe('');

    writeFileSync(join(dir, 'notes', 'Python', 'types.md'), '# Типы\n\n## Термины\n\n- **list**: список\n');
    const second = build(file);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('all.apkg: 2 notes (0 added, 1 changed, 1 unchanged, 0 removed)');
    const after = readPackageNotes(readFileSync(file));
    expect(after.map((n) => [n.guid, n.id]).sort()).toEqual(notes.map((n) => [n.guid, n.id]).sort());
    expect(after.find((n) => n.fields['Front'] === 'list')!.fields['Back']).toBe('список');
    expect(readdirSync(join(dir, 'out'))).toEqual(['all.apkg']);
  });

  it('refuses a package without a name in one line', () => {
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'a.md'), '# A\n\n- **x**: y\n');
    const run = build(join(dir, '.apkg'));
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim()).toMatch(/^flashmark: -o: give the package a name: /);
  });
});
