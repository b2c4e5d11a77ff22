import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExtractOptions } from '../extract/index.js';
import { extractSerialized } from './extract-one.js';
import type { Batch, BatchResult } from './worker.js';

/** A note to extract: its path relative to the notes root and its text. */
export interface NoteSource {
  file: string;
  text: string;
}

export interface PoolOptions {
  /** Worker threads to use; default: the cores available. 1 = serial, in this thread. */
  threads?: number;
  /** Called as notes are done, for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Below this much text a serial run beats starting workers (each loads remark,
 * ~0.1–0.2 s): remark parses about 1 MB/s on one core.
 */
export const PARALLEL_MIN_BYTES = 512 * 1024;
/** Notes per message: small enough to balance the load, large enough to amortize messaging. */
const BATCH_BYTES = 64 * 1024;

/**
 * Extracts every note and returns each result as JSON (see extract-one.ts), in
 * the order of `sources`. Large inputs are spread over a pool of worker threads;
 * the result is identical to the serial run, which is used for small inputs.
 */
export async function extractAllSerialized(
  sources: readonly NoteSource[],
  options: Partial<ExtractOptions>,
  pool: PoolOptions = {},
): Promise<string[]> {
  const threads = Math.min(pool.threads ?? availableParallelism(), sources.length);
  const workerUrl = compiledWorkerUrl();
  const bytes = sources.reduce((sum, s) => sum + s.text.length, 0);
  if (threads < 2 || bytes < PARALLEL_MIN_BYTES || !workerUrl) return extractSerially(sources, options, pool.onProgress);
  return extractInWorkers(sources, options, threads, workerUrl, pool.onProgress);
}

function extractSerially(
  sources: readonly NoteSource[],
  options: Partial<ExtractOptions>,
  onProgress: PoolOptions['onProgress'],
): string[] {
  return sources.map((source, i) => {
    const result = extractSerialized(source.file, source.text, options);
    onProgress?.(i + 1, sources.length);
    return result;
  });
}

/**
 * Workers run JavaScript, so the pool starts the compiled `worker.js` beside
 * this module. When this module itself runs as TypeScript source (vitest), the
 * compiled worker is taken from `dist/` (built by `npm run build`/`pretest`);
 * if there is none, the pool falls back to the serial run, which gives the
 * same result. Parallel behaviour is therefore tested through `dist/`.
 */
function compiledWorkerUrl(): URL | undefined {
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL('../../dist/vault/worker.js', here) : new URL('./worker.js', here);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

function batchesOf(sources: readonly NoteSource[]): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let size = 0;
  sources.forEach((source, i) => {
    current.push(i);
    size += source.text.length;
    if (size >= BATCH_BYTES) {
      batches.push(current);
      current = [];
      size = 0;
    }
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

function extractInWorkers(
  sources: readonly NoteSource[],
  options: Partial<ExtractOptions>,
  threads: number,
  workerUrl: URL,
  onProgress: PoolOptions['onProgress'],
): Promise<string[]> {
  const batches = batchesOf(sources);
  const results: string[] = new Array<string>(sources.length);
  const workers = Array.from({ length: Math.min(threads, batches.length) }, () => new Worker(workerUrl, { workerData: options }));
  let next = 0;
  let finished = 0;
  let done = 0;

  return new Promise<string[]>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      void Promise.all(workers.map((w) => w.terminate())).finally(() => reject(error));
    };
    const feed = (worker: Worker): void => {
      const indexes = batches[next];
      if (indexes === undefined) return;
      const batch: Batch = { id: next++, files: indexes.map((i) => sources[i]!.file), texts: indexes.map((i) => sources[i]!.text) };
      worker.postMessage(batch);
    };
    for (const worker of workers) {
      worker.on('message', (message: BatchResult) => {
        const indexes = batches[message.id]!;
        indexes.forEach((sourceIndex, k) => (results[sourceIndex] = message.results[k]!));
        done += indexes.length;
        onProgress?.(done, sources.length);
        if (++finished === batches.length) {
          void Promise.all(workers.map((w) => w.terminate())).then(() => resolve(results), reject);
        } else {
          feed(worker);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (finished < batches.length) fail(new Error(`an extraction worker stopped unexpectedly (exit code ${code})`));
      });
      feed(worker);
    }
  });
}
