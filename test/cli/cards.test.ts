import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Card } from '../../src/card.js';

const main = join(import.meta.dirname, '../../dist/cli/main.js');
const run = (...args: string[]) => spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const dirs: string[] = [];
function vault(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flashmark-cards-'));
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const good = '# Good\n\n## Part\n\nThe **answer** is here.\n\n- **Term**: its meaning.\n';

describe('flashmark cards', () => {
  it('lists deck, rule, question, answer and source line', () => {
    const dir = vault({ 'Topic/good.md': good });
    const result = run('cards', dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Topic::Good  (bold, Topic/good.md:5)');
    expect(result.stdout).toContain('Q: The […1] is here.');
    expect(result.stdout).toContain('A: […1] answer');
    expect(result.stdout).toContain('Q: Term');
    expect(result.stdout).toContain('A: its meaning.');
  });

  it('prints the cards as JSON with the fields of the design', () => {
    const dir = vault({ 'good.md': good });
    const result = run('cards', dir, '--json');
    expect(result.status).toBe(0);
    const cards = JSON.parse(result.stdout) as Card[];
    expect(cards.map((c) => c.rule)).toEqual(['bold', 'definition']);
    expect(Object.keys(cards[0] as Card).sort()).toEqual(['back', 'cards', 'deck', 'front', 'id', 'media', 'rule', 'source', 'tags', 'type']);
    expect(cards[0]?.source).toEqual({ file: 'good.md', line: 5 });
  });

  it('warns about each bad note by name and still lists the rest, without a stack trace', () => {
    const dir = vault({
      'a-good.md': good,
      'empty.md': '',
      'latin1.md': Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x2a, 0x2a, 0x78, 0x2a, 0x2a, 0x0a]),
      'binary.md': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]),
      'huge.md': `# Huge\n\n${'Some **bold** words in a long note.\n\n'.repeat(600_000)}`,
      'deep.md': `# Deep\n\n${'- '.repeat(10_000)}**x**\n`,
      'z-good.md': good.replace('Good', 'Also good'),
    });
    const result = run('cards', dir, '--json');
    expect(result.status).toBe(0);
    const cards = JSON.parse(result.stdout) as Card[];
    expect(new Set(cards.map((c) => c.source.file))).toEqual(new Set(['a-good.md', 'z-good.md']));
    const lines = result.stderr.trim().split('\n');
    for (const file of ['latin1.md', 'binary.md', 'huge.md', 'deep.md']) {
      expect(lines.filter((line) => line.startsWith(`flashmark: warning: ${file}: `)), file).toHaveLength(1);
    }
    expect(lines).toHaveLength(4);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('ignores dot folders and node_modules, and does not loop on a symlinked folder', () => {
    const dir = vault({
      'note.md': good,
      '.obsidian/x.md': good,
      '.trash/old.md': good,
      '.flashmark/y.md': good,
      'node_modules/pkg/readme.md': good,
      'sub/inner.md': good,
    });
    symlinkSync(dir, join(dir, 'sub', 'loop'), 'dir');
    const result = run('cards', dir, '--json');
    expect(result.status).toBe(0);
    const files = new Set((JSON.parse(result.stdout) as Card[]).map((c) => c.source.file));
    expect(files).toEqual(new Set(['note.md', 'sub/inner.md']));
  });

  it('reports a missing notes folder in one line with exit code 1', () => {
    const result = run('cards', join(tmpdir(), 'flashmark-no-such-folder'));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^flashmark: notes folder not found: /)]);
  });

  it('has help with an example', () => {
    const result = run('cards', '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('flashmark cards notes');
    expect(result.stdout).toContain('--json');
  });
});
