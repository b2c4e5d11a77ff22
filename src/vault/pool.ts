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
 * Below this much text (UTF-16 units) a serial run beats starting workers
 * (each loads remark, ~0.1–0.2 s): remark parses about 1 MB/s on one core.
 */
export const PARALLEL_MIN_CHARS = 512 * 1024;
/**
 * A worker allocates furiously (a syntax tree per note) and keeps almost
 * nothing, so a large young generation pays: fewer scavenges, and less promoted
 * to the old one. An old-generation limit, tried to bound memory, made V8
 * collect the old generation over and over: a 10,000-note cold build took 60 s
 * with 256 or 512 MB and 42 s with none. A smaller young generation (48 or
 * 64 MB) did not lower the build's peak memory either.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 96 };
/** Notes per message: small enough to balance the load, large enough to amortize messaging. */
const BATCH_CHARS = 64 * 1024;

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
  const results: string[] = new Array<string>(sources.length);
  await extractEach(sources, options, pool, (index, json) => (results[index] = json));
  return results;
}

/**
 * As extractAllSerialized, but hands each result to `deliver` (with its index
 * in `sources`) as soon as it is ready and keeps none: a caller that stores
 * them (the cache) need not hold 10,000 notes' JSON at once.
 */
export async function extractEach(
  sources: readonly NoteSource[],
  options: Partial<ExtractOptions>,
  pool: PoolOptions,
  deliver: (index: number, json: string) => void,
): Promise<void> {
  const threads = Math.min(pool.threads ?? availableParallelism(), sources.length);
  const workerUrl = compiledWorkerUrl();
  const chars = sources.reduce((sum, s) => sum + s.text.length, 0);
  if (threads < 2 || chars < PARALLEL_MIN_CHARS || !workerUrl) {
    sources.forEach((source, i) => {
      deliver(i, extractSerialized(source.file, source.text, options));
      pool.onProgress?.(i + 1, sources.length);
    });
    return;
  }
  await extractInWorkers({ sources, options, threads, workerUrl, onProgress: pool.onProgress, deliver });
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
    if (size >= BATCH_CHARS) {
      batches.push(current);
      current = [];
      size = 0;
    }
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/** What extractInWorkers needs: extractEach's arguments, settled. */
interface WorkerRun {
  sources: readonly NoteSource[];
  options: Partial<ExtractOptions>;
  threads: number;
  workerUrl: URL;
  onProgress: PoolOptions['onProgress'];
  deliver: (index: number, json: string) => void;
}

/**
 * Batches go to the workers as they answer. A worker that fails (out of its
 * memory limit on a pathological note, say) is dropped and its batches are
 * extracted here, in the main thread, which has the full heap: one bad note
 * never fails the build, and the results stay those of the serial run.
 * Returns once every worker has exited: until then Node keeps each Worker,
 * and through its listeners every note's text (100 MB at 10,000 notes), alive.
 */
async function extractInWorkers(run: WorkerRun): Promise<void> {
  const exits: Promise<unknown>[] = [];
  await runBatches(run, (worker) => exits.push(new Promise((r) => worker.once('exit', r))));
  await Promise.all(exits);
}

/**
 * Batches queued at each worker: about half a second of parsing, so a worker
 * never waits for the main thread, which answers only between the packages it
 * assembles during a cold build (a 28,000-card package keeps it busy for that
 * long). With two batches each, the workers idled ~2 s of a 33-s build.
 */
const BATCHES_PER_WORKER = 16;

function runBatches({ sources, options, threads, workerUrl, onProgress, deliver }: WorkerRun, started: (worker: Worker) => void): Promise<void> {
  const batches = batchesOf(sources);
  const inFlight = new Map<Worker, Set<number>>();
  let next = 0;
  let finished = 0;
  let done = 0;

  return new Promise<void>((resolve) => {
    const complete = (batchId: number, batchResults: readonly string[]): void => {
      const indexes = batches[batchId]!;
      indexes.forEach((sourceIndex, k) => deliver(sourceIndex, batchResults[k]!));
      done += indexes.length;
      onProgress?.(done, sources.length);
      if (++finished === batches.length) resolve();
    };
    const serially = (batchId: number): void => {
      complete(batchId, batches[batchId]!.map((i) => extractSerialized(sources[i]!.file, sources[i]!.text, options)));
    };
    const feed = (worker: Worker): void => {
      const held = inFlight.get(worker);
      if (held === undefined) return; // dropped
      const indexes = batches[next];
      if (indexes === undefined) {
        if (held.size === 0) {
          inFlight.delete(worker);
          void worker.terminate();
        }
        return;
      }
      held.add(next);
      worker.postMessage({ id: next++, files: indexes.map((i) => sources[i]!.file), texts: indexes.map((i) => sources[i]!.text) } satisfies Batch);
    };
    const drop = (worker: Worker): void => {
      const held = inFlight.get(worker);
      if (held === undefined) return;
      inFlight.delete(worker);
      void worker.terminate();
      for (const batchId of held) serially(batchId);
      // With no worker left, the main thread takes what remains.
      if (inFlight.size === 0) for (; next < batches.length; next++) serially(next);
    };
    const workers: Worker[] = [];
    for (let w = 0; w < Math.min(threads, batches.length); w++) {
      const worker = new Worker(workerUrl, { workerData: options, resourceLimits: WORKER_LIMITS });
      started(worker);
      inFlight.set(worker, new Set());
      worker.on('message', (message: BatchResult) => {
        inFlight.get(worker)?.delete(message.id);
        complete(message.id, message.results);
        feed(worker);
      });
      worker.on('error', () => drop(worker));
      worker.on('exit', () => drop(worker));
      workers.push(worker);
    }
    // Dealt out in turn, and fewer at a time for a small input, so every worker gets its share.
    const depth = Math.max(2, Math.min(BATCHES_PER_WORKER, Math.floor(batches.length / (workers.length * 4))));
    for (let k = 0; k < depth; k++) for (const worker of workers) feed(worker);
  });
}
