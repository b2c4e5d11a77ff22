import { Buffer } from 'node:buffer';
import type { NoteWarning } from '../card.js';
import { sameIdentityMessage } from './unique-ids.js';

/**
 * `cards --json` written straight from the results' bytes as the cache keeps
 * them (stored-result.ts), without decoding them: the text is exactly
 * `JSON.stringify(cards, null, 2)` of the decoded cards, because JSON.stringify
 * escapes a string the same way with or without indentation, so each value's
 * JSON text is copied as it is: decoding every card only to print it again
 * cost most of the command's time.
 *
 * The scanner reads only what `storedResultJson` writes: compact JSON whose
 * cards hold strings, integers and arrays of strings. Anything else is a lost
 * cache, and throws.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** A card's values in the order a printed card has them; each is kept as the [start, end) of its JSON text. */
const CARD_FIELDS = ['id', 'deck', 'type', 'front', 'back', 'cards', 'tags', 'rule', 'file', 'line', 'media'] as const;
const FIELDS = CARD_FIELDS.length;
const field = (name: (typeof CARD_FIELDS)[number]): number => CARD_FIELDS.indexOf(name);
const ID = field('id');
const DECK = field('deck');
const TAGS = field('tags');
const FILE = field('file');
const LINE = field('line');
const MEDIA = field('media');
/** Each key's bytes, and the fields by their key's first byte: a card's keys are told apart without making a string of each. */
const KEY_BYTES = CARD_FIELDS.map(bytesOf);
const FIELDS_BY_FIRST_BYTE: number[][] = Array.from({ length: 128 }, () => []);
CARD_FIELDS.forEach((name, index) => FIELDS_BY_FIRST_BYTE[name.charCodeAt(0)]!.push(index));

/** A fragment's bytes as a plain Uint8Array: copying from one needs no view made first. */
function bytesOf(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text));
}

/** What precedes each value of a printed card (`JSON.stringify(card, null, 2)` inside the array): keys and indentation. */
const BEFORE = [
  '  {\n    "id": ',
  ',\n    "deck": ',
  ',\n    "type": ',
  ',\n    "front": ',
  ',\n    "back": ',
  ',\n    "cards": ',
  ',\n    "tags": ',
  ',\n    "rule": ',
  ',\n    "source": {\n      "file": ',
  ',\n      "line": ',
  '\n    },\n    "media": ',
].map(bytesOf);
const CARD_END = bytesOf('\n  }');
const BETWEEN_CARDS = bytesOf(',\n');
const EMPTY_STRING = bytesOf('""');
const EMPTY_ARRAY = bytesOf('[]');
/** A card's arrays print one item a line, at the third level of indentation; the closing bracket at the second. */
const ITEM_START = bytesOf('\n      ');
const ARRAY_END = bytesOf('\n    ]');
const CARD_FRAME_BYTES = BEFORE.reduce((sum, b) => sum + b.length, 0) + CARD_END.length + BETWEEN_CARDS.length;
/** FNV-1a, 32 bits: enough to spread identities over the table (equal hashes are compared in full). */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/** Spans longer than this are copied natively; shorter ones byte by byte, which costs less than making a view of each. */
const LONG_SPAN = 24;
/** Printed text handed out at a time: a write each, not one per note. */
const CHUNK_BYTES = 1024 * 1024;
/** The printer's buffer to begin with; it grows past a chunk for a large note. */
const INITIAL_OUTPUT_BYTES = 2 * CHUNK_BYTES;

/** A stored note's cards, located in its bytes, and its warnings. */
interface ScannedNote {
  file: string;
  warnings: NoteWarning[];
  /** Each card's line, in the note's order. */
  lines: number[];
  /** The bytes the spans point into. */
  bytes: Uint8Array;
  /** FIELDS [start, end) pairs a card: -1 where the card has no value of its own and takes the note's. */
  spans: Int32Array;
  /** The note-level values (`[start, end)`, or -1) a card without its own takes. */
  noteDeck: readonly [number, number];
  noteTags: readonly [number, number];
  noteFile: readonly [number, number];
}

