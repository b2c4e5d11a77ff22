import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExtractOptions } from '../extract/index.js';
import { textOfNote } from '../scan/index.js';
import { extractSerialized } from './extract-one.js';
import type { Batch, BatchResult } from './worker.js';

/**
 * A note to extract: its path relative to the notes root and its bytes, found
 * to be text by the scan's `problemOf`. The workers decode them, so the main
 * thread never holds the text as strings (less memory, see bench/).
 */
export interface NoteSource {
  file: string;
  bytes: Uint8Array;
}

export interface PoolOptions {
  /** Worker threads to use; default: the cores available. 1 = serial, in this thread. */
  threads?: number;
  /** Called as notes are done, for progress bars. */
  onProgress?: (done: number, total: number) => void;
  /** The worker script; default: the compiled worker.js beside this module. Tests give one that fails. */
  workerUrl?: URL;
}

/** Below this much text a serial run beats starting workers, each of which loads remark before its first note (see bench/). */
export const PARALLEL_MIN_BYTES = 512 * 1024;
/**
 * A worker allocates furiously (a syntax tree per note) and keeps almost
 * nothing but the tree of the note at hand. Left unbounded, each worker's heap
 * grew with every large note it had parsed and was not collected, and the two
 * workers' heaps made most of a build's peak memory; bounded, a worker collects
 * its garbage sooner. The old generation's bound still holds the tree of a note
 * of a megabyte and more; a note past it fails only its worker, which is
 * replaced, and its batch is extracted in this thread, which has the full heap.
 * The young generation is twice V8's default: more of a note's tree and cards
 * die before they are copied and promoted, for less CPU at a little more peak
 * memory; larger still, the peak nears a gigabyte (see bench/).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 96, maxOldGenerationSizeMb: 192 };
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
  const results: string[] = new Array<string>(sources.length);
  const extraction = startExtraction(options, pool, (batch) => batch.forEach(({ index, json }) => (results[index] = json)));
  for (const source of sources) extraction.add(source);
  await extraction.done();
  return results;
}

/** One note's result: `index` is the number of notes added before it. */
export interface Extracted {
  index: number;
  json: string;
}

/** Notes handed to the pool one at a time, as they are read. */
export interface Extraction {
  /** Queues a note. */
  add(source: NoteSource): void;
  /**
   * No more notes. Settles once every result is delivered and every worker has
   * exited: until then Node keeps each Worker, and through its listeners every
   * note's text, alive.
   */
  done(): Promise<void>;
}

/**
 * An extraction that hands each batch of results to `deliver` as soon as it is
 * ready and keeps none: a caller that stores them (the cache) need not hold
 * 10,000 notes' JSON at once, and can store a batch in one transaction.
 * Workers start as soon as enough text is queued to pay for them, so they
 * parse while the rest of the vault is still being read; when too little
 * comes, the notes are extracted here, in this thread, at `done`.
 */
export function startExtraction(
  options: Partial<ExtractOptions>,
  pool: PoolOptions,
  deliver: (batch: readonly Extracted[]) => void,
): Extraction {
  const threads = pool.threads ?? availableParallelism();
  const workerUrl = threads >= 2 ? (pool.workerUrl ?? compiledWorkerUrl()) : undefined;
  return new WorkerRun(options, threads, workerUrl, pool.onProgress, deliver);
}

/**
 * Workers run JavaScript, so the pool starts the compiled `worker.js` beside
 * this module. The path goes up a folder and back into `vault/` because this
 * code also runs inside the command-line bundle, `dist/cli/main.js`
 * (scripts/bundle.js), one folder over. When this module itself runs as
 * TypeScript source (vitest), the compiled worker is taken from `dist/` (built
 * by `npm run build`/`pretest`);
 * if there is none, the pool falls back to the serial run, which gives the
 * same result. Parallel behaviour is therefore tested through `dist/`.
 */
