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

/** What was typed is shown escaped: an escape sequence, a bidi override or a line break in it never reaches the terminal. */
describe('usage errors naming what was typed', () => {
  const hint = '(run with --help for usage)';
  const cases: [string, string[], string][] = [
    ['an option with an escape sequence and BEL', ['cards', notes, '--a\u001b[2J\u001b]0;owned\u0007'], `flashmark: unknown option '--a\\u001b[2J\\u001b]0;owned\\u0007' ${hint}`],
    ['an option with a right-to-left override', ['cards', notes, '--\u202enosj'], `flashmark: unknown option '--\\u202enosj' ${hint}`],
    ['an option with a line break', ['cards', notes, '--jsn\nflashmark: forged'], `flashmark: unknown option '--jsn\\nflashmark: forged' ${hint}`],
    ['a command with a C1 control', ['frob\u009b2J'], `flashmark: unknown command 'frob\\u009b2J' ${hint}`],
    ['a choice with an escape sequence', ['review', notes, '--scheduler', 'fsrs\u001b[31m'], `flashmark: option '--scheduler <name>' argument 'fsrs\\u001b[31m' is invalid. Allowed choices are sm2, fsrs. ${hint}`],
  ];
  for (const [name, args, line] of cases) {
    it(name, () => {
      const run = spawnSync('node', [bin, ...args], { encoding: 'utf8', input: '', timeout: 30_000 });
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${line}\n`);
    });
  }
});
