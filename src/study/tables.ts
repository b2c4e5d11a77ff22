import { hostname } from 'node:os';
import type { Card } from '../card.js';
import { UserError } from '../errors.js';
import type { LoggedAnswer } from '../schedule/replay.js';
import type { AnswerTime, Scheduler } from '../schedule/scheduler.js';
import { INITIAL_EASINESS, type Grade, type CardState } from '../schedule/sm2.js';
import { openStateDatabase, type Db } from '../store/database.js';
import { RENAME_MIGRATIONS } from '../renames/schema.js';
import type { RetiredNote } from '../renames/report.js';
import { studyMigrations } from './schema.js';
import { DONE_TODAY_GRADE, RECALLED_GRADE } from '../schedule/grades.js';

/**
 * Opens the study database at `path` (created if missing), with the study tables (and the card ids renamed
 * notes took over) up to date. `checkedAs`: see openStateDatabase (src/vault/checked-state.ts keeps it).
 */
export function openStudyDatabase(path: string, checkedAs?: string): Db {
  return openStateDatabase(path, [studyMigrations, RENAME_MIGRATIONS], checkedAs);
}

/** One scheduled unit of a card, as the study database keeps it. */
export interface StudyUnit extends UnitSource {
  /** undefined while the card is new (never answered). */
  state: CardState | undefined;
  /** Study day the card is due; null while new. */
  due: number | null;
}

interface UnitRow extends Omit<SourceRow, 'retired'> {
  repetition: number;
  interval: number;
  easiness: number;
  due_day: number | null;
  first_seen: string | null;
  /** The scheduler's whole state as JSON (null in rows written before schema step 2: the columns are the SM-2 state). */
  state: string | null;
}

const UNIT_COLUMNS = 'card_id, ord, deck, type, front, back, source_file, source_line, repetition, interval, easiness, due_day, first_seen, state';

function toUnit(row: UnitRow): StudyUnit {
  return { ...sourceOf(row), state: row.due_day === null ? undefined : stateOf(row), due: row.due_day };
}

/** A row's scheduler state: its JSON, or the SM-2 columns in rows written before schema step 2. */
function stateOf(row: Pick<UnitRow, 'repetition' | 'interval' | 'easiness' | 'state'>): CardState {
  return row.state !== null ? (JSON.parse(row.state) as CardState) : { repetition: row.repetition, interval: row.interval, easiness: row.easiness };
}

/** Whether `deck` is `filter` or below it (`A::B` matches `A::B` and `A::B::C`, not `A::Bx`), ignoring case. */
export function deckMatches(deck: string, filter: string | undefined): boolean {
  if (filter === undefined) return true;
  const d = deck.toLocaleLowerCase();
  const f = filter.toLocaleLowerCase();
  return d === f || d.startsWith(`${f}::`);
}

/** A card a session may ask on study day `@today`: not retired, not suspended, not buried that day. */
const IN_SESSIONS = 'retired = 0 AND suspended = 0 AND (buried_day IS NULL OR buried_day <> @today)';

/** Active cards due on or before `today`, oldest due first (then in note order). */
export function dueUnits(db: Db, today: number, deck?: string): StudyUnit[] {
  return db
    .prepare<[{ today: number }], UnitRow>(
      `SELECT ${UNIT_COLUMNS} FROM study_card WHERE ${IN_SESSIONS} AND due_day IS NOT NULL AND due_day <= @today
       ORDER BY due_day, source_file, source_line, ord`,
    )
    .all({ today })
    .map(toUnit)
    .filter((unit) => deckMatches(unit.deck, deck));
}

/**
 * Up to `limit` active new cards, in note order (on study day `today`: those
 * buried that day wait); `accept` may pass over a card by its deck (a deck at its limit).
 */
