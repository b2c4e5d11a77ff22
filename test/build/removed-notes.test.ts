import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'dist', 'cli', 'main.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flashmark-removed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  removedNotes: { guid: string; package: string }[];
  packages: { key: string; removed: number }[];
}

function build(): Report {
  const run = spawnSync(process.execPath, [cli, 'build', join(dir, 'notes'), '-o', join(dir, 'decks'), '--json'], { encoding: 'utf8', env: { ...process.env, FLASHMARK_NOW: '' } });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

function cards(): { id: string; front: string; back: string }[] {
  const run = spawnSync(process.execPath, [cli, 'cards', join(dir, 'notes'), '--json'], { encoding: 'utf8' });
  return JSON.parse(run.stdout) as { id: string; front: string; back: string }[];
}

describe('build --json', () => {
  it("lists the removed notes' guids, and not a note that only moved to another package", () => {
    mkdirSync(join(dir, 'notes', 'DevOps'), { recursive: true });
    mkdirSync(join(dir, 'notes', 'Ops'));
    writeFileSync(join(dir, 'notes', 'DevOps', 'ci.md'), '# CI\n\n## Термины\n\n- **Pipeline**: цепочка стадий\n- **Artifact**: результат сборки\n');
    writeFileSync(join(dir, 'notes', 'DevOps', 'tools.md'), '---\nid: tools\n---\n# Tools\n\n## Термины\n\n- **Ansible**: плейбуки\n');
    expect(build().removedNotes).toEqual([]);
    // "Artifact: результат сборки" is asked from its explanation, the term the answer.
    const artifact = cards().find((c) => c.back === 'Artifact')!;
    writeFileSync(join(dir, 'notes', 'DevOps', 'ci.md'), '# CI\n\n## Термины\n\n- **Pipeline**: цепочка стадий\n');
    // With an id in its front matter, a note keeps its cards' identity when it moves.
    renameSync(join(dir, 'notes', 'DevOps', 'tools.md'), join(dir, 'notes', 'Ops', 'tools.md'));
    const report = build();
    expect(report.removedNotes).toEqual([{ guid: artifact.id, package: 'DevOps' }]);
    expect(report.packages.find((p) => p.key === 'DevOps')!.removed).toBe(2);
  });
});
