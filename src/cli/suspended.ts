import { existsSync } from 'node:fs';
import { htmlText } from '../extract/finish.js';
import { UserError } from '../errors.js';
import { openStudyDatabase, suspendedUnits, unsuspendCards } from '../study/tables.js';

/** `cards --suspended`: the cards suspended in review (`@`), one line each (a JSON array with --json). */
export function listSuspended(statePath: string, json: boolean): string {
  const units = withStudyDatabase(statePath, suspendedUnits) ?? [];
  if (json) {
    return `${JSON.stringify(units.map((u) => ({ id: u.cardId, ord: u.ord, deck: u.deck, source: { file: u.sourceFile, line: u.sourceLine }, front: u.front })), null, 2)}\n`;
  }
  if (units.length === 0) return 'No suspended cards.\n';
  const lines = units.map((u) => {
    const question = htmlText(u.front.replace(/^<div class="crumb">[\s\S]*?<\/div>/, '').replace(/\{\{c(\d+)::[\s\S]*?\}\}/g, '[…]'));
    return `${u.cardId}${u.type === 'cloze' ? `#${u.ord + 1}` : ''}  ${u.sourceFile}:${u.sourceLine}  ${u.deck}  ${question.length > SHOWN ? `${question.slice(0, SHOWN)}…` : question}`;
  });
  return `${lines.join('\n')}\n(flashmark cards --unsuspend ID brings one back)\n`;
}

/** Question characters shown per suspended card. */
const SHOWN = 60;

/** `cards --unsuspend ID...`: every card named must be suspended; they come back in the next session. */
export function unsuspend(statePath: string, ids: readonly string[]): string {
  const cardIds = ids.map((id) => id.replace(/#\d+$/, ''));
  const suspended = new Set((withStudyDatabase(statePath, suspendedUnits) ?? []).map((u) => u.cardId));
  const unknown = cardIds.filter((id) => !suspended.has(id));
  if (unknown.length > 0) throw new UserError(`--unsuspend: no suspended card ${unknown.join(', ')} (flashmark cards --suspended lists them)`);
  const count = withStudyDatabase(statePath, (db) => unsuspendCards(db, cardIds)) ?? 0;
  return `unsuspended ${count} card${count === 1 ? '' : 's'}; they come back in the next review session\n`;
}

/** Runs `read` on the study database, or returns undefined when there is none yet (nothing is created). */
function withStudyDatabase<T>(statePath: string, read: (db: ReturnType<typeof openStudyDatabase>) => T): T | undefined {
  if (!existsSync(statePath)) return undefined;
  const db = openStudyDatabase(statePath);
  try {
    return read(db);
  } finally {
    db.close();
  }
}