export function newUnits(db: Db, limit: number, deck?: string, today = -1, accept: (deck: string) => boolean = () => true): StudyUnit[] {
  if (limit <= 0) return [];
  const units: StudyUnit[] = [];
  const rows = db
    .prepare<[{ today: number }], UnitRow>(`SELECT ${UNIT_COLUMNS} FROM study_card WHERE ${IN_SESSIONS} AND due_day IS NULL ORDER BY source_file, source_line, ord`)
    .iterate({ today });
  for (const row of rows) {
    if (!deckMatches(row.deck, deck) || !accept(row.deck)) continue;
    units.push(toUnit(row));
    if (units.length >= limit) break;
  }
  return units;
}

/** New cards first answered on study day `day`, by deck (undone answers do not count). */
export function newCardsStudiedByDeck(db: Db, day: number): Map<string, number> {
  const rows = db
    .prepare<[number], { deck: string; n: number }>(
      `SELECT c.deck AS deck, count(*) AS n FROM study_review r JOIN study_card c ON c.card_id = r.card_id AND c.ord = r.ord
       WHERE r.day = ? AND r.kind = 'scheduled' AND r.state_before IS NULL AND r.undone_at IS NULL GROUP BY c.deck`,
    )
    .all(day);
  return new Map(rows.map((row) => [row.deck, row.n]));
}

/** How many active new cards there are (of `deck` and below), buried ones aside: what a limit keeps waiting. */
export function newCardsWaiting(db: Db, today: number, deck?: string): number {
  return db
    .prepare<[{ today: number }], { deck: string }>(`SELECT deck FROM study_card WHERE ${IN_SESSIONS} AND due_day IS NULL`)
    .all({ today })
    .filter((row) => deckMatches(row.deck, deck)).length;
}

/** Every deck name of the active cards and the decks above them (`A::B` gives `A` and `A::B`), sorted. */
export function deckNames(db: Db): string[] {
  const names = new Set<string>();
  for (const deck of db.prepare<[], string>('SELECT DISTINCT deck FROM study_card WHERE retired = 0').pluck().all()) {
    const levels = deck.split('::');
    levels.forEach((_level, i) => names.add(levels.slice(0, i + 1).join('::')));
  }
  return [...names].sort();
}

