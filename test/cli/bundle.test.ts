import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateVault } from '../../bench/generate.js';

const dist = join(import.meta.dirname, '../../dist');

describe('the command-line bundle (scripts/bundle.js)', () => {
  it('parses a large vault on worker threads started from dist/vault/worker.js', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-bundle-'));
    const notes = join(dir, 'notes');
    // Enough text for the pool to start workers (see the pool tests).
    const { files } = generateVault(notes, { notes: 150, seed: 11 });
    // Node logs each worker it starts, with the file, under NODE_DEBUG=worker. A wrong path would not
    // fail the build (the pool falls back to parsing in the main thread): it would only be slow.
    const run = spawnSync(process.execPath, [join(dist, 'cli/main.js'), 'build', notes, '-o', join(dir, 'decks'), '--json'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_DEBUG: 'worker' },
    });
    expect(run.status, run.stderr).toBe(0);
    const started = [...run.stderr.matchAll(/instantiating Worker\. url: (\S+)/g)].map((m) => m[1]);
    // One worker per core: a one-core machine parses in the main thread and starts none.
    const expected = availableParallelism() >= 2 ? [pathToFileURL(join(dist, 'vault/worker.js')).href] : [];
    expect([...new Set(started)]).toEqual(expected);
    const report = JSON.parse(run.stdout) as { parsed: number; packages: { file: string }[] };
    expect(report.parsed).toBe(files.length);
    expect(readdirSync(join(dir, 'decks')).sort()).toEqual(report.packages.map((p) => p.file.split('/').pop()).sort());
  });
});
