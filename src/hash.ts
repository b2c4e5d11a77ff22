import * as crypto from 'node:crypto';

/**
 * The first `hexDigits` hex digits of a digest of a text's UTF-8 bytes.
 * `crypto.hash` (Node >= 20.12) is the one-shot form, faster for the many short
 * texts a build hashes; the prefix is sliced from the full hex, faster than
 * reading digits from the digest's bytes (measured with `npm run bench`, see bench/).
 */
export function hashPrefix(algorithm: 'sha1' | 'sha256', text: string, hexDigits: number): string {
  return digest(algorithm, text, 'hex').slice(0, hexDigits);
}

/** The first `digits` characters of a digest of a text's UTF-8 bytes in base64url: six bits a character, for keys stored by the thousand. */
export function base64urlPrefix(algorithm: 'sha1' | 'sha256', text: string, digits: number): string {
  return digest(algorithm, text, 'base64url').slice(0, digits);
}

function digest(algorithm: 'sha1' | 'sha256', text: string, encoding: 'hex' | 'base64url'): string {
  return typeof crypto.hash === 'function' ? crypto.hash(algorithm, text, encoding) : crypto.createHash(algorithm).update(text).digest(encoding);
}
