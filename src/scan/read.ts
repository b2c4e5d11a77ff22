import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { WarningKind } from '../card.js';

/** A note's text, or why it cannot be used (the caller turns the reason into a warning naming the file). */
export type NoteText = { ok: true; text: string } | { ok: false; reason: string; kind: NoteFailure };

/** A note's bytes, not yet checked to be text, or why they could not be read. */
export type NoteBytes = { ok: true; bytes: Buffer } | { ok: false; reason: string; kind: NoteFailure };

/** A note too big is skipped; one that cannot be read, or is not text, is unreadable (its package is kept). */
export type NoteFailure = Extract<WarningKind, 'unreadable' | 'skipped'>;

/** Default size above which a note is skipped: parsing time grows with size, and no real note is this big. */
export const DEFAULT_MAX_NOTE_BYTES = 4 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads one note safely: too big, binary (NUL bytes) or not UTF-8 gives a
 * reason instead of text.
 */
export function readNoteText(root: string, file: string, maxBytes = DEFAULT_MAX_NOTE_BYTES): NoteText {
  const read = readNoteBytes(root, file, maxBytes);
  return read.ok ? decodeNote(read.bytes) : read;
}

/**
 * Reads one note's bytes, or says why it cannot (too big, unreadable); a note
 * over the limit is not read at all. Synchronous: far faster than
 * promise-based reads over the thousands of small files a rebuild looks at to
 * find the few that changed.
 */
export function readNoteBytes(root: string, file: string, maxBytes = DEFAULT_MAX_NOTE_BYTES): NoteBytes {
  let fd: number;
  try {
    fd = openSync(join(root, file), 'r');
  } catch (error) {
    return { ok: false, reason: unreadable(error), kind: 'unreadable' };
  }
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) return { ok: false, reason: `too big (${formatBytes(size)}, limit ${formatBytes(maxBytes)}); skipped`, kind: 'skipped' };
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const n = readSync(fd, bytes, filled, size - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return { ok: true, bytes: bytes.subarray(0, filled) };
  } catch (error) {
    return { ok: false, reason: unreadable(error), kind: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}

function unreadable(error: unknown): string {
  return `not readable (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
}

/** Text of a note's bytes (UTF-8, BOM dropped), or why they are not a note. */
export function decodeNote(bytes: Uint8Array): NoteText {
  const reason = problemOf(bytes);
  return reason === undefined ? { ok: true, text: textOfNote(bytes) } : { ok: false, reason, kind: 'unreadable' };
}

/**
 * Why a note's bytes are not a note (binary, not UTF-8), or undefined: then
 * `textOfNote` decodes them. Checked without decoding, so a build can hand the
 * bytes to the worker that parses them and never hold the text itself.
 */
export function problemOf(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return 'binary file (contains NUL bytes); skipped';
  if (!isUtf8(bytes)) return 'not UTF-8 text; skipped (save it as UTF-8)';
  return undefined;
}

/** The text of bytes `problemOf` found nothing wrong with (BOM dropped). */
export function textOfNote(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
