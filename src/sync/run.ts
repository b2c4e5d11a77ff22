import { readFileSync } from 'node:fs';
import { readPackageNotes } from '../anki/index.js';
import type { BuildReport } from '../build/index.js';
import { UserError, messageOf } from '../errors.js';
import { openStateDatabase } from '../store/database.js';
import { ChangeLog, applySync, plannedChanges, type DeckChanges } from './apply.js';
import type { AnkiClient } from './client.js';
import { contentHash, deletionRefusal, planSync, type WantedNote } from './plan.js';
import { SYNC_MIGRATIONS, loadSyncedNotes } from './state.js';

export interface PushOptions {
  statePath: string;
  dryRun?: boolean;
  allowDeletes?: boolean;
}

export interface SyncOutcome {
  dryRun: boolean;
  /** Per deck changed: what was (or, dry, would be) added, updated, moved and deleted. */
  decks: DeckChanges[];
  added: number;
  updated: number;
  moved: number;
  deleted: number;
  unchanged: number;
}

/** A sync an Anki error stopped half-way: what was applied before it, to report; the next sync does the rest. */
export class SyncInterruptedError extends UserError {
  constructor(
    readonly outcome: SyncOutcome,
    cause: unknown,
  ) {
    const done = outcome.added + outcome.updated + outcome.moved + outcome.deleted;
    const applied = `${done} change${done === 1 ? '' : 's'} applied before it`;
    super(cause instanceof UserError ? `${cause.message} (${applied})` : `Anki failed during the sync (${messageOf(cause)}); ${applied}, run sync again to finish`);
  }
}

/**
 * Brings Anki to the notes of a finished build: plans against what sync
 * recorded in the study database, refuses deleting more than the allowed
 * share unless allowed, and applies (or, dry, only reports) the plan.
 */
export async function pushToAnki(client: AnkiClient, report: BuildReport, options: PushOptions): Promise<SyncOutcome> {
  const wanted = wantedNotes(report);
  const db = openStateDatabase(options.statePath, [SYNC_MIGRATIONS]);
  try {
    const synced = loadSyncedNotes(db);
    const inAnki = await notesInAnki(client, [...synced.values()].map((n) => n.noteId));
    const plan = planSync(wanted, synced, inAnki);
    const refusal = options.allowDeletes ? undefined : deletionRefusal(plan);
    if (refusal !== undefined) throw new UserError(refusal);
    if (options.dryRun) return outcome(plannedChanges(plan), plan.unchanged, true);
    const log = new ChangeLog();
    try {
      await applySync(client, db, plan, log);
    } catch (error) {
      throw new SyncInterruptedError(outcome(log, plan.unchanged, false), error);
    }
    return outcome(log, plan.unchanged, false);
  } finally {
    db.close();
  }
}

/** Every note the build's packages hold, as Anki gets it on import. */
function wantedNotes(report: BuildReport): WantedNote[] {
  const wanted: WantedNote[] = [];
  for (const pkg of report.packages) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(pkg.file);
    } catch (error) {
      throw new UserError(`cannot read the package ${pkg.file}: ${messageOf(error)}`);
    }
    for (const note of readPackageNotes(bytes)) wanted.push({ ...note, file: pkg.file, hash: contentHash(note) });
  }
  return wanted;
}

/** Ids per `nid:` search: Anki's search parser takes long queries, but not unbounded ones. */
const IDS_PER_SEARCH = 500;

/** Which of the given note ids Anki still has (the user may have deleted some there). */
async function notesInAnki(client: AnkiClient, ids: readonly number[]): Promise<Set<number>> {
  const present = new Set<number>();
  for (let at = 0; at < ids.length; at += IDS_PER_SEARCH) {
    const found = await client.invoke<number[]>('findNotes', { query: `nid:${ids.slice(at, at + IDS_PER_SEARCH).join(',')}` });
    for (const id of found) present.add(id);
  }
  return present;
}

function outcome(log: ChangeLog, unchanged: number, dryRun: boolean): SyncOutcome {
  const decks = log.byDeck();
  const sum = (kind: 'added' | 'updated' | 'moved' | 'deleted'): number => decks.reduce((total, d) => total + d[kind], 0);
  return { dryRun, decks, added: sum('added'), updated: sum('updated'), moved: sum('moved'), deleted: sum('deleted'), unchanged };
}
