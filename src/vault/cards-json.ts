import { Buffer } from 'node:buffer';
import type { NoteWarning } from '../card.js';
import { CONTENT_KEY_DIGITS } from './same-content.js';
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
const TYPE = field('type');
const TAGS = field('tags');
const RULE = field('rule');
const FILE = field('file');
const LINE = field('line');
const MEDIA = field('media');
/** The values every stored card has; the others only when not the note's (stored-result.ts). */
const ALWAYS_STORED = (['id', 'type', 'front', 'back', 'cards', 'rule', 'line'] as const).map(field);
/** The order storedResultJson writes a card's keys in, and each key as it is written, its quotes and colon included. */
const STORED_ORDER = (['id', 'type', 'front', 'back', 'cards', 'rule', 'line', 'deck', 'tags', 'file', 'media'] as const).map(field);
const KEY_AND_COLON = CARD_FIELDS.map((name) => bytesOf(`"${name}":`));
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
];
/**
 * The frame's fragments, each named by its index: the keys before each value
 * (the field's index), then the rest. Printing copies them from one run of
 * bytes kept beside the note's (see CardPrinter).
 */
const FRAGMENT_TEXTS = [
  ...BEFORE,
  '\n  }',
  // The end of a card without media, from the line's value on.
  '\n    },\n    "media": []\n  }',
  ',\n  {\n    "id": ',
  // A card's arrays print one item a line, at the third level of indentation; the closing bracket at the second.
  '\n      ',
  '\n    ]',
  '""',
  '[]',
];
const CARD_END = FIELDS;
const NO_MEDIA_END = FIELDS + 1;
const NEXT_CARD = FIELDS + 2;
const ITEM_START = FIELDS + 3;
const ARRAY_END = FIELDS + 4;
const EMPTY_STRING = FIELDS + 5;
const EMPTY_ARRAY = FIELDS + 6;
const FRAGMENTS = bytesOf(FRAGMENT_TEXTS.join(''));
const FRAGMENT_END = FRAGMENT_TEXTS.map((_, k) => Buffer.byteLength(FRAGMENT_TEXTS.slice(0, k + 1).join('')));
const FRAGMENT_START = FRAGMENT_END.map((end, k) => end - Buffer.byteLength(FRAGMENT_TEXTS[k]!));
const fragmentBytes = (k: number): number => FRAGMENT_END[k]! - FRAGMENT_START[k]!;
const BETWEEN_CARDS = bytesOf(',\n');
const CARD_FRAME_BYTES = FRAGMENT_END[FIELDS - 1]! + fragmentBytes(CARD_END) + BETWEEN_CARDS.length;
/** FNV-1a, 32 bits: enough to spread identities over the table (equal hashes are compared in full). */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/** Spans longer than this are copied natively; shorter ones byte by byte, which costs less than the call. */
const LONG_SPAN = 8;
/** How far `nextQuote` looks byte by byte before it calls the native search. */
const SHORT_STRING = 24;
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
  /** Where the cards' content keys start (past the opening quote), or -1 when the note has no cards. */
  contents: number;
}

function lostCache(at: number): Error {
  return new Error(`a result in the extraction cache is not in the stored form (at byte ${at})`);
}

const indexOfByte = (b: Uint8Array, byte: number, from: number): number => Uint8Array.prototype.indexOf.call(b, byte, from);

