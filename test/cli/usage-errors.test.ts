import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'flashmark-usage-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const notes = join(dir, 'notes');
mkdirSync(notes);
writeFileSync(join(notes, 'note.md'), '# Note\n\nA **term** in a sentence.\n');

/** Commander's own errors print like flashmark's: one line, `flashmark:` first, the usage hint at its end. */
describe('usage errors', () => {
  const cases: [string[], string][] = [
    [['frobnicate', notes], "flashmark: unknown command 'frobnicate' (run with --help for usage)"],
    [['cards', notes, '--frobnicate'], "flashmark: unknown option '--frobnicate' (run with --help for usage)"],
    [['cards', notes, '--jsn'], "flashmark: unknown option '--jsn' (Did you mean --json?) (run with --help for usage)"],
    [['build', notes, '-o'], "flashmark: option '-o, --out <folder>' argument missing (run with --help for usage)"],
  ];
  for (const [args, line] of cases) {
    it(`flashmark ${args.filter((a) => a !== notes).join(' ')}`, () => {
      const run = spawnSync('node', [bin, ...args], { encoding: 'utf8', input: '', timeout: 30_000 });
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${line}\n`);
    });
  }
});