function lostCache(at: number): Error {
  return new Error(`a result in the extraction cache is not in the stored form (at byte ${at})`);
}

const indexOfByte = (b: Uint8Array, byte: number, from: number): number => Uint8Array.prototype.indexOf.call(b, byte, from);

/** The next quote at or after `from`, or -1: most strings (identities, kinds, tags) end within a short span, found by a loop cheaper than a native call. */
function nextQuote(b: Uint8Array, from: number): number {
  const end = Math.min(from + LONG_SPAN, b.length);
  for (let i = from; i < end; i++) if (b[i] === QUOTE) return i;
  return end === b.length ? -1 : indexOfByte(b, QUOTE, end);
}

/** The end (past the closing quote) of the JSON string opening at `at`. */
function stringEnd(b: Uint8Array, at: number): number {
  if (b[at] !== QUOTE) throw lostCache(at);
  let from = at + 1;
  for (;;) {
    const quote = nextQuote(b, from);
    if (quote < 0) throw lostCache(at);
    let backslash = quote - 1;
    while (b[backslash] === BACKSLASH) backslash--;
    // An even run of backslashes escapes itself, not the quote.
    if ((quote - 1 - backslash) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The end of the JSON value opening at `at`: a string, an array of strings, a number, or (outside cards) any value. */
function valueEnd(b: Uint8Array, at: number): number {
  const first = b[at];
  if (first === QUOTE) return stringEnd(b, at);
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    for (let i = at; i < b.length; i++) {
      const c = b[i];
      if (c === QUOTE) i = stringEnd(b, i) - 1;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --depth === 0) return i + 1;
    }
    throw lostCache(at);
  }
  let i = at;
  while (i < b.length && b[i] !== COMMA && b[i] !== CLOSE_OBJECT && b[i] !== CLOSE_ARRAY) i++;
  if (i === at) throw lostCache(at);
  return i;
}

/** A card's field of the key between `start` and `end` (its quotes included). */
function cardField(b: Uint8Array, start: number, end: number): number {
  const length = end - start - 2;
  const candidates = FIELDS_BY_FIRST_BYTE[b[start + 1]!] ?? [];
  for (let c = 0; c < candidates.length; c++) {
    const index = candidates[c]!;
    const key = KEY_BYTES[index]!;
    if (key.length !== length) continue;
    let k = 1;
    while (k < length && key[k] === b[start + 1 + k]) k++;
    if (k === length) return index;
  }
  throw lostCache(start);
}

const decoder = new TextDecoder();

function decodeJson(b: Uint8Array, start: number, end: number): unknown {
  return JSON.parse(decoder.decode(b.subarray(start, end)));
}

/** The integer whose digits are between `start` and `end`. */
function integer(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + (b[i]! - 0x30);
  return n;
}

/** A growing list of card spans, used again for each note: a note's spans are printed before the next note is scanned. */
class Spans {
  values = new Int32Array(2 * FIELDS * 16);
  count = 0;

  clear(): this {
    this.count = 0;
    return this;
  }

  next(): number {
    const at = 2 * FIELDS * this.count++;
    if (at + 2 * FIELDS > this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    for (let i = at; i < at + 2 * FIELDS; i++) this.values[i] = -1;
    return at;
  }
}

/** Locates a stored note's cards and the values they print in its bytes, in one pass, into `spans` (cleared first). */
function scanStoredNote(stored: Uint8Array, spans: Spans): ScannedNote {
  // A plain view: a Buffer's views are made by its own, slower constructor.
  const b = new Uint8Array(stored.buffer, stored.byteOffset, stored.byteLength);
  spans.clear();
  const note = { deck: [-1, -1] as [number, number], tags: [-1, -1] as [number, number], file: [-1, -1] as [number, number], warnings: [] as NoteWarning[] };
  const lines: number[] = [];
  if (b[0] !== OPEN_OBJECT) throw lostCache(0);
  let i = 1;
  for (;;) {
    const keyEnd = stringEnd(b, i);
    if (b[keyEnd] !== COLON) throw lostCache(keyEnd);
    const key = decoder.decode(b.subarray(i + 1, keyEnd - 1));
    // The dropped candidates (a third of the bytes) come after all a listing prints: see storedResultJson.
    if (key === 'dropped') break;
    if (key === 'cards') {
      i = scanCards(b, keyEnd + 1, spans, lines);
    } else {
      i = valueEnd(b, keyEnd + 1);
      if (key === 'file' || key === 'deck' || key === 'tags') note[key] = [keyEnd + 1, i];
      else if (key === 'warnings') note.warnings = decodeJson(b, keyEnd + 1, i) as NoteWarning[];
    }
    if (b[i] === CLOSE_OBJECT) break;
    if (b[i] !== COMMA) throw lostCache(i);
    i++;
  }
  if (note.file[0] < 0) throw lostCache(0);
  const file = decodeJson(b, note.file[0], note.file[1]) as string;
  return { file, warnings: note.warnings, lines, bytes: b, spans: spans.values, noteDeck: note.deck, noteTags: note.tags, noteFile: note.file };
}

/** Records each card of the array opening at `at`; returns where the array ends. */
function scanCards(b: Uint8Array, at: number, spans: Spans, lines: number[]): number {
  if (b[at] !== OPEN_ARRAY) throw lostCache(at);
  let i = at + 1;
  if (b[i] === CLOSE_ARRAY) return i + 1;
  for (;;) {
    if (b[i] !== OPEN_OBJECT) throw lostCache(i);
    const base = spans.next();
    const values = spans.values;
    i++;
    for (;;) {
      const keyEnd = stringEnd(b, i);
      if (b[keyEnd] !== COLON) throw lostCache(keyEnd);
      const index = cardField(b, i, keyEnd);
      const end = valueEnd(b, keyEnd + 1);
      values[base + 2 * index] = keyEnd + 1;
      values[base + 2 * index + 1] = end;
      i = end;
      if (b[i] === CLOSE_OBJECT) break;
      if (b[i] !== COMMA) throw lostCache(i);
      i++;
    }
    if (values[base + 2 * ID]! < 0 || values[base + 2 * LINE]! < 0) throw lostCache(i);
    lines.push(integer(b, values[base + 2 * LINE]!, values[base + 2 * LINE + 1]!));
    i++;
    if (b[i] === CLOSE_ARRAY) return i + 1;
    if (b[i] !== COMMA) throw lostCache(i);
    i++;
  }
}

/**
 * The card identities printed so far, by their JSON text (equal texts are
 * equal identities: JSON.stringify escapes a string one way only), each with
 * the file that has it first: `keepFirstIdentities` over the bytes. An open
 * hash table over 32-bit hashes, the texts kept in one arena, because a Map
 * of every identity as a string cost more than printing the cards.
 */
class FirstPrintedIdentities {
  /** Entry number in each slot, -1 when free; at most half are taken. */
  private slots = new Int32Array(1024).fill(-1);
  private hashes: number[] = [];
  /** Entry j's text is arena[ends[j - 1] ?? 0, ends[j]). */
  private ends: number[] = [];
  private arena = new Uint8Array(64 * 1024);
  private used = 0;
  private files: string[] = [];

  /** Undefined when `note` is the first to have the identity of its card `k` (it now keeps it); else the file that has it first. */
  claim(note: ScannedNote, k: number): string | undefined {
    const b = note.bytes;
    const start = note.spans[2 * FIELDS * k + 2 * ID]!;
    const end = note.spans[2 * FIELDS * k + 2 * ID + 1]!;
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ b[i]!, FNV_PRIME);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let entry = this.slots[slot]!; entry >= 0; entry = this.slots[slot]!) {
      if (this.hashes[entry] === hash && this.sameText(entry, b, start, end)) return this.files[entry];
      slot = (slot + 1) & mask;
    }
    this.add(hash, b, start, end, note.file, slot);
    return undefined;
  }

  private sameText(entry: number, b: Uint8Array, start: number, end: number): boolean {
    const from = this.ends[entry - 1] ?? 0;
    if (this.ends[entry]! - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.arena[from + i] !== b[start + i]) return false;
    return true;
  }

  private add(hash: number, b: Uint8Array, start: number, end: number, file: string, slot: number): void {
    if (this.used + end - start > this.arena.length) {
      const grown = new Uint8Array(Math.max(2 * this.arena.length, this.used + end - start));
      grown.set(this.arena.subarray(0, this.used));
      this.arena = grown;
    }
    for (let i = start; i < end; i++) this.arena[this.used++] = b[i]!;
    const entry = this.hashes.push(hash) - 1;
    this.ends.push(this.used);
    this.files.push(file);
    this.slots[slot] = entry;
    if (2 * this.hashes.length > this.slots.length) this.rehash();
  }

  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length).fill(-1);
    const mask = slots.length - 1;
    this.hashes.forEach((hash, entry) => {
      let slot = hash & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = entry;
    });
    this.slots = slots;
  }
}