/** The next quote at or after `from`, or -1: most strings (identities, kinds, tags) end within a short span, found by a loop cheaper than a native call. */
function nextQuote(b: Uint8Array, from: number): number {
  const end = Math.min(from + SHORT_STRING, b.length);
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

/** Whether `b` holds all of `bytes` at `at`. */
function startsWith(b: Uint8Array, at: number, bytes: Uint8Array): boolean {
  for (let k = 0; k < bytes.length; k++) if (b[at + k] !== bytes[k]) return false;
  return true;
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
  const note = { deck: [-1, -1] as [number, number], tags: [-1, -1] as [number, number], file: [-1, -1] as [number, number], warnings: [] as NoteWarning[], contents: -1 };
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
      else if (key === 'contents') note.contents = keyEnd + 2;
    }
    if (b[i] === CLOSE_OBJECT) break;
    if (b[i] !== COMMA) throw lostCache(i);
    i++;
  }
  if (note.file[0] < 0) throw lostCache(0);
  if (lines.length > 0 && (note.contents < 0 || b[note.contents + lines.length * CONTENT_KEY_DIGITS] !== QUOTE)) throw lostCache(note.contents);
  const file = decodeJson(b, note.file[0], note.file[1]) as string;
  return { file, warnings: note.warnings, lines, bytes: b, spans: spans.values, noteDeck: note.deck, noteTags: note.tags, noteFile: note.file, contents: note.contents };
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
    let expected = 0;
    for (;;) {
      let index = -1;
      let valueAt = i;
      // Keys come in the order storedResultJson writes them: each is found by comparing its bytes, not by scanning for its end.
      for (let o = expected; o < STORED_ORDER.length; o++) {
        if (startsWith(b, i, KEY_AND_COLON[STORED_ORDER[o]!]!)) {
          index = STORED_ORDER[o]!;
          valueAt = i + KEY_AND_COLON[index]!.length;
          expected = o + 1;
          break;
        }
      }
      if (index < 0) {
        const keyEnd = stringEnd(b, i);
        if (b[keyEnd] !== COLON) throw lostCache(keyEnd);
        index = cardField(b, i, keyEnd);
        valueAt = keyEnd + 1;
      }
      const end = valueEnd(b, valueAt);
      values[base + 2 * index] = valueAt;
      values[base + 2 * index + 1] = end;
      i = end;
      if (b[i] === CLOSE_OBJECT) break;
      if (b[i] !== COMMA) throw lostCache(i);
      i++;
    }
    for (const f of ALWAYS_STORED) if (values[base + 2 * f]! < 0) throw lostCache(i);
    lines.push(integer(b, values[base + 2 * LINE]!, values[base + 2 * LINE + 1]!));
    i++;
    if (b[i] === CLOSE_ARRAY) return i + 1;
    if (b[i] !== COMMA) throw lostCache(i);
    i++;
  }
}

/**
 * The card identities claimed so far, by their JSON text (equal texts are
 * equal identities: JSON.stringify escapes a string one way only), each with
 * the file that has it first: `keepFirstIdentities` over the bytes. An open
 * hash table over 32-bit hashes, the texts kept in one arena, because a Map
 * of every identity as a string cost more than printing the cards.
 */
class FirstClaims {
  /** Two numbers a slot, the hash and the entry number plus one (0: free), so a probe reads one place; at most three in four are taken. */
  private slots = new Int32Array(2 * 1024);
  private count = 0;
  /** Entry j's text is arena[ends[j - 1] ?? 0, ends[j]); its file is files[fileOf[j]]. */
  private ends: Int32Array = new Int32Array(1024);
  private fileOf: Int32Array = new Int32Array(1024);
  private arena: Uint8Array = new Uint8Array(64 * 1024);
  private used = 0;
  /** The files of the notes that have entries, each once. */
  private files: string[] = [];

  /** Undefined when `note` is the first to have the text between `start` and `end` of its bytes (it now keeps it); else the file that has it first. */
  claim(note: ScannedNote, start: number, end: number): string | undefined {
    const b = note.bytes;
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ b[i]!, FNV_PRIME);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    for (let entry = slots[2 * slot + 1]!; entry > 0; entry = slots[2 * slot + 1]!) {
      if (slots[2 * slot] === hash && this.sameText(entry - 1, b, start, end)) return this.files[this.fileOf[entry - 1]!];
      slot = (slot + 1) & mask;
    }
    this.add(hash, b, start, end, note.file, slot);
    return undefined;
  }

  private sameText(entry: number, b: Uint8Array, start: number, end: number): boolean {
    const from = entry === 0 ? 0 : this.ends[entry - 1]!;
    if (this.ends[entry]! - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.arena[from + i] !== b[start + i]) return false;
    return true;
  }

  private add(hash: number, b: Uint8Array, start: number, end: number, file: string, slot: number): void {
    if (this.used + end - start > this.arena.length) this.arena = grownBytes(this.arena, this.used, this.used + end - start);
    if (this.count === this.ends.length) {
      this.ends = grownNumbers(this.ends, this.count);
      this.fileOf = grownNumbers(this.fileOf, this.count);
    }
    const arena = this.arena;
    let used = this.used;
    for (let i = start; i < end; i++) arena[used++] = b[i]!;
    this.used = used;
    this.ends[this.count] = used;
    if (this.files[this.files.length - 1] !== file) this.files.push(file);
    this.fileOf[this.count] = this.files.length - 1;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = ++this.count;
    if (8 * this.count > 3 * this.slots.length) this.rehash();
  }

  /** Into a table twice as large: the smaller the table, the fewer of its reads miss the processor's caches, which is most of a claim's cost. */
  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length);
    const mask = (slots.length >> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from + 1] === 0) continue;
      let slot = old[from]! & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[from]!;
      slots[2 * slot + 1] = old[from + 1]!;
    }
    this.slots = slots;
  }
}

