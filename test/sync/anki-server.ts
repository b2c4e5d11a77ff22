// A stand-in for Anki with the AnkiConnect add-on, for end-to-end tests of `flashmark sync`:
// a real HTTP server on 127.0.0.1 that speaks AnkiConnect's protocol (API version 6) for the
// actions sync uses, keeps a small collection in memory, and checks every request it gets.
// Like the add-on, it answers HTTP/1.1 without `Connection: close` and then closes the socket.
// `importPackage` reads the package's SQLite collection and merges it by guid as Anki's importer
// does: a new guid is added (keeping the package's note id when it is free), a known guid is
// updated in place only when the package's `mod` is newer and the note type is the same, and
// nothing is ever deleted.
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { isAbsolute } from 'node:path';

export interface AnkiNote {
  id: number;
  guid: string;
  mid: number;
  modelName: string;
  fieldNames: string[];
  fields: string[];
  tags: string[];
  mod: number;
  cards: { id: number; ord: number; deck: string }[];
}

export interface Received {
  action: string;
  params: Record<string, unknown>;
}

interface Failure {
  action: string;
  /** Fail the nth call of the action from now (1 = the next). */
  nth: number;
  message: string;
}

const SUPPORTED = new Set(['requestPermission', 'version', 'findNotes', 'notesInfo', 'importPackage', 'updateNote', 'changeDeck', 'deleteNotes']);
const WRITES = new Set(['importPackage', 'updateNote', 'changeDeck', 'deleteNotes']);

export class FakeAnki {
  readonly notes = new Map<number, AnkiNote>();
  /** Every well-formed request, in order. */
  readonly received: Received[] = [];
  /** What was wrong with requests: a test expects none. */
  readonly problems: string[] = [];
  /** The add-on's `apiKey` (null: none set). */
  apiKey: string | null = null;
  apiVersion = 6;
  /** False: the importer leaves known notes as they are (update rules differ between Anki versions). */
  updatesOnImport = true;
  private failures: Failure[] = [];
  private server: Server | undefined;
  private nextCardId = 1_700_000_000_000;
  url = '';

