import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateVault } from '../../bench/generate.js';

/**
 * What the tests of the commands reading through the extraction cache share:
 * the binary run at a fixed clock and zone, temporary folders, and a vault of
 * generated notes beside a note with a warning and a note of one card.
 */

export const CLI = join(import.meta.dirname, '../../dist/cli/main.js');
export const CLI_ENV = { ...process.env, TZ: 'UTC', FLASHMARK_NOW: '' };
export const NOW = '2026-03-02T09:00';

export function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: CLI_ENV, maxBuffer: 256 * 1024 * 1024, input: '' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flashmark-cached-'));
  dirs.push(dir);
  return dir;
}

/** For `afterAll`: the temporary folders made so far, removed. */
export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const BAD_FRONT_MATTER = '---\ntitle: [unclosed\n---\n# Broken\n\n## Part\n\nThe **front matter** is broken.\n';

/** Generated notes, with `Bio/broken.md` (broken front matter: a note warning) and `Bio/cells.md` (one card), and any `extra` notes. */
export function generatedVault(options: { notes: number; seed: number }, extra: Record<string, string> = {}): string {
  const dir = tempDir();
  generateVault(dir, options);
  mkdirSync(join(dir, 'Bio'), { recursive: true });
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(dir, file), text);
  writeFileSync(join(dir, 'Bio', 'broken.md'), BAD_FRONT_MATTER);
  writeFileSync(join(dir, 'Bio', 'cells.md'), '# Cells\n\n## Organelles\n\n- **Ribosome**: makes proteins.\n');
  return dir;
}