/** Each base64url digit's value by its byte (-1: not one): a content key's digits are read as two numbers. */
const DIGIT_VALUE = new Int8Array(256).fill(-1);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].forEach((digit, value) => (DIGIT_VALUE[digit.charCodeAt(0)] = value));
const HALF_KEY = CONTENT_KEY_DIGITS / 2;

/** The number the `HALF_KEY` base64url digits at `at` spell. */
function digitsAt(b: Uint8Array, at: number): number {
  let n = 0;
  for (let i = at; i < at + HALF_KEY; i++) {
    const value = DIGIT_VALUE[b[i]!]!;
    if (value < 0) throw lostCache(i);
    n = n * 64 + value;
  }
  return n;
}

/**
 * The content keys claimed so far, each with the file that has it first:
 * `keepFirstContents` over the bytes. A key is random bits, read as two
 * numbers kept in its slot beside its file, so a claim reads one place: no
 * hash to compute and no arena to compare with, unlike the identities'.
 */
class FirstContentKeys {
  /** Three numbers a slot: the key's two halves and its file's number plus one (0: free); at most three in four are taken. */
  private slots = new Int32Array(3 * 1024);
  private count = 0;
  /** The files of the notes that have keys, each once. */
  private files: string[] = [];

  /** Undefined when `note` is the first to have the content key at `at` in its bytes (it now keeps it); else the file that has it first. */
  claim(note: ScannedNote, at: number): string | undefined {
    const high = digitsAt(note.bytes, at);
    const low = digitsAt(note.bytes, at + HALF_KEY);
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    let slot = low & mask;
    for (let file = slots[3 * slot + 2]!; file > 0; file = slots[3 * slot + 2]!) {
      if (slots[3 * slot] === high && slots[3 * slot + 1] === low) return this.files[file - 1];
      slot = (slot + 1) & mask;
    }
    if (this.files[this.files.length - 1] !== note.file) this.files.push(note.file);
    slots[3 * slot] = high;
    slots[3 * slot + 1] = low;
    slots[3 * slot + 2] = this.files.length;
    if (4 * ++this.count > 3 * (mask + 1)) this.rehash();
    return undefined;
  }

  /** Into a table twice as large, as the identities'. */
  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length);
    const mask = slots.length / 3 - 1;
    for (let from = 0; from < old.length; from += 3) {
      if (old[from + 2] === 0) continue;
      let slot = old[from + 1]! & mask;
      while (slots[3 * slot + 2] !== 0) slot = (slot + 1) & mask;
      slots[3 * slot] = old[from]!;
      slots[3 * slot + 1] = old[from + 1]!;
      slots[3 * slot + 2] = old[from + 2]!;
    }
    this.slots = slots;
  }
}

/** `bytes`' first `used` in an array twice as large, or of `least`. */
function grownBytes(bytes: Uint8Array, used: number, least: number): Uint8Array {
  const larger = new Uint8Array(Math.max(2 * bytes.length, least));
  larger.set(bytes.subarray(0, used));
  return larger;
}

/** `numbers`' first `used` in an array twice as large. */
function grownNumbers(numbers: Int32Array, used: number): Int32Array {
  const larger = new Int32Array(2 * numbers.length);
  larger.set(numbers.subarray(0, used));
  return larger;
}

