import { hashPrefix } from '../hash.js';
import { MAX_CLOZE, clozeNumbers } from '../cloze.js';
import { boundedMemo } from '../memo.js';

/**
 * Field text as Anki computes it for `notes.sfld` and `notes.csum`: media tags
 * replaced by their file name (rslib `strip_html_preserving_media_filenames`),
 * comments, style/script blocks and tags removed, entities decoded, and
 * non-breaking spaces turned into plain spaces.
 */
export function stripHtmlPreservingMedia(html: string): string {
  const withNames = html.replace(MEDIA_TAG, (_m, dq?: string, sq?: string, bare?: string) => ` ${dq ?? sq ?? bare ?? ''} `);
  return decodeEntities(withNames.replace(HTML, ''));
}

const MEDIA_TAG = /<\b(?:img|audio|object)\b[^>]+\b(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))/gis;
const HTML = /<!--.*?-->|<style.*?>.*?<\/style>|<script.*?>.*?<\/script>|<.*?>/gis;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));/g, (whole, dec?: string, hex?: string, name?: string) => {
      if (dec !== undefined) return safeCodePoint(Number.parseInt(dec, 10), whole);
      if (hex !== undefined) return safeCodePoint(Number.parseInt(hex, 16), whole);
      return NAMED[name!] ?? whole;
    })
    .replace(/\u00a0/g, ' ');
}

function safeCodePoint(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** `notes.csum`: the first 32 bits of the SHA-1 of the first field after stripHtmlPreservingMedia, as an unsigned integer. */
export function fieldChecksum(stripped: string): number {
  return Number.parseInt(hashPrefix('sha1', stripped, 8), 16);
}

/**
 * A field as Anki stores it: NFC, without ASCII control characters other than
 * tab and newline (0x1f separates fields in `notes.flds`, so it must never appear).
 */
export function normalizeField(text: string): string {
  return text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '').normalize('NFC');
}

/**
 * One tag as Anki accepts it: no whitespace (turned into `_`), no quotes or
 * control characters, `::` levels without empty parts. Obsidian's nested tags
 * (`lang/python`) become Anki's (`lang::python`). Empty when nothing is left.
 */
export function normalizeTag(tag: string): string {
  return tag
    .normalize('NFC')
    .replace(/[\x00-\x1f\x7f"]/g, '')
    .trim()
    .replace(/[\s\u3000]+/g, '_')
    .replace(/\//g, '::')
    .split('::')
    .filter((part) => part !== '')
    .join('::');
}

/**
 * `notes.tags`: `''` or `' a b '` — a space before, between and after. Tags are
 * normalized, de-duplicated case-insensitively (Anki treats `Python` and
 * `python` as one tag) and sorted, so reordering front matter tags is no change.
 */
export function tagsColumn(tags: readonly string[]): string {
  return tagsColumnOf(JSON.stringify(tags));
}

/** Tag lists remembered once formatted: every card of a note has the note's tags. */
const TAG_LISTS = 1000;
const tagsColumnOf = boundedMemo((key) => formatTags(JSON.parse(key) as string[]), TAG_LISTS);

function formatTags(tags: readonly string[]): string {
  const byKey = new Map<string, string>();
  for (const tag of tags.map(normalizeTag)) {
    if (tag !== '' && !byKey.has(tag.toLowerCase())) byKey.set(tag.toLowerCase(), tag);
  }
  const sorted = [...byKey.values()].sort((a, b) => compareStrings(a.toLowerCase(), b.toLowerCase()) || compareStrings(a, b));
  return sorted.length === 0 ? '' : ` ${sorted.join(' ')} `;
}

/** Code-point order, independent of the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A `{{c0::` or `{{c1,2::` deletion. */
export const BAD_CLOZE = /\{\{c(?:0+::|\d+,)/;

/**
 * Why a cloze text would make a broken Anki note, or undefined if it is fine:
 * it needs at least one `{{cN::`, and `{{c0::` (no card) or `{{c1,2::` (one
 * deletion on several cards) are rejected by strict importers.
 */
export function clozeProblem(text: string): string | undefined {
  // Read once: a build asks this of every cloze card.
  const numbers = clozeNumbers(text);
  if (numbers.includes(0)) return 'has a {{c0::...}} deletion, which makes no card';
  if (/\{\{c\d+,/.test(text)) return 'has a deletion with several numbers ({{c1,2::...}})';
  if (!numbers.some((n) => n >= 1 && n <= MAX_CLOZE)) return 'has no {{c1::...}} deletion';
  return undefined;
}
