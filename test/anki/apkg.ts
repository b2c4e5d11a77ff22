// Test helpers: open a built .apkg the way Anki does (unzip, read the SQLite collection).
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

export interface OpenedApkg {
  entries: string[];
  media: Record<string, string>;
  files: Record<string, Uint8Array>;
  db: Database.Database;
}

export interface NoteRow {
  id: number;
  guid: string;
  mid: number;
  mod: number;
  tags: string;
  flds: string;
  sfld: string | number;
  csum: number;
}

export interface CardRow {
  id: number;
  nid: number;
  did: number;
  ord: number;
  due: number;
}

export function openApkg(bytes: Uint8Array): OpenedApkg {
  const files = unzipSync(bytes);
  const collection = files['collection.anki2'];
  if (!collection) throw new Error('no collection.anki2 in package');
  const media = JSON.parse(Buffer.from(files['media'] ?? new Uint8Array()).toString('utf8')) as Record<string, string>;
  return { entries: zipEntryNames(bytes), media, files, db: new Database(Buffer.from(collection), { readonly: true }) };
}

/** Entry names in the order the zip's central directory lists them (unzipSync's object puts numeric names first). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.length - 22;
  if (buf.readUInt32LE(end) !== 0x06054b50) throw new Error('zip has a comment or no end record');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = buf.readUInt16LE(at + 28);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return names;
}

export function notesOf(db: Database.Database): NoteRow[] {
  return db.prepare<[], NoteRow>('select id, guid, mid, mod, tags, flds, sfld, csum from notes order by id').all();
}

export function cardsOf(db: Database.Database): CardRow[] {
  return db.prepare<[], CardRow>('select id, nid, did, ord, due from cards order by nid, ord').all();
}

export function colJson<T = Record<string, unknown>>(db: Database.Database, column: 'conf' | 'models' | 'decks' | 'dconf'): T {
  return JSON.parse(db.prepare<[], { v: string }>(`select ${column} as v from col`).get()!.v) as T;
}

/** Columns (table.column) whose values are not all SQLite integers, among those that must be. */
export function nonIntegerColumns(db: Database.Database): string[] {
  const numeric: Record<string, string[]> = {
    col: ['id', 'crt', 'mod', 'scm', 'ver', 'dty', 'usn', 'ls'],
    notes: ['id', 'mid', 'mod', 'usn', 'csum', 'flags'],
    cards: ['id', 'nid', 'did', 'ord', 'mod', 'usn', 'type', 'queue', 'due', 'ivl', 'factor', 'reps', 'lapses', 'left', 'odue', 'odid', 'flags'],
  };
  const bad: string[] = [];
  for (const [table, columns] of Object.entries(numeric)) {
    for (const column of columns) {
      const row = db.prepare<[], { n: number }>(`select count(*) as n from ${table} where typeof(${column}) <> 'integer'`).get()!;
      if (row.n > 0) bad.push(`${table}.${column}`);
    }
  }
  return bad;
}

/** ../shared/anki/validate-apkg, when it and sqlite3 are on this machine. */
export const validatorPath = fileURLToPath(new URL('../../../shared/anki/validate-apkg', import.meta.url));
export const canValidate = existsSync(validatorPath) && spawnSync('sqlite3', ['-version']).status === 0;

/** The validator's complaints about the packages (empty when they pass). */
export function validate(...files: string[]): string {
  const result = spawnSync(validatorPath, files, { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.trim() + (result.status === 0 ? '' : `\n(exit ${result.status})`);
}
