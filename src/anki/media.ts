import { createHash } from 'node:crypto';
import { extname, posix } from 'node:path';

/** Anki refuses media names longer than this many UTF-8 bytes. */
const MAX_NAME_BYTES = 120;
const HASH_LENGTH = 12;

/**
 * The name an image is stored under in the package: its own name (NFC, unsafe
 * characters replaced) plus a content hash, e.g. `diagram-3fa2c41b9e07.png`.
 * A changed image gets a new name, so the note's field changes, the note is
 * updated on import and the new file is copied (Anki copies files only for
 * notes it adds or updates).
 */
export function mediaFileName(sourcePath: string, data: Uint8Array): string {
  const hash = createHash('sha256').update(data).digest('hex').slice(0, HASH_LENGTH);
  const base = posix.basename(sourcePath.replace(/\\/g, '/')).normalize('NFC');
  const ext = sanitize(extname(base)).slice(0, 16);
  let stem = sanitize(base.slice(0, base.length - extname(base).length)).replace(/[. ]+$/, '');
  const budget = MAX_NAME_BYTES - Buffer.byteLength(`-${hash}${ext}`);
  while (Buffer.byteLength(stem) > budget) stem = [...stem].slice(0, -1).join('');
  return stem === '' ? `${hash}${ext}` : `${stem}-${hash}${ext}`;
}

function sanitize(text: string): string {
  return text.replace(/[\x00-\x1f\x7f[\]<>:"/?*^|\\]/g, '_');
}

/**
 * Whether a name is safe as a `media` value: a `/`, `..` or absolute path there
 * makes Anki reject the whole package as corrupt.
 */
export function isSafeMediaName(name: string): boolean {
  return (
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    !/[\x00-\x1f\x7f[\]<>:"/?*^|\\]/.test(name) &&
    name === name.normalize('NFC') &&
    Buffer.byteLength(name) <= MAX_NAME_BYTES &&
    !/[ .]$/.test(name)
  );
}
