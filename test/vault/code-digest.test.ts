import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeDigest } from '../../src/vault/code-digest.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'flashmark-digest-'));
const repo = fileURLToPath(new URL('../../', import.meta.url));

function codeTree(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'extract'));
  writeFileSync(join(dir, 'main.js'), 'export const a = 1;\n');
  writeFileSync(join(dir, 'extract', 'rules.js'), 'export const b = 2;\n');
  writeFileSync(join(dir, 'main.d.ts'), 'export declare const a: number;\n');
  writeFileSync(join(dir, 'main.js.map'), '{}');
  return dir;
}

describe('code digest (part of the cache fingerprint)', () => {
  it('changes when a module changes or is added, not when typings or source maps do', () => {
    const dir = codeTree();
    const first = codeDigest(dir);
    expect(codeDigest(dir)).toBe(first);
    writeFileSync(join(dir, 'main.d.ts'), 'export declare const a: 1;\n');
    writeFileSync(join(dir, 'main.js.map'), '{"version":3}');
    expect(codeDigest(dir)).toBe(first);

    appendFileSync(join(dir, 'extract', 'rules.js'), '// a new rule\n');
    const edited = codeDigest(dir);
    expect(edited).not.toBe(first);
    writeFileSync(join(dir, 'extract', 'table.js'), 'export const c = 3;\n');
    expect(codeDigest(dir)).not.toBe(edited);
  });

  it('covers the lockfile that pins the parser, when there is one', () => {
    const dir = codeTree();
    const lockfile = join(tempDir(), 'package-lock.json');
    const withoutLock = codeDigest(dir, lockfile);
    writeFileSync(lockfile, '{"packages":{"node_modules/micromark":{"version":"4.0.2"}}}');
    const locked = codeDigest(dir, lockfile);
    expect(locked).not.toBe(withoutLock);
    writeFileSync(lockfile, '{"packages":{"node_modules/micromark":{"version":"4.0.3"}}}');
    expect(codeDigest(dir, lockfile)).not.toBe(locked);
  });

  it('makes a checkout with changed code re-parse every note, though its version number is the same', () => {
    // A copy of this flashmark (compiled code, package.json, its installed packages) whose code can be changed.
    const copy = tempDir();
    cpSync(join(repo, 'dist'), join(copy, 'dist'), { recursive: true });
    copyFileSync(join(repo, 'package.json'), join(copy, 'package.json'));
    symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const notes = tempDir();
    writeFileSync(join(notes, 'a.md'), '# HTTP\n\n- **GET**: reads a resource\n- **PUT**: replaces it\n');
    writeFileSync(join(notes, 'b.md'), '# DNS\n\n**DNS** turns names into addresses.\n');
    const state = join(tempDir(), 'state.db');
    const parsed = (): number => {
      const run = spawnSync(process.execPath, [join(copy, 'dist/cli/main.js'), 'build', notes, '-o', join(notes, 'decks'), '--state', state, '--json'], {
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { parsed: number }).parsed;
    };

    expect(parsed()).toBe(2);
    expect(parsed()).toBe(0);
    appendFileSync(join(copy, 'dist', 'extract', 'finish.js'), '\n// the next commit\n');
    expect(parsed()).toBe(2);
    expect(parsed()).toBe(0);
  });
});
