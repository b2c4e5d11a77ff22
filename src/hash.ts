import * as crypto from 'node:crypto';

/**
 * The hex digest of a text's UTF-8 bytes. `crypto.hash` (Node >= 20.12) is the
 * one-shot form, about twice as fast as a Hash object for the many short
 * texts a build hashes (card ids, field checksums, note hashes).
 */
export function hexHash(algorithm: 'sha1' | 'sha256', text: string): string {
  return typeof crypto.hash === 'function' ? crypto.hash(algorithm, text, 'hex') : crypto.createHash(algorithm).update(text).digest('hex');
}
