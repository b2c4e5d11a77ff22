import * as crypto from 'node:crypto';

/**
 * The first `hexDigits` hex digits of a digest of a text's UTF-8 bytes.
 * `crypto.hash` (Node >= 20.12) is the one-shot form, about twice as fast as a
 * Hash object for the many short texts a build hashes (card ids, field
 * checksums, note hashes). The prefix is sliced from the full hex, which keeps
 * that string alive while the prefix is: reading the digits from the digest's
 * bytes instead took 2.5× as long, and a build now lets go of each package's
 * note hashes once the package is written (about 2 MB of parents at a time).
 */
export function hashPrefix(algorithm: 'sha1' | 'sha256', text: string, hexDigits: number): string {
  const hex = typeof crypto.hash === 'function' ? crypto.hash(algorithm, text, 'hex') : crypto.createHash(algorithm).update(text).digest('hex');
  return hex.slice(0, hexDigits);
}
