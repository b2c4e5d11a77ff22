import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';
import { startWatch } from './running.js';

describe('flashmark watch', () => {
  it('rebuilds the package on edits and deletions, reports a bad note and goes on, stops cleanly on Ctrl-C', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-watch-'));
    const notes = join(dir, 'notes');
    const decks = join(dir, 'decks');
    mkdirSync(join(notes, 'DevOps'), { recursive: true });
    writeFileSync(join(notes, 'DevOps', 'tools.md'), '# Инструменты\n\n## Автоматизация\n\n- **Ansible**: плейбуки на YAML\n');
    writeFileSync(join(notes, 'DevOps', 'ci.md'), '# CI\n\n## Термины\n\n- **Pipeline**: цепочка стадий сборки\n');
    const pkg = join(decks, 'DevOps.apkg');

    const { child, stdout, stderr, output, exited } = startWatch([notes, '-o', decks]);
    try {
      await eventually('the watch to start', () => /watching/.test(stdout()), output);
      expect(existsSync(pkg)).toBe(true);

      let before = readFileSync(pkg);
      writeFileSync(join(notes, 'DevOps', 'tools.md'), '# Инструменты\n\n## Автоматизация\n\n- **Ansible**: плейбуки на YAML\n- **Terraform**: инфраструктура как код\n');
      await eventually('the package to change after an edit', () => !readFileSync(pkg).equals(before) && /DevOps\.apkg: 1 added/.test(stdout()), output);

      before = readFileSync(pkg);
      rmSync(join(notes, 'DevOps', 'ci.md'));
      await eventually('the package to change after a deletion', () => !readFileSync(pkg).equals(before) && /1 removed/.test(stdout()), output);

      writeFileSync(join(notes, 'DevOps', 'broken.md'), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x00, 0x41]));
      await eventually('the bad note to be reported', () => /broken\.md/.test(stderr()), output);

      before = readFileSync(pkg);
      writeFileSync(join(notes, 'DevOps', 'ci.md'), '# CI\n\n## Термины\n\n- **Artifact**: результат сборки\n');
      await eventually('the watch to go on after the bad note', () => !readFileSync(pkg).equals(before), output);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stdout()).toMatch(/stopped\s*$/);
    expect(stderr()).not.toMatch(/unexpected|at .*\.js:\d+/);
    expect(readdirSync(decks).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  for (const how of ['moved', 'deleted'] as const) {
    it(`says so in one line and exits 1 when the notes folder is ${how}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'flashmark-watch-gone-'));
      const notes = join(dir, 'notes');
      mkdirSync(notes);
      writeFileSync(join(notes, 'a.md'), '# A\n\n- **term**: meaning\n');
      const { child, stdout, stderr, output, exited } = startWatch([notes, '-o', join(dir, 'decks'), '--state', join(dir, 'state.db')]);
      try {
        await eventually('the watch to start', () => /watching/.test(stdout()), output);
        if (how === 'moved') renameSync(notes, join(dir, 'elsewhere'));
        else rmSync(notes, { recursive: true });
        expect(await exited).toBe(1);
      } finally {
        child.kill('SIGINT');
      }
      expect(stderr()).toMatch(/^flashmark: the notes folder \S*notes was moved or deleted; stopped watching[^\n]*\n$/);
    });
  }
});