/** How many new cards were first answered on study day `day` (across sessions; undone answers do not count). */
export function newCardsStudiedOn(db: Db, day: number): number {
  return db
    .prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM study_review WHERE day = ? AND kind = 'scheduled' AND state_before IS NULL AND undone_at IS NULL`,
    )
    .get(day)!.n;
}

/**
 * Active cards whose last answer today was below 4: SM-2's step 6 asks them
 * again until they score at least 4, also in a later session of the same day.
 */
export function pendingRepeats(db: Db, today: number, deck?: string): StudyUnit[] {
  return db
    .prepare<[{ today: number; done: number }], UnitRow>(
      `SELECT ${UNIT_COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')}
       FROM study_review r JOIN study_card c ON c.card_id = r.card_id AND c.ord = r.ord
       WHERE r.id IN (SELECT max(id) FROM study_review WHERE day = @today AND undone_at IS NULL GROUP BY card_id, ord)
         AND r.grade < @done AND ${IN_SESSIONS.replace(/(retired|suspended|buried_day)/g, 'c.$1')}
       ORDER BY r.id`,
    )
    .all({ today, done: DONE_TODAY_GRADE })
    .map(toUnit)
    .filter((unit) => deckMatches(unit.deck, deck));
}

/** What one committed answer did. */
export interface AnswerRecord {
  reviewId: number;
  kind: 'scheduled' | 'repeat';
  grade: Grade;
  state: CardState;
  due: number;
}

interface ReviewRow {
  id: number;
  card_id: string;
  ord: number;
  kind: 'scheduled' | 'repeat';
  state_before: string | null;
  state_after: string;
  due_before: number | null;
  first_seen_before: string | null;
  undone_at: string | null;
}

/**
 * Records an answer in its own transaction (committed when this returns). The
 * first answer of the day to a card is 'scheduled' and moves its schedule;
 * later answers the same day are 'repeat' (SM-2's step 6) and change nothing.
 */
export function recordAnswer(db: Db, unit: Pick<StudyUnit, 'cardId' | 'ord'>, grade: Grade, at: AnswerTime, scheduler: Scheduler<CardState>): AnswerRecord {
  return db.transaction((): AnswerRecord => {
    const row = db.prepare<[string, number], UnitRow>(`SELECT ${UNIT_COLUMNS} FROM study_card WHERE card_id = ? AND ord = ?`).get(unit.cardId, unit.ord);
    if (!row) throw new UserError(`card ${unit.cardId}/${unit.ord} is not in the study database`);
    const current = toUnit(row);
    const answeredToday = db
      .prepare<[string, number, number], { n: number }>(
        `SELECT count(*) AS n FROM study_review WHERE card_id = ? AND ord = ? AND day = ? AND kind = 'scheduled' AND undone_at IS NULL`,
      )
      .get(unit.cardId, unit.ord, at.today)!.n;
    const kind = answeredToday > 0 && current.state ? 'repeat' : 'scheduled';
    const next = kind === 'scheduled' ? scheduler.answer(current.state, grade, at) : { state: current.state!, due: current.due! };
    const time = at.now.toISOString();
    if (kind === 'scheduled') {
      db.prepare(
        `UPDATE study_card SET repetition = ?, interval = ?, easiness = ?, due_day = ?, first_seen = coalesce(first_seen, ?), state = ?
         WHERE card_id = ? AND ord = ?`,
      ).run(next.state.repetition, next.state.interval, next.state.easiness, next.due, time, JSON.stringify(next.state), unit.cardId, unit.ord);
    }
    const info = db
      .prepare(
        `INSERT INTO study_review (card_id, ord, reviewed_at, day, grade, kind, state_before, state_after, due_before, due_after,
           first_seen_before, scheduler, scheduler_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        unit.cardId, unit.ord, time, at.today, grade, kind,
        current.state ? JSON.stringify(current.state) : null, JSON.stringify(next.state),
        current.due, next.due, row.first_seen, scheduler.name, scheduler.version,
      );
    return { reviewId: Number(info.lastInsertRowid), kind, grade, state: next.state, due: next.due };
  }).immediate();
}

/**
 * Undoes a recorded answer in its own transaction: the log row is kept and
 * marked undone, and a scheduled answer's card gets back exactly the state,
 * due day and first-seen time it had before.
 */
export function undoAnswer(db: Db, reviewId: number, now: Date): void {
  db.transaction(() => {
    const review = db.prepare<[number], ReviewRow>('SELECT * FROM study_review WHERE id = ?').get(reviewId);
    if (!review || review.undone_at !== null) throw new UserError(`answer ${reviewId} is not in the log or was already undone`);
    const later = db
      .prepare<[string, number, number], { n: number }>('SELECT count(*) AS n FROM study_review WHERE card_id = ? AND ord = ? AND id > ? AND undone_at IS NULL')
      .get(review.card_id, review.ord, reviewId)!.n;
    if (later > 0) throw new UserError('cannot undo: the card was answered again since');
    if (review.kind === 'scheduled') {
      const before = review.state_before ? (JSON.parse(review.state_before) as CardState) : { repetition: 0, interval: 0, easiness: INITIAL_EASINESS };
      db.prepare('UPDATE study_card SET repetition = ?, interval = ?, easiness = ?, due_day = ?, first_seen = ?, state = ? WHERE card_id = ? AND ord = ?').run(
        before.repetition, before.interval, before.easiness, review.due_before, review.first_seen_before, review.state_before, review.card_id, review.ord,
      );
    }
    db.prepare('UPDATE study_review SET undone_at = ? WHERE id = ?').run(now.toISOString(), reviewId);
  }).immediate();
}

