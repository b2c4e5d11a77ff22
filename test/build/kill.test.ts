import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canValidate, notesOf, openApkg, validate } from '../anki/apkg.js';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const FOLDERS = ['Алгоритмы', 'Сети', 'Базы'];

/** A vault big enough that writing its packages takes a while: 3 top-level folders of definition lists. */
function writeVault(root: string, round: number): void {
  for (const folder of FOLDERS) {
    mkdirSync(join(root, folder), { recursive: true });
    for (let n = 0; n < 8; n++) {
      const items = Array.from({ length: 60 }, (_, i) => `- **Термин ${folder} ${n}.${i}**: объяснение номер ${i}, версия ${round}, ${'подробности '.repeat(8)}`);
      writeFileSync(join(root, folder, `note-${n}.md`), `# Заметка ${n}\n\n## Термины\n\n${items.join('\n')}\n`);
    }
  }
}

function build(notes: string, out: string, now: string): void {
  const run = spawnSync(process.execPath, [cli, 'build', notes, '-o', out, '--now', now], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

const snapshot = (out: string): Map<string, Buffer> =>
  new Map(readdirSync(out).filter((f) => f.endsWith('.apkg')).map((f) => [f, readFileSync(join(out, f))]));

/** Starts a build and SIGKILLs it when `when` says so (polled every few ms), or when it ends by itself. */
async function killedBuild(notes: string, out: string, now: string, when: (elapsedMs: number) => boolean): Promise<boolean> {
  const child = spawn(process.execPath, [cli, 'build', notes, '-o', out, '--now', now], { stdio: 'ignore' });
  let exited = false;
  const done = new Promise<void>((resolve) => child.on('exit', () => { exited = true; resolve(); }));
  const start = Date.now();
  while (!exited) {
    if (when(Date.now() - start)) {
      child.kill('SIGKILL');
      break;
    }
    await sleep(2);
  }
  await done;
  return child.signalCode === 'SIGKILL';
}

describe('a build killed half-way', () => {
  // Five runs of the binary over a 1,440-card vault: generous time for a busy 2-core machine.
  it('leaves every package complete: the previous one or the new one, never a broken file', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-kill-'));
    const notes = join(dir, 'notes');
    const out = join(dir, 'decks');
    writeVault(notes, 1);
    build(notes, out, '2026-01-10T10:00:00Z');
    const previous = snapshot(out);
    expect([...previous.keys()].sort()).toEqual(FOLDERS.map((f) => `${f}.apkg`).sort());

    writeVault(notes, 2);
    const tempFileAppears = () => readdirSync(out).some((f) => f.endsWith('.tmp'));
    const onePackageReplaced = () => [...previous].some(([f, bytes]) => !readFileSync(join(out, f)).equals(bytes));
    const moments: ((ms: number) => boolean)[] = [(ms) => ms > 300, tempFileAppears, onePackageReplaced];
    const seen: Map<string, Buffer>[] = [];
    let kills = 0;
    for (const moment of moments) {
      if (await killedBuild(notes, out, '2026-01-11T10:00:00Z', moment)) kills++;
      seen.push(snapshot(out));
    }
    expect(kills).toBeGreaterThan(0);

    // The next build completes, and is what the killed ones were writing (the history is saved last, so it is the same).
    build(notes, out, '2026-01-11T10:00:00Z');
    const next = snapshot(out);
    for (const packages of seen) {
      expect([...packages.keys()].sort()).toEqual([...previous.keys()].sort());
      for (const [file, bytes] of packages) {
        const isPrevious = bytes.equals(previous.get(file)!);
        expect(isPrevious || bytes.equals(next.get(file)!), `${file} is neither the previous nor the new package`).toBe(true);
        expect(notesOf(openApkg(bytes).db).length).toBe(8 * 60);
      }
    }
    for (const [file, bytes] of next) expect(bytes.equals(previous.get(file)!), `${file} was not rebuilt`).toBe(false);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    if (canValidate) expect(validate(...[...next.keys()].map((f) => join(out, f)))).toBe('');
  });
});
