import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DROP_REASONS, KEEPABLE_REASONS, type Card, type DroppedCard } from '../../src/card.js';
import type { VaultSummary } from '../../src/summary/index.js';

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
    expect(result.stdout).toContain('Topic  (bold, Topic/good.md:5)');
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
      // Another answer: the same question and answer in two notes is made once.
      'z-good.md': good.replace('its meaning', 'another meaning'),
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

  it('skips a template whose front matter holds a placeholder, saying so in the summary and nothing on stderr', () => {
    const dir = vault({ 'note.md': good, 'Templates/Daily.md': '---\ncreated: {{date:YYYY-MM-DD}}\n---\n# {{title}}\n\n- **Mood**: \n' });
    const result = run('cards', dir, '--summary');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Templates/Daily.md: template or site code');
    expect(result.stderr).toBe('');
  });

  it('ignores dot folders and node_modules, and does not loop on a symlinked folder', () => {
    const dir = vault({
      'note.md': good,
      '.obsidian/x.md': good,
      '.trash/old.md': good,
      '.flashmark/y.md': good,
      'node_modules/pkg/readme.md': good,
      'sub/inner.md': good.replace('its meaning', 'another meaning'),
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

describe('flashmark cards --dropped and what --summary says of it', () => {
  const note = [
    '# Net',
    '',
    '## Protocols',
    '',
    '**HTTP**: the protocol of the web.',
    '',
    '**FTP**: moves files.',
    '',
    '<!-- flashmark: skip -->',
    '**Gopher**: an old menu system.',
    '',
  ].join('\n');
  const settings = 'exclude:\n  terms: [ftp]\n';

  it('lists each dropped candidate with its reason, rule and file:line, readable like the cards', () => {
    const dir = vault({ 'Net.md': note, '.flashmark.yml': settings });
    const result = run('cards', dir, '--dropped');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'excluded  (definition, Net.md:7)',
        '  Net › Protocols',
        '  Q: FTP',
        '  A: moves files.',
        '',
        'skip-marker  (definition, Net.md:10)',
        '  Net › Protocols',
        '  Q: Gopher',
        '  A: an old menu system.',
        '',
      ].join('\n'),
    );
    // The cards themselves are the ones not dropped.
    expect((JSON.parse(run('cards', dir, '--json').stdout) as Card[]).map((c) => c.source.line)).toEqual([5]);
  });

  it('--dropped --json prints the dropped candidates as objects', () => {
    const dir = vault({ 'Net.md': note, '.flashmark.yml': settings });
    const result = run('cards', dir, '--dropped', '--json');
    expect(result.status).toBe(0);
    const dropped = JSON.parse(result.stdout) as DroppedCard[];
    expect(dropped.map((d) => [d.reason, d.rule, d.type, d.source])).toEqual([
      ['excluded', 'definition', 'basic', { file: 'Net.md', line: 7 }],
      ['skip-marker', 'definition', 'basic', { file: 'Net.md', line: 10 }],
    ]);
    expect(dropped[0]?.back).toBe('moves files.');
    expect(Object.keys(dropped[0] as DroppedCard).sort()).toEqual(['back', 'front', 'reason', 'rule', 'source', 'type']);
  });

  it('says when nothing was dropped', () => {
    const result = run('cards', vault({ 'good.md': good }), '--dropped');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Nothing dropped: every candidate became a card.\n');
  });

  it('--summary counts the dropped candidates per reason, in text and JSON, and says why a note made none', () => {
    const dir = vault({ 'Net.md': note, 'Only.md': '# Only\n\n<!-- flashmark: skip -->\n**X**: y.\n', '.flashmark.yml': settings });
    const text = run('cards', dir, '--summary');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      ['Candidates dropped per reason (flashmark cards --dropped lists them):', '  excluded              1', '  skip-marker           2', ''].join('\n'),
    );
    expect(text.stdout).toContain('Only.md: all 1 candidate dropped (--dropped says why)');
    const summary = JSON.parse(run('cards', dir, '--summary', '--json').stdout) as VaultSummary;
    expect(summary.dropped).toMatchObject({ excluded: 1, 'skip-marker': 2, 'shows-answer': 0 });
    expect(Object.keys(summary.dropped)).toEqual([...DROP_REASONS]);
  });

  it('--dropped with --summary is a usage error of one line', () => {
    const result = run('cards', vault({ 'good.md': good }), '--dropped', '--summary');
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("flashmark: option '--dropped' cannot be used with option '--summary' (run with --help for usage)\n");
  });

  it('a bad keep in the settings file stops with one line naming the file and the key', () => {
    const result = run('cards', vault({ 'good.md': good, '.flashmark.yml': 'keep: [rubrik]\n' }));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^flashmark: .*\.flashmark\.yml: "keep": unknown reason "rubrik" \(reasons it can name: [a-z-, ]+\)\n$/);
    expect(result.stderr).toContain(KEEPABLE_REASONS.join(', '));
  });
});

describe('the cards listing shows code as code', () => {
  it('a code block in an answer keeps its lines and indentation; the text around it stays on its line', () => {
    const note = '# Git\n\n**Set your name:**\n\n```sh\ngit config --global user.name "Ann"\n  git config --list\n```\n\n## Undo\n\n**Revert**: a new commit that undoes an old one, made by `git revert`.\n';
    const result = run('cards', vault({ 'git.md': note }));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(['  Q: Set your name', '  A:', '     git config --global user.name "Ann"', '       git config --list', ''].join('\n'));
    expect(result.stdout).toContain('  A: a new commit that undoes an old one, made by git revert.\n');
  });
});
