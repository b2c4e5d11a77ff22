import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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
});