const OPEN_LISTING = bytesOf('[\n');
const CLOSE_LISTING = bytesOf('\n]\n');
const EMPTY_LISTING = bytesOf('[]\n');

/**
 * The text of `cards --json` for the stored results of a vault's notes, in
 * vault order: `JSON.stringify(cards, null, 2)` and a newline, of the cards
 * `keepFirstIdentities` keeps. In chunks, each valid until the next is asked
 * for; each note's warnings (its own, then those of its cards skipped for an
 * identity an earlier card has) go to `warn` as its turn comes.
 */
export function* cardsJsonChunks(stored: Iterable<Uint8Array>, warn: (warnings: readonly NoteWarning[]) => void): Generator<Uint8Array> {
  const identities = new FirstPrintedIdentities();
  const printer = new CardPrinter();
  const spans = new Spans();
  let printed = false;
  for (const bytes of stored) {
    const note = scanStoredNote(bytes, spans);
    const warnings = [...note.warnings];
    const kept: number[] = [];
    note.lines.forEach((line, k) => {
      const firstFile = identities.claim(note, k);
      if (firstFile === undefined) kept.push(k);
      else warnings.push({ file: cardFile(note, k), message: sameIdentityMessage(line, firstFile), kind: 'skipped' });
    });
    warn(warnings);
    if (kept.length === 0) continue;
    printer.append(printed ? BETWEEN_CARDS : OPEN_LISTING);
    printer.print(note, kept);
    printed = true;
    if (printer.size >= CHUNK_BYTES) yield printer.take();
  }
  printer.append(printed ? CLOSE_LISTING : EMPTY_LISTING);
  yield printer.take();
}

