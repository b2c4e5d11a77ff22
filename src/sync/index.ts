/** `flashmark sync`: a running Anki brought to the cards the notes make, through the AnkiConnect add-on. */
export { AnkiClient, ANKI_KEY_VARIABLE, DEFAULT_ANKI_URL } from './client.js';
export { AnkiNotRunningError, connectToAnki } from './connect.js';
export { DELETE_SHARE_LIMIT } from './plan.js';
export { SyncInterruptedError, pushToAnki, type PushOptions, type SyncOutcome } from './run.js';
export { formatSyncLine, formatSyncReport } from './report.js';
export { SYNC_MIGRATIONS } from './state.js';