function compiledWorkerUrl(): URL | undefined {
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL('../../dist/vault/worker.js', here) : new URL('../vault/worker.js', here);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Text queued at each worker: about half a second of parsing, so a worker
 * never waits for the main thread, which answers only between the packages it
 * assembles during a cold build (a 28,000-card package keeps it busy for that
 * long); with two batches each, the workers idled.
 */
const BYTES_PER_WORKER = 16 * BATCH_BYTES;

/**
 * Batches go to the worker with the least text in hand, as they fill and as
 * workers answer: counted in batches, a worker handed a large note last
 * finished up to half a second after the other, which then idled. A worker that fails (out of its memory limit on a pathological note,
 * say) is dropped and its batches are extracted here, in the main thread, which
 * has the full heap: one bad note never fails the build, and the results stay
 * those of the serial run.
 */
class WorkerRun implements Extraction {
  private readonly sources: NoteSource[] = [];
  /** Indexes into `sources`, BATCH_BYTES of text each (the last may be shorter). */
  private readonly batches: number[][] = [];
  /** The text of each batch, in bytes. */
  private readonly batchBytes: number[] = [];
  private filling: number[] = [];
  private fillingBytes = 0;
  private queuedBytes = 0;
  /** Next batch to hand out. */
  private next = 0;
  private delivered = 0;
  private spawned = 0;
  private closed = false;
  /** Undefined until the workers start, and again once every worker has failed; each worker's batches in hand. */
  private inFlight: Map<Worker, Set<number>> | undefined;
  private readonly exits: Promise<unknown>[] = [];
  private settle: (() => void) | undefined;
  /** The first failure to take a batch's results (the cache's disk full): it ends the run, and `done` rejects with it. */
  private failure: { error: unknown } | undefined;
  private abort: ((error: unknown) => void) | undefined;

  constructor(
    private readonly options: Partial<ExtractOptions>,
    private readonly threads: number,
    private readonly workerUrl: URL | undefined,
    private readonly onProgress: PoolOptions['onProgress'],
    private readonly deliver: (batch: readonly Extracted[]) => void,
  ) {}

  add(source: NoteSource): void {
    if (this.closed) throw new Error('extraction already done');
    this.throwIfFailed();
    this.filling.push(this.sources.push(source) - 1);
    this.fillingBytes += source.bytes.length;
    this.queuedBytes += source.bytes.length;
    if (this.fillingBytes >= BATCH_BYTES) this.closeBatch();
    const started = this.inFlight !== undefined || this.spawned > 0;
    if (!started && this.workerUrl && this.queuedBytes >= PARALLEL_MIN_BYTES) this.inFlight = new Map();
    this.pump();
  }

  async done(): Promise<void> {
    this.closed = true;
    if (this.filling.length > 0) this.closeBatch();
    this.throwIfFailed();
    if (this.inFlight) {
      const all = new Promise<void>((resolve, reject) => {
        this.settle = resolve;
        this.abort = reject;
      });
      this.pump();
      this.settleIfDone();
      await all;
    }
    this.throwIfFailed();
    // Too little text for workers, or every worker failed: this thread extracts what is left.
    for (; this.next < this.batches.length; this.next++) this.serially(this.next);
    await Promise.all(this.exits);
  }

  private closeBatch(): void {
    this.batches.push(this.filling);
    this.batchBytes.push(this.fillingBytes);
    this.filling = [];
    this.fillingBytes = 0;
  }

  /** A new worker, with nothing in hand yet. */
  private spawn(inFlight: Map<Worker, Set<number>>, workerUrl: URL): [Worker, Set<number>] {
    this.spawned++;
    const worker = new Worker(workerUrl, { workerData: this.options, resourceLimits: WORKER_LIMITS });
    this.exits.push(new Promise((resolve) => worker.once('exit', resolve)));
    const held = new Set<number>();
    inFlight.set(worker, held);
    worker.on('message', (message: BatchResult) => {
      // An answer that comes after its worker was dropped is late: that batch was extracted here.
      if (!inFlight.get(worker)?.delete(message.id)) return;
      this.guarded(() => {
        this.complete(message.id, message.results);
        this.pump();
      });
    });
    worker.on('error', (error) => this.guarded(() => this.drop(worker, error)));
    worker.on('exit', () => this.guarded(() => this.drop(worker)));
    return [worker, held];
  }

  /**
   * Hands out the batches that are full, to the workers with the least text in
   * hand, starting a worker (up to `threads`) only when every one has some:
   * a small input never starts more workers than it has batches. Lets idle
   * workers go once all are out.
   */
  private pump(): void {
    const { inFlight, workerUrl } = this;
    if (!inFlight || !workerUrl) return;
    while (this.next < this.batches.length) {
      let least: [Worker, Set<number>] | undefined;
      let leastBytes = 0;
      for (const entry of inFlight) {
        const bytes = this.bytesOf(entry[1]);
        if (!least || bytes < leastBytes) [least, leastBytes] = [entry, bytes];
      }
      if ((!least || least[1].size > 0) && this.spawned < this.threads) [least, leastBytes] = [this.spawn(inFlight, workerUrl), 0];
      if (!least || leastBytes >= BYTES_PER_WORKER) break;
      const [worker, held] = least;
      const batch = this.batchMessage(this.next);
      held.add(this.next++);
      // Moved, not copied: the batch's bytes are made for this message.
      worker.postMessage(batch, [batch.bytes.buffer]);
    }
    if (!this.closed || this.next < this.batches.length) return;
    for (const [worker, held] of inFlight) {
      if (held.size > 0) continue;
      inFlight.delete(worker);
      void worker.terminate();
    }
  }

  /** The text of the batches `held`, in bytes. */
  private bytesOf(held: ReadonlySet<number>): number {
    let bytes = 0;
    for (const id of held) bytes += this.batchBytes[id]!;
    return bytes;
  }

  /** A batch's notes with their bytes in one new buffer, each note's end in `ends`. */
  private batchMessage(id: number): Batch {
    const notes = this.batches[id]!.map((i) => this.sources[i]!);
    const bytes = new Uint8Array(notes.reduce((sum, note) => sum + note.bytes.length, 0));
    const ends: number[] = [];
    let at = 0;
    for (const note of notes) {
      bytes.set(note.bytes, at);
      at += note.bytes.length;
      ends.push(at);
    }
    return { id, files: notes.map((note) => note.file), bytes, ends };
  }

  private complete(batchId: number, results: readonly string[]): void {
    const indexes = this.batches[batchId]!;
    this.deliver(indexes.map((index, k) => ({ index, json: results[k]! })));
    this.delivered += indexes.length;
    this.onProgress?.(this.delivered, this.sources.length);
    this.settleIfDone();
  }

  private serially(batchId: number): void {
    const { sources, options } = this;
    this.complete(batchId, this.batches[batchId]!.map((i) => extractSerialized(sources[i]!.file, textOfNote(sources[i]!.bytes), options)));
  }

  private drop(worker: Worker, error?: unknown): void {
    const inFlight = this.inFlight;
    const held = inFlight?.get(worker);
    if (!inFlight || held === undefined) return;
    inFlight.delete(worker);
    void worker.terminate();
    // Out of its memory on one huge note, a worker is replaced: that note is extracted here, the rest keep their thread.
    const replaced = (error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    if (replaced) this.spawned--;
    for (const batchId of held) this.serially(batchId);
    // With no worker left, this thread takes what remains, and what is still to come (done()).
    if (inFlight.size === 0 && !replaced) {
      this.inFlight = undefined;
      for (; this.next < this.batches.length; this.next++) this.serially(this.next);
    } else {
      this.pump();
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /**
   * Runs work of a worker's event: a failure there (storing results on a full
   * disk) would otherwise be thrown from an event listener and end the process
   * with a stack trace. It ends the run instead: the workers stop, `done` rejects.
   */
  private guarded(work: () => void): void {
    if (this.failure) return;
    try {
      work();
    } catch (error) {
      this.failure = { error };
      const workers = [...(this.inFlight?.keys() ?? [])];
      this.inFlight = undefined;
      for (const worker of workers) void worker.terminate();
      this.abort?.(error);
    }
  }

  private settleIfDone(): void {
    if (this.closed && this.settle && this.delivered === this.sources.length) this.settle();
  }
}
