import { request } from 'node:http';

/** The AnkiConnect API version flashmark speaks; the add-on answers older requests in older shapes. */
export const ANKI_CONNECT_VERSION = 6;
export const DEFAULT_ANKI_URL = 'http://127.0.0.1:8765';
/** The environment variable that may hold the add-on's API key (instead of `--anki-key` on a command line others can read). */
export const ANKI_KEY_VARIABLE = 'FLASHMARK_ANKI_KEY';

/** A read can take long on a large collection; an import of a big package longer still. */
const READ_TIMEOUT_MS = 30_000;
const WRITE_TIMEOUT_MS = 300_000;

/** Nothing answered at the address: Anki is closed, or the add-on is missing or listens elsewhere. */
export class AnkiUnreachableError extends Error {
  override name = 'AnkiUnreachableError';
}

/** AnkiConnect answered an action with an error (`{"error": "..."}`), or with something that is not its protocol. */
export class AnkiActionError extends Error {
  override name = 'AnkiActionError';
  constructor(
    readonly action: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AnkiClientOptions {
  url: string;
  /** The add-on's `apiKey`; sent only when given, since with no key set in Anki any non-null key is refused. */
  key?: string | undefined;
}

/** The actions flashmark uses whose repetition changes nothing: retried once after a dropped connection. */
const IDEMPOTENT_READS = new Set(['requestPermission', 'version', 'findNotes', 'notesInfo', 'cardsInfo']);

/**
 * A client for the AnkiConnect add-on (API version 6): one JSON request per
 * action, over a fresh connection each time. The add-on answers HTTP/1.1
 * without `Connection: close` and then closes the socket, which breaks a
 * kept-alive connection (Node's fetch fails a few percent of requests), so
 * every request says `Connection: close` and uses no agent.
 *
 * Written here rather than taken from a client package: flashmark needs six
 * actions, and the typed clients on npm send through the global fetch (the
 * failure above) and bring dependencies of their own (yanki-connect: `open`,
 * and a pinned `@types/node` at run time).
 */
export class AnkiClient {
  readonly url: URL;
  private readonly key: string | undefined;

  constructor(options: AnkiClientOptions) {
    this.url = new URL(options.url);
    this.key = options.key;
  }

  async invoke<T>(action: string, params?: Record<string, unknown>): Promise<T> {
    const body: Record<string, unknown> = { action, version: ANKI_CONNECT_VERSION };
    if (params !== undefined) body['params'] = params;
    if (this.key !== undefined && action !== 'requestPermission') body['key'] = this.key;
    const read = IDEMPOTENT_READS.has(action);
    let text: string;
    try {
      text = await post(this.url, JSON.stringify(body), read ? READ_TIMEOUT_MS : WRITE_TIMEOUT_MS);
    } catch (error) {
      if (!read || error instanceof AnkiUnreachableError) throw error;
      text = await post(this.url, JSON.stringify(body), READ_TIMEOUT_MS); // a dropped connection, once
    }
    return parseReply<T>(action, text);
  }
}

function parseReply<T>(action: string, text: string): T {
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    throw new AnkiActionError(action, `not an AnkiConnect answer: ${text.slice(0, 80)}`);
  }
  if (reply === null || typeof reply !== 'object' || !('result' in reply) || !('error' in reply)) {
    throw new AnkiActionError(action, `not an AnkiConnect version ${ANKI_CONNECT_VERSION} answer: ${text.slice(0, 80)}`);
  }
  const { result, error } = reply as { result: unknown; error: unknown };
  if (error !== null) throw new AnkiActionError(action, String(error));
  return result as T;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

function post(url: URL, body: string, timeoutMs: number): Promise<string> {
  return new Promise((resolvePost, rejectPost) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) rejectPost(new AnkiActionError('', `HTTP ${res.statusCode ?? '?'} from ${url.href}: ${text.slice(0, 80)}`));
          else resolvePost(text);
        });
        res.on('error', rejectPost);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.href} within ${timeoutMs / 1000} s`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      rejectPost(UNREACHABLE_CODES.has(error.code ?? '') ? new AnkiUnreachableError(`nothing answers at ${url.href}`) : error);
    });
    req.end(body);
  });
}
