import { UserError } from '../errors.js';
import { ANKI_CONNECT_VERSION, ANKI_KEY_VARIABLE, AnkiActionError, AnkiClient, AnkiUnreachableError } from './client.js';
/** Nothing answers at the add-on's address; `watch --sync` waits for Anki to come back. */
export class AnkiNotRunningError extends UserError {
  override name = 'AnkiNotRunningError';
}


interface Permission {
  permission: 'granted' | 'denied';
  requireApikey?: boolean;
  version?: number;
}

/**
 * A client for a running Anki whose add-on speaks API version 6 and takes the
 * key given, or a UserError saying which of these is not so. Nothing in the
 * collection is read or changed.
 */
export async function connectToAnki(url: string, key: string | undefined): Promise<AnkiClient> {
  let client: AnkiClient;
  try {
    client = new AnkiClient({ url, key });
  } catch {
    throw new UserError(`--anki-url: not a URL: ${url}`);
  }
  try {
    // Answers without a key, and says whether one is needed and the add-on's version.
    const permission = await client.invoke<Permission>('requestPermission');
    if (permission.permission !== 'granted') {
      throw new UserError(`AnkiConnect at ${url} refused flashmark; allow it in Anki (Tools > Add-ons > AnkiConnect > Config)`);
    }
    if ((permission.version ?? 0) < ANKI_CONNECT_VERSION) {
      throw new UserError(`AnkiConnect at ${url} is too old (API version ${permission.version ?? 'unknown'}, flashmark needs ${ANKI_CONNECT_VERSION}); update the add-on`);
    }
    if (permission.requireApikey && key === undefined) {
      throw new UserError(`AnkiConnect at ${url} asks for its API key: give it with --anki-key or the ${ANKI_KEY_VARIABLE} environment variable`);
    }
    await client.invoke<number>('version');
  } catch (error) {
    throw describeConnectFailure(error, url);
  }
  return client;
}

function describeConnectFailure(error: unknown, url: string): unknown {
  if (error instanceof AnkiUnreachableError) {
    return new AnkiNotRunningError(`Anki is not running, or the AnkiConnect add-on is not installed (${error.message}); start Anki and try again`);
  }
  if (error instanceof AnkiActionError && /api key/i.test(error.message)) {
    return new UserError(`AnkiConnect at ${url} refused the API key (--anki-key or ${ANKI_KEY_VARIABLE}); use the key set in the add-on's config`);
  }
  if (error instanceof AnkiActionError) return new UserError(`AnkiConnect at ${url}: ${error.message}`);
  if (error instanceof UserError) return error;
  return new UserError(`cannot talk to AnkiConnect at ${url}: ${error instanceof Error ? error.message : String(error)}`);
}
