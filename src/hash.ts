import * as crypto from 'node:crypto';

/**
 * The first `hexDigits` hex digits of a digest of a text's UTF-8 bytes.
 * `crypto.hash` (Node >= 20.12) is the one-shot form, about twice as fast as a
 * Hash object for the many short texts a build hashes (card ids, field
 * checksums, note hashes). The digits are read from the digest's bytes, not
 * sliced from its full hex: V8 keeps a slice's whole parent string alive, 16 MB
 * over the note hashes of a 10,000-note build.
 */
export function hashPrefix(algorithm: 'sha1' | 'sha256', text: string, hexDigits: number): string {
  const digest = typeof crypto.hash === 'function' ? crypto.hash(algorithm, text, 'buffer') : crypto.createHash(algorithm).update(text).digest();
  return digest.toString('hex', 0, hexDigits / 2);
}