/** Buries units until the next study day (`-` in a session, and the siblings of a card just answered). */
export function buryUnits(db: Db, units: readonly Pick<StudyUnit, 'cardId' | 'ord'>[], day: number | null): void {
  const bury = db.prepare('UPDATE study_card SET buried_day = ? WHERE card_id = ? AND ord = ?');
  db.transaction(() => units.forEach((u) => bury.run(day, u.cardId, u.ord)))();
}

/** Suspends a unit (`@` in a session): no session asks it until it is unsuspended. */
export function suspendUnit(db: Db, unit: Pick<StudyUnit, 'cardId' | 'ord'>): void {
  db.prepare('UPDATE study_card SET suspended = 1 WHERE card_id = ? AND ord = ?').run(unit.cardId, unit.ord);
}

/** The suspended units that are not retired, in note order. */
export function suspendedUnits(db: Db): StudyUnit[] {
  return db
    .prepare<[], UnitRow>(`SELECT ${UNIT_COLUMNS} FROM study_card WHERE suspended = 1 AND retired = 0 ORDER BY source_file, source_line, ord`)
    .all()
    .map(toUnit);
}

/** Unsuspends every unit of the given card ids; returns how many units were suspended. */
export function unsuspendCards(db: Db, cardIds: readonly string[]): number {
  const unsuspend = db.prepare('UPDATE study_card SET suspended = 0 WHERE card_id = ? AND suspended = 1');
  return db.transaction(() => cardIds.reduce((n, id) => n + unsuspend.run(id).changes, 0))();
}

/** The nearest due day after `today` among active cards, with how many are due then; null if none. */
export function nextDue(db: Db, today: number, deck?: string): { day: number; count: number } | null {
  const rows = db
    .prepare<[number], { deck: string; due_day: number }>('SELECT deck, due_day FROM study_card WHERE retired = 0 AND suspended = 0 AND due_day > ? ORDER BY due_day')
    .all(today)
    .filter((row) => deckMatches(row.deck, deck));
  const first = rows[0];
  if (!first) return null;
  return { day: first.due_day, count: rows.filter((row) => row.due_day === first.due_day).length };
}

/** What the notes say of a unit: its display, deck and source (`syncCards` keeps these up to date). */
export interface UnitSource {
  cardId: string;
  ord: number;
  deck: string;
  type: 'basic' | 'cloze';
  front: string;
  back: string;
  sourceFile: string;
  sourceLine: number;
}

interface SourceRow {
  card_id: string;
  ord: number;
  deck: string;
  type: string;
  front: string;
  back: string;
  source_file: string;
  source_line: number;
  retired: number;
}

/** Every unit's source as stored, retired units included. */
export function storedSources(db: Db): (UnitSource & { retired: boolean })[] {
  return db
    .prepare<[], SourceRow>('SELECT card_id, ord, deck, type, front, back, source_file, source_line, retired FROM study_card')
    .all()
    .map((row) => ({ ...sourceOf(row), retired: row.retired !== 0 }));
}

/** The active cards of each source file, one entry per card (not per cloze unit), in note order: what a renamed note is matched against. */
export function studiedCardsByFile(db: Db): Map<string, Pick<Card, 'id' | 'type' | 'front'>[]> {
  const byFile = new Map<string, Pick<Card, 'id' | 'type' | 'front'>[]>();
  const rows = db.prepare<[], { card_id: string; type: string; front: string; source_file: string }>(
    'SELECT DISTINCT card_id, type, front, source_file FROM study_card WHERE retired = 0 ORDER BY source_file, source_line, card_id',
  );
  for (const row of rows.all()) {
    const cards = byFile.get(row.source_file) ?? [];
    cards.push({ id: row.card_id, type: row.type === 'cloze' ? 'cloze' : 'basic', front: row.front });
    byFile.set(row.source_file, cards);
  }
  return byFile;
}

