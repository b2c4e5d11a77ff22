import { Zip, ZipPassThrough } from 'fflate';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { writeCollection, type PackageNote } from './collection.js';
import { isSafeMediaName } from './media.js';
import type { PackageScheduling } from './scheduling.js';
import { compareStrings } from './text.js';

export interface PackageMedia {
  /** The name fields refer to (`<img src="NAME">`); see mediaFileName. */
  name: string;
  data: Uint8Array;
}

export interface AnkiPackage {
  notes: readonly PackageNote[];
  media?: readonly PackageMedia[];
  /** Deck for notes whose deck name is empty after normalization. */
  deckFallback?: string;
  /** Progress to carry over (`build --with-progress`); absent = every card new, and the same bytes as before it existed. */
  scheduling?: PackageScheduling;
}

/**
 * The `.apkg` bytes for a package: `collection.anki2`, `media` and the media
 * files `0..n-1` (by name order), in that order, with fixed timestamps, so the
 * same package always gives the same bytes. Never adds `collection.anki21(b)`
 * or `meta`: the importer would read those instead.
 */
export async function writeApkg(pkg: AnkiPackage): Promise<Uint8Array> {
  const media = [...(pkg.media ?? [])].sort((a, b) => compareStrings(a.name, b.name));
  for (let i = 0; i < media.length; i++) {
    const name = media[i]!.name;
    if (!isSafeMediaName(name)) throw new Error(`unsafe media name: ${JSON.stringify(name)}`);
    if (i > 0 && media[i - 1]!.name === name) throw new Error(`duplicate media name: ${name}`);
  }
  const collection = writeCollection(pkg.notes, pkg.deckFallback ?? 'flashmark', pkg.scheduling);
  const mediaMap = Buffer.from(JSON.stringify(Object.fromEntries(media.map((m, i) => [String(i), m.name]))), 'utf8');
  const [deflatedCollection, deflatedMap] = await Promise.all([deflate(collection), deflate(mediaMap)]);

  // Zip entries carry local-time DOS timestamps: a date built from local fields at
  // the time of writing gives the same bytes in every time zone.
  const entryTime = new Date(2020, 0, 1, 0, 0, 0);
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  addEntry(zip, new Deflated('collection.anki2', deflatedCollection), collection, entryTime);
  addEntry(zip, new Deflated('media', deflatedMap), mediaMap, entryTime);
  // Images are compressed already; storing them is as small and much faster.
  media.forEach((m, i) => addEntry(zip, new ZipPassThrough(String(i)), m.data, entryTime));
  zip.end();
  return Buffer.concat(chunks);
}

const deflateRaw = promisify(zlib.deflateRaw);
const CHUNK_BYTES = 4 << 20;

/**
 * Raw DEFLATE by Node's native zlib at its fastest level (the package is a
 * transport format; level 6 costs 5x the time for 10% less), in 4-MB pieces
 * compressed in parallel on the libuv thread pool, like pigz: every piece but
 * the last ends with a sync flush (byte-aligned, not final), so the pieces
 * concatenate into one valid stream. Fixed pieces give fixed bytes.
 */
async function deflate(data: Uint8Array): Promise<Buffer<ArrayBuffer>> {
  const pieces: Promise<Buffer>[] = [];
  for (let at = 0; at === 0 || at < data.length; at += CHUNK_BYTES) {
    const last = at + CHUNK_BYTES >= data.length;
    const finishFlush = last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH;
    pieces.push(deflateRaw(data.subarray(at, at + CHUNK_BYTES), { level: zlib.constants.Z_BEST_SPEED, finishFlush }));
  }
  return Buffer.concat(await Promise.all(pieces));
}

/**
 * A zip entry whose DEFLATE data is already made, through fflate's documented
 * extension point (a ZipPassThrough subclass with its own compression).
 */
class Deflated extends ZipPassThrough {
  constructor(
    filename: string,
    private readonly deflated: Uint8Array<ArrayBuffer>,
  ) {
    super(filename);
    this.compression = 8;
  }

  override push(chunk: Uint8Array, final: boolean): void {
    if (!final || typeof zlib.crc32 !== 'function') return super.push(chunk, final);
    // The whole entry at once, and a native CRC (Node >= 20.15): fflate's JavaScript CRC takes as long as the deflate.
    this.size = chunk.length;
    this.crc = zlib.crc32(chunk);
    this.process(chunk, true);
  }

  override process(_chunk: Uint8Array, final: boolean): void {
    this.ondata(null, this.deflated, final);
  }
}

function addEntry(zip: Zip, entry: ZipPassThrough, data: Uint8Array, mtime: Date): void {
  entry.mtime = mtime;
  zip.add(entry);
  entry.push(data, true);
}