/** The file of card `k` (its own, or the note's): for a warning that names it. */
function cardFile(note: ScannedNote, k: number): string {
  const start = note.spans[2 * FIELDS * k + 2 * FILE]!;
  return start < 0 ? note.file : (decodeJson(note.bytes, start, note.spans[2 * FIELDS * k + 2 * FILE + 1]!) as string);
}

/**
 * Prints the cards `kept` (indexes into a note's cards) as in the array of
 * `cards --json`, separated by `,\n`, without brackets: each as
 * `JSON.stringify(cards, null, 2)` prints an item. Into one buffer used again
 * once taken, so printing allocates next to nothing for the collector.
 */
class CardPrinter {
  private out = new Uint8Array(INITIAL_OUTPUT_BYTES);
  /** Bytes printed and not yet taken. */
  size = 0;

  /** Adds a fragment of the listing between notes' cards. */
  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.size = putAll(this.out, this.size, bytes);
  }

  /** What was printed since the last call: valid until the next print. */
  take(): Uint8Array {
    const printed = this.out.subarray(0, this.size);
    this.size = 0;
    return printed;
  }

  /** Makes room for `bytes` more, keeping what is printed. */
  private reserve(bytes: number): void {
    if (this.size + bytes <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.size + bytes, 2 * this.out.length));
    grown.set(this.out.subarray(0, this.size));
    this.out = grown;
  }

  print(note: ScannedNote, kept: readonly number[]): void {
    const { bytes: b, spans } = note;
    let bound = 0;
    for (const k of kept) {
      const base = 2 * FIELDS * k;
      bound += CARD_FRAME_BYTES + EMPTY_STRING.length + 2 * EMPTY_ARRAY.length;
      for (let f = 0; f < FIELDS; f++) bound += spans[base + 2 * f + 1]! - spans[base + 2 * f]!;
      // Arrays grow by an indentation an item (an item is at least its quotes).
      bound += 4 * (Math.max(0, spans[base + 2 * TAGS + 1]! - spans[base + 2 * TAGS]!, note.noteTags[1] - note.noteTags[0]) + ARRAY_END.length);
      bound += 4 * (spans[base + 2 * MEDIA + 1]! - spans[base + 2 * MEDIA]! + ARRAY_END.length);
      bound += Math.max(0, note.noteDeck[1] - note.noteDeck[0]) + (note.noteFile[1] - note.noteFile[0]);
    }
    this.reserve(bound);
    const out = this.out;
    let p = this.size;
    kept.forEach((k, n) => {
      const base = 2 * FIELDS * k;
      if (n > 0) p = putAll(out, p, BETWEEN_CARDS);
      for (let f = 0; f < FIELDS; f++) {
        p = putAll(out, p, BEFORE[f]!);
        let start = spans[base + 2 * f]!;
        let end = spans[base + 2 * f + 1]!;
        if (start < 0 && f === DECK) [start, end] = note.noteDeck;
        else if (start < 0 && f === TAGS) [start, end] = note.noteTags;
        else if (start < 0 && f === FILE) [start, end] = note.noteFile;
        if (f === TAGS || f === MEDIA) p = putStringArray(out, p, b, start);
        else if (start < 0) p = putAll(out, p, EMPTY_STRING);
        else p = put(out, p, b, start, end);
      }
      p = putAll(out, p, CARD_END);
    });
    this.size = p;
  }
}