/**
 * Of the card ids a build retired, those with answers in the review log, by
 * the note they came from: none while the database has no review log (a
 * build before the first `review` or `stats`).
 */
export function withReviewHistory(db: Db, ids: readonly string[]): RetiredNote[] {
  const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'study_review'").get() !== undefined;
  if (!hasLog || ids.length === 0) return [];
  const lookup = db.prepare<[string], { source_file: string }>(
    `SELECT source_file FROM study_card c WHERE card_id = ?
       AND EXISTS (SELECT 1 FROM study_review r WHERE r.card_id = c.card_id AND r.undone_at IS NULL) LIMIT 1`,
  );
  const byFile = new Map<string, string[]>();
  for (const id of ids) {
    const file = lookup.get(id)?.source_file;
    if (file === undefined) continue;
    const list = byFile.get(file) ?? [];
    list.push(id);
    byFile.set(file, list);
  }
  return [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, list]) => ({ file, ids: list.sort() }));
}

/** Writes units' sources (`syncCards`, inside its transaction): a new unit, a changed or returning one, one gone from the notes. */
export function sourceWriter(db: Db): {
  add(unit: UnitSource, at: string): void;
  update(unit: UnitSource, at: string): void;
  retire(unit: Pick<UnitSource, 'cardId' | 'ord'>, at: string): void;
} {
  const insert = db.prepare(
    `INSERT INTO study_card (card_id, ord, deck, type, front, back, source_file, source_line, added_at, updated_at)
     VALUES (@card_id, @ord, @deck, @type, @front, @back, @source_file, @source_line, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE study_card SET deck = @deck, type = @type, front = @front, back = @back, source_file = @source_file,
       source_line = @source_line, retired = 0, updated_at = @at WHERE card_id = @card_id AND ord = @ord`,
  );
  const retire = db.prepare('UPDATE study_card SET retired = 1, updated_at = ? WHERE card_id = ? AND ord = ?');
  return {
    add: (unit, at) => insert.run({ ...sourceRow(unit), at }),
    update: (unit, at) => update.run({ ...sourceRow(unit), at }),
    retire: (unit, at) => retire.run(at, unit.cardId, unit.ord),
  };
}

function sourceOf(row: Omit<SourceRow, 'retired'>): UnitSource {
  return {
    cardId: row.card_id,
    ord: row.ord,
    deck: row.deck,
    type: row.type === 'cloze' ? 'cloze' : 'basic',
    front: row.front,
    back: row.back,
    sourceFile: row.source_file,
    sourceLine: row.source_line,
  };
}

function sourceRow(unit: UnitSource): Omit<SourceRow, 'retired'> {
  return {
    card_id: unit.cardId, ord: unit.ord, deck: unit.deck, type: unit.type, front: unit.front, back: unit.back,
    source_file: unit.sourceFile, source_line: unit.sourceLine,
  };
}

/** Sets a unit's scheduling state and due day (a scheduler switch rebuilding every card from the log). */
export function stateWriter(db: Db): (unit: Pick<UnitSource, 'cardId' | 'ord'>, state: CardState, due: number) => void {
  const update = db.prepare('UPDATE study_card SET repetition = ?, interval = ?, easiness = ?, due_day = ?, state = ? WHERE card_id = ? AND ord = ?');
  return (unit, state, due) => update.run(state.repetition, state.interval, state.easiness, due, JSON.stringify(state), unit.cardId, unit.ord);
}

/** A unit that has been answered: its state and due day. */
export interface StudiedUnit {
  cardId: string;
  ord: number;
  state: CardState;
  due: number;
}

