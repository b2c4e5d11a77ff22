import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateVault } from '../../bench/generate.js';
import { extractNote } from '../../src/extract/index.js';
import type * as Pool from '../../src/vault/pool.js';
import { resultFromStoredJson } from '../../src/vault/stored-result.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const compiledPool = join(repo, 'dist', 'vault', 'pool.js');

describe('parallel extraction', () => {
  it('gives the same results, in the same order, on worker threads as in one thread', async () => {
    // Workers run compiled JavaScript, so the pool under test is the one in dist/ (built by `npm test`).
    expect(existsSync(join(repo, 'dist', 'vault', 'worker.js'))).toBe(true);
    const pool = (await import(pathToFileURL(compiledPool).href)) as typeof Pool;
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-pool-'));
    const { files } = generateVault(dir, { notes: 150, seed: 11 });
    const sources = files.map((file) => ({ file, bytes: readFileSync(join(dir, file)) }));
    // Large enough for the pool to start workers.
    expect(sources.reduce((sum, s) => sum + s.bytes.length, 0)).toBeGreaterThan(pool.PARALLEL_MIN_BYTES);
    const progress: number[] = [];

    const parallel = await pool.extractAllSerialized(sources, {}, { threads: 2, onProgress: (done) => progress.push(done) });
    const serial = await pool.extractAllSerialized(sources, {}, { threads: 1 });

    expect(parallel).toEqual(serial);
    expect(parallel.map((json) => resultFromStoredJson(json).file)).toEqual(files);
    expect(resultFromStoredJson(parallel[42]!)).toEqual(extractNote(files[42]!, sources[42]!.bytes.toString('utf8')));
    expect(progress.at(-1)).toBe(files.length);
  });

  it('finishes the work of workers that fail, in this thread, with the same results and every note counted once', async () => {
    const pool = (await import(pathToFileURL(compiledPool).href)) as typeof Pool;
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-pool-'));
    const { files } = generateVault(dir, { notes: 150, seed: 12 });
    const sources = files.map((file) => ({ file, bytes: readFileSync(join(dir, file)) }));
    // Every worker dies on its second batch: the first dies while the other still works, then none is left.
    // Whether a dying worker's last answer comes before or after the news of its death varies: three runs.
    const failing = new URL('../fixtures/workers/fails-on-second-batch.mjs', import.meta.url);
    const serial = await pool.extractAllSerialized(sources, {}, { threads: 1 });
    for (let run = 0; run < 3; run++) {
      const delivered: number[] = [];
      const progress: number[] = [];
      const results: string[] = [];
      const extraction = pool.startExtraction({}, { threads: 2, workerUrl: failing, onProgress: (done) => progress.push(done) }, (batch) => {
        for (const { index, json } of batch) {
          delivered.push(index);
          results[index] = json;
        }
      });
      for (const source of sources) extraction.add(source);
      await extraction.done();

      expect(results).toEqual(serial);
      expect(delivered.length).toBe(files.length);
      expect(progress.at(-1)).toBe(files.length);
    }
  });

  it('replaces a worker that runs out of its memory on a huge note: that note is extracted here, the rest still on two threads', async () => {
    const pool = (await import(pathToFileURL(compiledPool).href)) as typeof Pool;
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-pool-'));
    // More batches than the two workers hold at once (16 of 64 KB each), so some are still to hand out when one fails.
    const paragraph = `${'A plain sentence about nothing in particular, to fill the note. '.repeat(20)}\n\n`;
    const files = Array.from({ length: 520 }, (_, i) => `note ${String(i).padStart(3, '0')}.md`);
    for (const [i, file] of files.entries()) writeFileSync(join(dir, file), `# Note ${i}\n\n- **term ${i}**: its meaning\n\n${paragraph.repeat(6)}`);
    writeFileSync(join(dir, 'huge.md'), '# Huge\n\n- **term**: its meaning\n');
    const sources = ['huge.md', ...files].map((file) => ({ file, bytes: readFileSync(join(dir, file)) }));
    const trace = join(dir, 'trace.txt');
    writeFileSync(trace, '');
    process.env.POOL_TRACE = trace;
    const exhausting = new URL('../fixtures/workers/out-of-memory-on-huge.mjs', import.meta.url);
    const serial = await pool.extractAllSerialized(sources, {}, { threads: 1 });
    const results = await pool.extractAllSerialized(sources, {}, { threads: 2, workerUrl: exhausting });
    delete process.env.POOL_TRACE;

    expect(results).toEqual(serial);
    // The two first workers, and the one that took over from the worker the huge note exhausted.
    const threads = new Set(readFileSync(trace, 'utf8').split('\n').filter(Boolean));
    expect(threads.size).toBe(3);
  });
});
