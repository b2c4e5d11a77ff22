import * as crypto from 'node:crypto';

/**
 * The first `hexDigits` hex digits of a digest of a text's UTF-8 bytes.
 * `crypto.hash` (Node >= 20.12) is the one-shot form, faster for the many short
 * texts a build hashes; the prefix is sliced from the full hex, faster than
 * reading digits from the digest's bytes (measured with `npm run bench`, see bench/).
 */
export function hashPrefix(algorithm: 'sha1' | 'sha256', text: string, hexDigits: number): string {
  const hex = typeof crypto.hash === 'function' ? crypto.hash(algorithm, text, 'hex') : crypto.createHash(algorithm).update(text).digest('hex');
  return hex.slice(0, hexDigits);
}