/** Copies all of `from`, a fragment of the frame (a view of its own: no view to make). */
function putAll(out: Uint8Array, p: number, from: Uint8Array): number {
  return put(out, p, from, 0, from.length);
}

function put(out: Uint8Array, p: number, from: Uint8Array, start: number, end: number): number {
  if (end - start > LONG_SPAN) {
    out.set(from.subarray(start, end), p);
    return p + end - start;
  }
  for (let i = start; i < end; i++) out[p++] = from[i]!;
  return p;
}

/** The compact array of strings at `at` (-1: none) as a card prints it: one item a line, or `[]`. */
function putStringArray(out: Uint8Array, p: number, b: Uint8Array, at: number): number {
  if (at < 0 || b[at + 1] === CLOSE_ARRAY) return putAll(out, p, EMPTY_ARRAY);
  if (b[at] !== OPEN_ARRAY) throw lostCache(at);
  out[p++] = OPEN_ARRAY;
  let i = at + 1;
  for (;;) {
    const end = stringEnd(b, i);
    p = putAll(out, p, ITEM_START);
    p = put(out, p, b, i, end);
    i = end;
    if (b[i] === CLOSE_ARRAY) break;
    if (b[i] !== COMMA) throw lostCache(i);
    out[p++] = COMMA;
    i++;
  }
  return putAll(out, p, ARRAY_END);
}