/** Every unit with at least one answer, by card id and ordinal. */
export function studiedUnits(db: Db): StudiedUnit[] {
  return db
    .prepare<[], Pick<UnitRow, 'card_id' | 'ord' | 'repetition' | 'interval' | 'easiness' | 'state'> & { due_day: number }>(
      'SELECT card_id, ord, repetition, interval, easiness, due_day, state FROM study_card WHERE due_day IS NOT NULL ORDER BY card_id, ord',
    )
    .all()
    .map((row) => ({
      cardId: row.card_id,
      ord: row.ord,
      state: stateOf(row),
      due: row.due_day,
    }));
}

/**
 * The units' decks and schedules (`flashmark stats`), `count` units to a row:
 * due day null while new. Counted by SQLite over the index of these columns,
 * in its order, not read row by row, which takes far longer on a large vault.
 */
export function unitSchedules(db: Db): { deck: string; due: number | null; interval: number; lapsed: boolean; retired: boolean; count: number }[] {
  // `lapsed`: the last answer that moved the schedule was a failure (the card is relearning). Summed within each
  // group rather than grouped by, which would sort every card in a temporary tree; looked up for seen cards only,
  // as a new card has no answer to look up.
  const rows = db
    .prepare<[{ recalled: number }], { deck: string; due_day: number | null; interval: number; retired: number; n: number; lapsed: number }>(
      `SELECT deck, retired, due_day, interval, count(*) AS n,
         sum(CASE WHEN due_day IS NULL THEN 0 ELSE
               coalesce((SELECT r.grade < @recalled FROM study_review r WHERE r.card_id = c.card_id AND r.ord = c.ord
                           AND r.kind = 'scheduled' AND r.undone_at IS NULL ORDER BY r.id DESC LIMIT 1), 0) END) AS lapsed
       FROM study_card c GROUP BY deck, retired, due_day, interval`,
    )
    .all({ recalled: RECALLED_GRADE });
  return rows.flatMap((row) => {
    const schedule = { deck: row.deck, due: row.due_day, interval: row.interval, retired: row.retired !== 0 };
    return [
      { ...schedule, lapsed: false, count: row.n - row.lapsed },
      { ...schedule, lapsed: true, count: row.lapsed },
    ].filter((unit) => unit.count > 0);
  });
}

/** The answers given from study day `from` to `to` (undone answers left out), with their card's deck, in the order given. */
export function answersBetween(db: Db, from: number, to: number): { deck: string; grade: number; kind: string; day: number; at: string }[] {
  return db
    .prepare<[number, number], { deck: string; grade: number; kind: string; day: number; at: string }>(
      `SELECT c.deck, r.grade, r.kind, r.day, r.reviewed_at AS at FROM study_review r JOIN study_card c ON c.card_id = r.card_id AND c.ord = r.ord
       WHERE r.undone_at IS NULL AND r.day BETWEEN ? AND ? ORDER BY r.id`,
    )
    .all(from, to);
}

interface LogRow {
  card_id: string;
  ord: number;
  day: number;
  reviewed_at: string;
  grade: number;
  kind: 'scheduled' | 'repeat';
}

/** The review log of every card (undone answers left out), oldest first per card. */
export function answersByCard(db: Db): Map<string, { cardId: string; ord: number; answers: LoggedAnswer[] }> {
  const rows = db
    .prepare<[], LogRow>('SELECT card_id, ord, day, reviewed_at, grade, kind FROM study_review WHERE undone_at IS NULL ORDER BY card_id, ord, id')
    .all();
  const byCard = new Map<string, { cardId: string; ord: number; answers: LoggedAnswer[] }>();
  for (const row of rows) {
    const key = unitKey(row.card_id, row.ord);
    let entry = byCard.get(key);
    if (!entry) {
      entry = { cardId: row.card_id, ord: row.ord, answers: [] };
      byCard.set(key, entry);
    }
    entry.answers.push({ day: row.day, at: row.reviewed_at, grade: row.grade as Grade, kind: row.kind });
  }
  return byCard;
}

/** The key of a unit in maps: card id and ordinal. */
export function unitKey(cardId: string, ord: number): string {
  return `${cardId}\u0000${ord}`;
}

