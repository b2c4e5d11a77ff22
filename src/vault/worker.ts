/**
 * A worker thread of the extraction pool (see pool.ts): receives batches of
 * notes' bytes, decodes and extracts each note, and answers with each
 * note's extraction result serialized as JSON. The
 * serialization happens here, in parallel, so the main thread only parses
 * the JSON it needs and can store the very same string in the cache.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExtractOptions } from '../extract/index.js';
import { textOfNote } from '../scan/index.js';
import { extractSerialized } from './extract-one.js';

export interface Batch {
  id: number;
  files: string[];
  /** The notes' bytes, one after another: note i ends at `ends[i]`. */
  bytes: Uint8Array<ArrayBuffer>;
  ends: number[];
}

export interface BatchResult {
  id: number;
  results: string[];
}

const options = workerData as Partial<ExtractOptions>;
const port = parentPort;
if (!port) throw new Error('worker.ts must run as a worker thread');

port.on('message', (batch: Batch) => {
  const results = batch.files.map((file, i) =>
    extractSerialized(file, textOfNote(batch.bytes.subarray(batch.ends[i - 1] ?? 0, batch.ends[i])), options),
  );
  port.postMessage({ id: batch.id, results } satisfies BatchResult);
});