  /** Listens on `port` (0: any free one). */
  async start(port = 0): Promise<this> {
    const server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    this.server = server;
    this.url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `nth` call of `action` answers with an error, as Anki does when an action fails. */
  failOn(action: string, nth: number, message = 'database is locked'): void {
    this.failures.push({ action, nth, message });
  }

  writes(): Received[] {
    return this.received.filter((r) => WRITES.has(r.action));
  }

  byGuid(guid: string): AnkiNote | undefined {
    return [...this.notes.values()].find((n) => n.guid === guid);
  }

  /** A note the user made in Anki, in a note type and deck of their own. */
  addHandMadeNote(front: string, back: string, deck = 'Mine'): AnkiNote {
    const id = Math.max(1_600_000_000_000, ...this.notes.keys()) + 1;
    const note: AnkiNote = { id, guid: `hand${id}`, mid: 1, modelName: 'Basic', fieldNames: ['Front', 'Back'], fields: [front, back], tags: ['mine'], mod: 1_700_000_000, cards: [{ id: this.nextCardId++, ord: 0, deck }] };
    this.notes.set(id, note);
    return note;
  }

  private serve(socket: Socket): void {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1').split('\r\n');
      const headers = new Map(head.slice(1).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const length = Number(headers.get('content-length') ?? 0);
      if (buffer.length < end + 4 + length) return;
      const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      if (!head[0]!.startsWith('POST / HTTP/1.1')) this.problems.push(`request line: ${head[0]}`);
      if (headers.get('connection')?.toLowerCase() !== 'close') this.problems.push('request without Connection: close');
      const reply = JSON.stringify(this.handle(body));
      const bytes = Buffer.from(reply, 'utf8');
      // As the add-on does: no Connection header, then the socket is closed.
      socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n${reply}`);
    });
    socket.on('error', () => undefined);
  }

  private handle(body: string): { result: unknown; error: string | null } {
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body) as Record<string, unknown>;
    } catch {
      this.problems.push(`not JSON: ${body.slice(0, 60)}`);
      return { result: null, error: 'not JSON' };
    }
    const action = String(request['action']);
    const params = (request['params'] ?? {}) as Record<string, unknown>;
    if (request['version'] !== 6) this.problems.push(`${action}: version ${String(request['version'])}`);
    if (!SUPPORTED.has(action)) this.problems.push(`unsupported action ${action}`);
    // The add-on compares the key with its setting, so with none set any non-null key is refused.
    const key = request['key'] ?? null;
    if (action !== 'requestPermission' && key !== this.apiKey) return { result: null, error: 'valid api key must be provided' };
    this.received.push({ action, params });
    const failure = this.failures.find((f) => f.action === action);
    if (failure && --failure.nth === 0) {
      this.failures = this.failures.filter((f) => f !== failure);
      return { result: null, error: failure.message };
    }
    try {
      return { result: this.act(action, params), error: null };
    } catch (error) {
      return { result: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private act(action: string, params: Record<string, unknown>): unknown {
    switch (action) {
      case 'requestPermission':
        return { permission: 'granted', requireApikey: this.apiKey !== null, version: this.apiVersion };
      case 'version':
        return this.apiVersion;
      case 'findNotes': {
        const query = this.param<string>(action, params, 'query', 'string');
        const match = /^nid:(\d+(?:,\d+)*)$/.exec(query);
        if (!match) {
          this.problems.push(`findNotes: a query this stand-in does not know: ${query}`);
          return [];
        }
        return match[1]!.split(',').map(Number).filter((id) => this.notes.has(id));
      }
      case 'notesInfo':
        return this.ids(action, params, 'notes').map((id) => {
          const n = this.notes.get(id);
          if (!n) return {};
          const fields = Object.fromEntries(n.fieldNames.map((name, order) => [name, { value: n.fields[order], order }]));
          return { noteId: n.id, tags: n.tags, fields, modelName: n.modelName, cards: n.cards.map((c) => c.id) };
        });
      case 'importPackage':
        this.importPackage(this.param<string>(action, params, 'path', 'string'));
        return true;
      case 'updateNote': {
        const note = params['note'] as { id: number; fields?: Record<string, string>; tags?: string[] };
        const n = this.notes.get(note.id);
        if (!n) throw new Error(`Note was not found: ${note.id}`);
        for (const [name, value] of Object.entries(note.fields ?? {})) {
          const at = n.fieldNames.indexOf(name);
          if (at >= 0) n.fields[at] = value;
        }
        if (note.tags) n.tags = [...note.tags];
        return null;
      }
      case 'changeDeck': {
        const cards = new Set(this.ids(action, params, 'cards'));
        const deck = this.param<string>(action, params, 'deck', 'string');
        for (const n of this.notes.values()) for (const c of n.cards) if (cards.has(c.id)) c.deck = deck;
        return null;
      }
      case 'deleteNotes':
        for (const id of this.ids(action, params, 'notes')) this.notes.delete(id);
        return null;
      default:
        throw new Error('unsupported action');
    }
  }

  private param<T>(action: string, params: Record<string, unknown>, name: string, type: string): T {
    if (typeof params[name] !== type) this.problems.push(`${action}: ${name} is not a ${type}`);
    return params[name] as T;
  }

  private ids(action: string, params: Record<string, unknown>, name: string): number[] {
    const value = params[name];
    if (!Array.isArray(value) || !value.every((id) => Number.isSafeInteger(id))) {
      this.problems.push(`${action}: ${name} is not a list of ids`);
      return [];
    }
    return value as number[];
  }

  private importPackage(path: string): void {
    if (!isAbsolute(path)) throw new Error(`not an absolute path: ${path}`);
    const files = unzipSync(readFileSync(path));
    const collection = files['collection.anki2'];
    if (!collection) throw new Error('no collection.anki2 in the package');
    const db = new Database(Buffer.from(collection), { readonly: true });
    try {
      const col = db.prepare<[], { models: string; decks: string }>('select models, decks from col').get()!;
      const models = JSON.parse(col.models) as Record<string, { name: string; flds: { name: string; ord: number }[] }>;
      const decks = JSON.parse(col.decks) as Record<string, { name: string }>;
      const notes = db.prepare<[], { id: number; guid: string; mid: number; mod: number; tags: string; flds: string }>('select id, guid, mid, mod, tags, flds from notes').all();
      const cards = db.prepare<[number], { ord: number; did: number }>('select ord, did from cards where nid = ? order by ord');
      for (const row of notes) {
        const model = models[String(row.mid)]!;
        const incoming = { fields: row.flds.split('\x1f'), tags: row.tags.split(' ').filter((t) => t !== ''), mod: row.mod };
        const existing = this.byGuid(row.guid);
        if (existing) {
          if (this.updatesOnImport && row.mod > existing.mod && existing.mid === row.mid) Object.assign(existing, incoming);
          continue;
        }
        const id = this.notes.has(row.id) ? Math.max(...this.notes.keys()) + 1 : row.id;
        this.notes.set(id, {
          id,
          guid: row.guid,
          mid: row.mid,
          modelName: model.name,
          fieldNames: [...model.flds].sort((a, b) => a.ord - b.ord).map((f) => f.name),
          ...incoming,
          cards: cards.all(row.id).map((c) => ({ id: this.nextCardId++, ord: c.ord, deck: decks[String(c.did)]!.name })),
        });
      }
    } finally {
      db.close();
    }
  }
}
