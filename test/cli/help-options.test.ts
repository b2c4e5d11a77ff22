import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../..');
const bin = join(repo, 'dist/cli/main.js');
const help = (command: string): string => spawnSync(process.execPath, [bin, command, '--help'], { encoding: 'utf8' }).stdout;

// The README's list of who takes --state and --now, checked against each command's --help.
describe('--state and --now, as the README says', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8').replace(/\s+/g, ' ');
  const withNow = ['build', 'sync', 'review', 'stats'];
  const all = [...withNow, 'cards', 'watch'];

  it('every command takes --state; --now only the ones the README names', () => {
    expect(readme).toContain('Every command takes `--help` (with an example) and `--state FILE`');
    expect(readme).toContain('`build`, `sync`, `review` and `stats` also take `--now ISO-DATE`');
    for (const command of all) {
      const text = help(command);
      expect(text, command).toMatch(/--state <file>/);
      expect(/--now </.test(text), command).toBe(withNow.includes(command));
    }
  });
});
