import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/**
 * Bytes of the target's name kept in the temporary file's name: with the dot,
 * the pid, the time and `.tmp` it stays under the 255 bytes most file systems
 * allow, however long the target's name (up to that limit itself) is.
 */
const TEMP_STEM_BYTES = 150;

/**
 * Writes a file so that readers (and a crash) see either the old content or
 * the new one, never a half-written file: the bytes go to a temporary file in
 * the same folder, are flushed to disk, then renamed over the target.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const tmp = join(dirname(path), `.${shortName(basename(path))}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** The name, its stem cut to TEMP_STEM_BYTES at a character boundary; the extension kept, so the temporary file is still known by it. */
function shortName(name: string): string {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  if (Buffer.byteLength(stem) <= TEMP_STEM_BYTES) return name;
  let short = '';
  for (const char of stem) {
    if (Buffer.byteLength(short + char) > TEMP_STEM_BYTES) break;
    short += char;
  }
  return short + ext;
}