const OPEN_LISTING = bytesOf('[\n');
const CLOSE_LISTING = bytesOf('\n]\n');
const EMPTY_LISTING = bytesOf('[]\n');

/**
 * The text of `cards --json` for the stored results of a vault's notes, in
 * vault order: `JSON.stringify(cards, null, 2)` and a newline, of the cards
 * `keepFirstCards` keeps. In chunks, each valid until the next is asked
 * for; each note's warnings (its own, then those of its cards skipped for an
 * identity an earlier card has) go to `warn` as its turn comes.
 */
export function* cardsJsonChunks(stored: Iterable<Uint8Array>, warn: (warnings: readonly NoteWarning[]) => void, keepDuplicates = false): Generator<Uint8Array> {
  const identities = new FirstClaims();
  const contents = keepDuplicates ? undefined : new FirstContentKeys();
  const printer = new CardPrinter();
  const spans = new Spans();
  let printed = false;
  for (const bytes of stored) {
    const note = scanStoredNote(bytes, spans);
    const warnings = [...note.warnings];
    const kept: number[] = [];
    note.lines.forEach((line, k) => {
      const firstFile = identities.claim(note, note.spans[2 * FIELDS * k + 2 * ID]!, note.spans[2 * FIELDS * k + 2 * ID + 1]!);
      if (firstFile !== undefined) warnings.push({ file: cardFile(note, k), message: sameIdentityMessage(line, firstFile), kind: 'skipped' });
      else if (!repeats(contents, note, k)) kept.push(k);
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

/** Whether card `k` asks and answers as a card of an earlier note did (`keepFirstContents`); `contents` undefined: repeats are kept. */
function repeats(contents: FirstContentKeys | undefined, note: ScannedNote, k: number): boolean {
  if (contents === undefined) return false;
  const firstFile = contents.claim(note, note.contents + k * CONTENT_KEY_DIGITS);
  return firstFile !== undefined && firstFile !== note.file;
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
 * once taken, so printing allocates next to nothing for the collector; the
 * frame's fragments and the note's bytes are copied into it first, past all
 * the note prints, so that each value is copied within that buffer
 * (copyWithin), which costs a fraction of making a view of the note's bytes
 * to copy from.
 */
class CardPrinter {
  private out = new Uint8Array(INITIAL_OUTPUT_BYTES);
  /** Bytes printed and not yet taken. */
  size = 0;
  /** Where in `out` the note's deck, tags and file are printed with the keys around them: see `printShared`. */
  private readonly shared = new Int32Array(6);

  /** Adds a fragment of the listing between notes' cards. */
  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.out.set(bytes, this.size);
    this.size += bytes.length;
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
    const [deckStart, deckEnd] = note.noteDeck;
    const [tagsStart, tagsEnd] = note.noteTags;
    const sharedBytes =
      CARD_FRAME_BYTES + fragmentBytes(EMPTY_STRING) + Math.max(0, deckEnd - deckStart) + 4 * (Math.max(0, tagsEnd - tagsStart) + fragmentBytes(ARRAY_END)) + note.noteFile[1] - note.noteFile[0];
    // Every value a card has of its own is a span of the note's bytes, printed once (an array at most four times as long); the note's are printed once a card.
    const bound = 4 * b.length + kept.length * (CARD_FRAME_BYTES + fragmentBytes(EMPTY_STRING) + 2 * fragmentBytes(EMPTY_ARRAY) + 2 * fragmentBytes(ARRAY_END) + sharedBytes);
    this.reserve(bound + FRAGMENTS.length + b.length + sharedBytes);
    const out = this.out;
    const frame = this.size + bound;
    out.set(FRAGMENTS, frame);
    const at = frame + FRAGMENTS.length;
    out.set(b, at);
    const shared = this.printShared(note, frame, at);
    const value = (p: number, base: number, f: number): number => copy(out, p, at + spans[base + 2 * f]!, at + spans[base + 2 * f + 1]!);
    const own = (p: number, base: number, f: number): number => {
      p = fragment(out, p, frame, f);
      p = f === TAGS ? putStringArray(out, p, frame, at + spans[base + 2 * f]!) : value(p, base, f);
      return fragment(out, p, frame, f + 1);
    };
    let p = this.size;
    for (let n = 0; n < kept.length; n++) {
      const base = 2 * FIELDS * kept[n]!;
      p = fragment(out, p, frame, n === 0 ? ID : NEXT_CARD);
      p = value(p, base, ID);
      p = spans[base + 2 * DECK]! < 0 ? copy(out, p, shared[0]!, shared[1]!) : own(p, base, DECK);
      p = value(p, base, TYPE);
      for (let f = TYPE + 1; f < TAGS; f++) p = value(fragment(out, p, frame, f), base, f);
      p = spans[base + 2 * TAGS]! < 0 ? copy(out, p, shared[2]!, shared[3]!) : own(p, base, TAGS);
      p = value(p, base, RULE);
      p = spans[base + 2 * FILE]! < 0 ? copy(out, p, shared[4]!, shared[5]!) : own(p, base, FILE);
      p = value(p, base, LINE);
      if (spans[base + 2 * MEDIA]! < 0) p = fragment(out, p, frame, NO_MEDIA_END);
      else p = fragment(out, putStringArray(out, fragment(out, p, frame, MEDIA), frame, at + spans[base + 2 * MEDIA]!), frame, CARD_END);
    }
    this.size = p;
  }

  /**
   * Prints, past the note's bytes (at `at` in `out`), what a card without a
   * deck, tags or file of its own prints around the note's: from the key
   * before the value to the key of the card's next own value. Once a note,
   * not once a card; their [start, end) in `shared`.
   */
  private printShared(note: ScannedNote, frame: number, at: number): Int32Array {
    const { out, shared } = this;
    const [deckStart, deckEnd] = note.noteDeck;
    const [tagsStart] = note.noteTags;
    let p = at + note.bytes.length;
    shared[0] = p;
    p = fragment(out, p, frame, DECK);
    p = deckStart < 0 ? fragment(out, p, frame, EMPTY_STRING) : copy(out, p, at + deckStart, at + deckEnd);
    shared[1] = shared[2] = p = fragment(out, p, frame, TYPE);
    p = putStringArray(out, fragment(out, p, frame, TAGS), frame, tagsStart < 0 ? -1 : at + tagsStart);
    shared[3] = shared[4] = p = fragment(out, p, frame, RULE);
    p = copy(out, fragment(out, p, frame, FILE), at + note.noteFile[0], at + note.noteFile[1]);
    shared[5] = fragment(out, p, frame, LINE);
    return shared;
  }
}

/** Copies the fragment `k` of the frame copied to `frame` in `out`. */
function fragment(out: Uint8Array, p: number, frame: number, k: number): number {
  return copy(out, p, frame + FRAGMENT_START[k]!, frame + FRAGMENT_END[k]!);
}

/** Copies `out`'s bytes from `start` to `end` to `p`. */
function copy(out: Uint8Array, p: number, start: number, end: number): number {
  if (end - start > LONG_SPAN) {
    out.copyWithin(p, start, end);
    return p + end - start;
  }
  for (let i = start; i < end; i++) out[p++] = out[i]!;
  return p;
}

/** The compact array of strings at `at` in `out` (-1: none) as a card prints it: one item a line, or `[]`. */
function putStringArray(out: Uint8Array, p: number, frame: number, at: number): number {
  if (at < 0 || out[at + 1] === CLOSE_ARRAY) return fragment(out, p, frame, EMPTY_ARRAY);
  if (out[at] !== OPEN_ARRAY) throw lostCache(at);
  out[p++] = OPEN_ARRAY;
  let i = at + 1;
  for (;;) {
    const end = stringEnd(out, i);
    p = copy(out, fragment(out, p, frame, ITEM_START), i, end);
    i = end;
    if (out[i] === CLOSE_ARRAY) break;
    if (out[i] !== COMMA) throw lostCache(i);
    out[p++] = COMMA;
    i++;
  }
  return fragment(out, p, frame, ARRAY_END);
}
