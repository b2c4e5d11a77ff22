import { Buffer } from 'node:buffer';
import { closeSync, constants, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { NoteWarning } from '../card.js';
import { removeAbandonedTempFiles } from '../fs/abandoned.js';
import { specialKind } from '../fs/special-kind.js';
import { textHash } from './cache.js';

/**
 * The last `cards --json` printed, kept beside the extraction cache
 * (`state.db` → `state.cards.cache`) with the notes' warnings it gave, for the
 * vault it was printed from: the same notes' results always print the same
 * text, so a run that finds that vault again copies the file instead of
 * scanning every result and claiming every card's identity again. Written by
 * `cards --json` itself, not by `build`, so only those who list the cards pay
 * for its disk space. Disposable as the cache is: a missing, damaged or
 * outdated file is printed afresh and replaced, and one that cannot be
 * written is done without.
 *
 * The file: a header line of fixed length (the format, the key it is valid
 * for, the listing's and the warnings' byte lengths), the listing, then the
 * warnings as JSON. It is written to a temporary file and renamed over the
 * old one, so a reader sees a whole listing, old or new, never a half-written
 * one, and a concurrent run's rename does not disturb a read already open.
 */

const FORMAT = 'flashmark cards --json listing 1';
/** The key's length: a textHash (SHA-1 in base64url). */
const KEY_CHARS = 27;
/** Each length is written with this many digits, so the header's length is fixed and it can be written last. */
const LENGTH_DIGITS = 15;
const HEADER_BYTES = FORMAT.length + 1 + KEY_CHARS + 2 * (1 + LENGTH_DIGITS) + 1;
/** Copied to the output this much at a time. */
const CHUNK_BYTES = 1024 * 1024;

/** The stored listing's file beside a study database. */
export function listingPathFor(statePath: string): string {
  return join(dirname(statePath), `${basename(statePath).replace(/\.db$/, '')}.cards.cache`);
}

/** What a stored listing is valid for: the notes' results (a read vault's digest) and whether repeated cards are kept. */
export function listingKey(digest: string, keepDuplicates: boolean): string {
  return textHash(`${digest}\n${keepDuplicates ? 'repeats kept' : 'repeats left out'}`);
}

function header(key: string, listingBytes: number, warningsBytes: number): string {
  return `${FORMAT} ${key} ${String(listingBytes).padStart(LENGTH_DIGITS, '0')} ${String(warningsBytes).padStart(LENGTH_DIGITS, '0')}\n`;
}

/** A stored listing found valid for the key asked for: its warnings, and its text in chunks. */
export interface StoredListing {
  warnings: NoteWarning[];
  /** The listing's text, each chunk valid until the next is asked for. */
  chunks(): Generator<Uint8Array>;
  close(): void;
}

/**
 * The listing stored at `path` for `key`, or undefined when there is none,
 * it is for other notes, or it is not whole (a header that does not say the
 * file's length, warnings that do not parse). Opened without blocking, and
 * only a regular file is read.
 */
export function openStoredListing(path: string, key: string): StoredListing | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size < HEADER_BYTES) return closed(fd);
    const head = Buffer.alloc(HEADER_BYTES);
    if (readSync(fd, head, 0, HEADER_BYTES, 0) !== HEADER_BYTES) return closed(fd);
    const fields = head.toString('latin1').slice(0, -1).split(' ');
    const [listingBytes, warningsBytes] = fields.slice(-2).map(Number) as [number, number];
    if (head.toString('latin1') !== header(key, listingBytes, warningsBytes) || stats.size !== HEADER_BYTES + listingBytes + warningsBytes) return closed(fd);
    const warningsText = Buffer.alloc(warningsBytes);
    if (readSync(fd, warningsText, 0, warningsBytes, HEADER_BYTES + listingBytes) !== warningsBytes) return closed(fd);
    const warnings = JSON.parse(warningsText.toString('utf8')) as unknown;
    if (!Array.isArray(warnings)) return closed(fd);
    return {
      warnings: warnings as NoteWarning[],
      chunks: () => listingChunks(fd, listingBytes),
      close: () => closeSync(fd),
    };
  } catch {
    return closed(fd);
  }
}

function closed(fd: number): undefined {
  closeSync(fd);
  return undefined;
}

function* listingChunks(fd: number, listingBytes: number): Generator<Uint8Array> {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(1, listingBytes)));
  for (let done = 0; done < listingBytes; ) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, listingBytes - done), HEADER_BYTES + done);
    if (read === 0) throw new Error('the stored cards listing was cut short while it was read');
    done += read;
    yield buffer.subarray(0, read);
  }
}

/**
 * Stores a listing as it is printed: `add` each chunk, then `finish` with the
 * warnings. Any failure to write (a full disk, a folder that cannot be
 * written) only leaves the listing unstored: the output is never affected.
 */
export class ListingWriter {
  private fd: number | undefined;
  private listingBytes = 0;
  private stored = false;

  private constructor(
    private readonly path: string,
    private readonly key: string,
    private readonly tmp: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /**
   * A writer for the listing at `path`, or undefined when it cannot be
   * stored there (something else than a file at the path, a folder that
   * cannot be written). The temporary files of runs killed while they wrote
   * one are removed first; this run's is removed if it exits before the
   * listing is whole (a reader that closes the pipe early, `| head`).
   */
  static start(path: string, key: string): ListingWriter | undefined {
    if (specialKind(path) !== undefined) return undefined;
    const folder = dirname(path);
    const tmp = join(folder, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    try {
      removeAbandonedTempFiles(folder, new RegExp(`^\\.${escapeRegExp(basename(path))}\\.(\\d+)\\.\\d+\\.tmp$`));
      const fd = openSync(tmp, 'wx');
      const writer = new ListingWriter(path, key, tmp, fd);
      process.once('exit', writer.onExit);
      writer.write(Buffer.from(header(key, 0, 0), 'latin1'), 0);
      return writer;
    } catch {
      rmSync(tmp, { force: true });
      return undefined;
    }
  }

  private readonly onExit = (): void => this.abandon();

  add(chunk: Uint8Array): void {
    if (this.fd === undefined) return;
    try {
      this.write(chunk, HEADER_BYTES + this.listingBytes);
      this.listingBytes += chunk.length;
    } catch {
      this.abandon();
    }
  }

  /** Writes the warnings and the header, flushes the file to disk and renames it over the stored listing. */
  finish(warnings: readonly NoteWarning[]): void {
    if (this.fd === undefined) return;
    try {
      const warningsText = Buffer.from(JSON.stringify(warnings), 'utf8');
      this.write(warningsText, HEADER_BYTES + this.listingBytes);
      this.write(Buffer.from(header(this.key, this.listingBytes, warningsText.length), 'latin1'), 0);
      // Flushed before the rename: after a power cut the name must not point to a file whose data never reached the disk.
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = undefined;
      renameSync(this.tmp, this.path);
      this.stored = true;
      process.off('exit', this.onExit);
    } catch {
      this.abandon();
    }
  }

  /** Drops the listing being written, unless it was stored. */
  abandon(): void {
    if (this.stored) return;
    process.off('exit', this.onExit);
    try {
      if (this.fd !== undefined) closeSync(this.fd);
      rmSync(this.tmp, { force: true });
    } catch {
      // A temporary file that cannot be removed is left as a failed atomic write leaves one.
    }
    this.fd = undefined;
  }

  private write(bytes: Uint8Array, position: number): void {
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd!, bytes, done, bytes.length - done, position + done);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