/**
 * How long the session mark of a process that cannot be checked from here (it
 * runs on another host, or its pid cannot be probed) holds: after that it is
 * taken over, since a killed session there would otherwise block every later one.
 */
export const UNCHECKABLE_SESSION_EXPIRY_MINUTES = 30;

const MS_PER_MINUTE = 60_000;

/**
 * Marks this process as the review session on the database, or explains which
 * one already is. A row left by a killed session (its process is gone) is taken over,
 * and so is one whose process cannot be checked once it is older than
 * UNCHECKABLE_SESSION_EXPIRY_MINUTES; the line returned then says so (undefined otherwise).
 */
export function acquireSessionLock(db: Db, path: string, now: Date): string | undefined {
  const host = hostname();
  return db.transaction((): string | undefined => {
    const holder = db.prepare<[], { pid: number; host: string; started_at: string }>('SELECT pid, host, started_at FROM study_session WHERE id = 1').get();
    let takenOver: string | undefined;
    if (holder && !(holder.pid === process.pid && holder.host === host)) {
      const alive = holder.host === host ? processState(holder.pid) : 'uncheckable';
      const owner = `pid ${holder.pid} on ${holder.host}, started ${holder.started_at}`;
      if (alive === 'alive') throw new UserError(`another review session (${owner}) is using the study database ${path}; finish it first`);
      if (alive === 'uncheckable') {
        const started = Date.parse(holder.started_at);
        const expires = Number.isNaN(started) ? now.getTime() : started + UNCHECKABLE_SESSION_EXPIRY_MINUTES * MS_PER_MINUTE;
        if (now.getTime() < expires) {
          throw new UserError(
            `another review session (${owner}) is using the study database ${path}; its process cannot be checked from this host, so its mark expires at ${new Date(expires).toISOString()} (${UNCHECKABLE_SESSION_EXPIRY_MINUTES} minutes after it started); finish it first, or wait`,
          );
        }
        takenOver = `warning: took over the review session mark of ${owner} on ${path}: its process cannot be checked from this host and the mark is over ${UNCHECKABLE_SESSION_EXPIRY_MINUTES} minutes old`;
      }
    }
    db.prepare('INSERT OR REPLACE INTO study_session (id, pid, host, started_at) VALUES (1, ?, ?, ?)').run(process.pid, host, now.toISOString());
    return takenOver;
  }).immediate();
}

/** Removes this process's session mark. */
export function releaseSessionLock(db: Db): void {
  db.prepare('DELETE FROM study_session WHERE id = 1 AND pid = ? AND host = ?').run(process.pid, hostname());
}

/** Whether a process on this host runs: gone, alive, or cannot be told (an impossible pid, a probe refused for another reason). */
function processState(pid: number): 'alive' | 'gone' | 'uncheckable' {
  // 0 and negative numbers name process groups, not a process.
  if (!Number.isSafeInteger(pid) || pid <= 0) return 'uncheckable';
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EPERM: it exists but belongs to someone else.
    if (code === 'EPERM') return 'alive';
    return code === 'ESRCH' ? 'gone' : 'uncheckable';
  }
}

/** The notes' digest the cards were last synced from, and those notes' warnings (JSON); none after any other sync. */
export function lastSync(db: Db): { digest: string; warnings: string } | undefined {
  return db.prepare<[], { digest: string; warnings: string }>('SELECT digest, warnings FROM study_sync WHERE id = 1').get();
}

/** Records the digest of the notes just synced (see lastSync). */
export function recordSync(db: Db, digest: string, warnings: string): void {
  db.prepare('INSERT OR REPLACE INTO study_sync (id, digest, warnings) VALUES (1, ?, ?)').run(digest, warnings);
}

/** Forgets the last sync's digest: the cards now synced are not those it names. */
export function forgetSync(db: Db): void {
  db.prepare('DELETE FROM study_sync').run();
}
