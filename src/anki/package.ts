import { Zip, ZipPassThrough } from 'fflate';
import * as zlib from 'node:zlib';
import { writeCollection, type PackageNote } from './collection.js';
import { isSafeMediaName } from './media.js';
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
}


/**
 * The `.apkg` bytes for a package: `collection.anki2`, `media` and the media
 * files `0..n-1` (by name order), in that order, with fixed timestamps, so the
 * same package always gives the same bytes. Never adds `collection.anki21(b)`
 * or `meta`: the importer would read those instead.
 */
export function writeApkg(pkg: AnkiPackage): Uint8Array {
  const media = [...(pkg.media ?? [])].sort((a, b) => compareStrings(a.name, b.name));
  for (let i = 0; i < media.length; i++) {
    const name = media[i]!.name;
    if (!isSafeMediaName(name)) throw new Error(`unsafe media name: ${JSON.stringify(name)}`);
    if (i > 0 && media[i - 1]!.name === name) throw new Error(`duplicate media name: ${name}`);
  }
  const collection = writeCollection(pkg.notes, pkg.deckFallback ?? 'flashmark');
  const mediaMap = JSON.stringify(Object.fromEntries(media.map((m, i) => [String(i), m.name])));

  // Zip entries carry local-time DOS timestamps: a date built from local fields at
  // the time of writing gives the same bytes in every time zone.
  const entryTime = new Date(2020, 0, 1, 0, 0, 0);
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  addEntry(zip, 'collection.anki2', collection, true, entryTime);
  addEntry(zip, 'media', Buffer.from(mediaMap, 'utf8'), true, entryTime);
  // Images are compressed already; storing them is as small and much faster.
  media.forEach((m, i) => addEntry(zip, String(i), m.data, false, entryTime));
  zip.end();
  return Buffer.concat(chunks);
}

/**
 * A zip entry deflated by Node's native zlib in one call, through fflate's
 * documented extension point (a ZipPassThrough subclass with its own
 * compression): several times faster than fflate's JavaScript deflate on the
 * tens of megabytes a 100,000-card collection takes. Fastest level: the
 * package is a transport format, and level 6 costs 5x the time for 10% less.
 */
class NativeDeflate extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }

  override push(chunk: Uint8Array, final: boolean): void {
    if (!final || typeof zlib.crc32 !== 'function') return super.push(chunk, final);
    // One whole entry, and a native CRC (Node >= 20.15): fflate's JavaScript CRC takes longer than the deflate.
    this.size = chunk.length;
    this.crc = zlib.crc32(chunk);
    this.process(chunk, true);
  }

  override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, zlib.deflateRawSync(chunk, { level: zlib.constants.Z_BEST_SPEED }), final);
  }
}

function addEntry(zip: Zip, name: string, data: Uint8Array, deflate: boolean, mtime: Date): void {
  const entry = deflate ? new NativeDeflate(name) : new ZipPassThrough(name);
  entry.mtime = mtime;
  zip.add(entry);
  entry.push(data, true);
}
