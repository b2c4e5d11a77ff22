import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';

/** A note of a package as Anki would get it on import. */
export interface PackagedNote {
  id: number;
  guid: string;
  mod: number;
  modelName: string;
  /** Field name → value, in the note type's order. */
  fields: Record<string, string>;
  /** The tags, as Anki lists them. */
  tags: string[];
  /** The deck of the note's first card. */
  deck: string;
}

interface ModelJson {
  name: string;
  flds: { name: string; ord: number }[];
}

/**
 * The notes of an `.apkg` (its `collection.anki2`), read back for `sync`,
 * which compares them with what Anki holds. Throws on anything that is not a
 * package flashmark could have written.
 */
export function readPackageNotes(bytes: Uint8Array): PackagedNote[] {
  const collection = unzipSync(bytes, { filter: (file) => file.name === 'collection.anki2' })['collection.anki2'];
  if (!collection) throw new Error('no collection.anki2 in the package');
  const db = new Database(Buffer.from(collection), { readonly: true });
  try {
    const col = db.prepare<[], { models: string; decks: string }>('SELECT models, decks FROM col').get();
    if (!col) throw new Error('the package has no collection row');
    const models = JSON.parse(col.models) as Record<string, ModelJson>;
    const decks = JSON.parse(col.decks) as Record<string, { name: string }>;
    const rows = db
      .prepare<[], { id: number; guid: string; mid: number; mod: number; tags: string; flds: string; did: number }>(
        'SELECT n.id, n.guid, n.mid, n.mod, n.tags, n.flds, (SELECT did FROM cards WHERE nid = n.id ORDER BY ord LIMIT 1) AS did FROM notes n ORDER BY n.id',
      )
      .all();
    return rows.map((row) => {
      const model = models[String(row.mid)];
      if (!model) throw new Error(`note ${row.guid} has no note type in the package`);
      const values = row.flds.split('\x1f');
      const fields: Record<string, string> = {};
      for (const field of [...model.flds].sort((a, b) => a.ord - b.ord)) fields[field.name] = values[field.ord] ?? '';
      const tags = row.tags.split(' ').filter((tag) => tag !== '');
      return { id: row.id, guid: row.guid, mod: row.mod, modelName: model.name, fields, tags, deck: decks[String(row.did)]?.name ?? '' };
    });
  } finally {
    db.close();
  }
}
