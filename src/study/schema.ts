import type { Migrations } from '../store/database.js';

/**
 * The study tables. Steps are append-only forever: a released step is never
 * edited, a change is a new step.
 *
 * - `study_card`: one row per scheduled unit (Card.id + ord: basic cards have
 *   ord 0, a cloze card has one unit per distinct {{cN::}}, ord N-1). Display
 *   fields are a snapshot of the notes at the last sync; the SM-2 state lives
 *   here; `due_day` is null while the card is new. A card gone from the notes
 *   is `retired` (kept with its history, not shown), and un-retired when its
 *   note brings it back.
 * - `study_review`: the full review log, one row per answer: time, study day,
 *   grade, state and due day before/after (state as JSON, so another
 *   scheduler's state fits), the scheduler's name and version, and `kind`:
 *   'scheduled' (changed the schedule) or 'repeat' (a same-day repeat of a
 *   grade below 4, which changes nothing). An undone answer is kept and marked
 *   with `undone_at`: the log stays complete, and every count ignores it.
 * - `study_session`: at most one row, the review session running on this
 *   database (pid, host), so a second session gets a clear message.
 */
export const studyMigrations: Migrations = {
  component: 'study',
  steps: [
    `CREATE TABLE study_card (
       card_id TEXT NOT NULL,
       ord INTEGER NOT NULL,
       deck TEXT NOT NULL,
       type TEXT NOT NULL,
       front TEXT NOT NULL,
       back TEXT NOT NULL,
       source_file TEXT NOT NULL,
       source_line INTEGER NOT NULL,
       repetition INTEGER NOT NULL DEFAULT 0,
       interval INTEGER NOT NULL DEFAULT 0,
       easiness INTEGER NOT NULL DEFAULT 2500,
       due_day INTEGER,
       first_seen TEXT,
       retired INTEGER NOT NULL DEFAULT 0,
       added_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       PRIMARY KEY (card_id, ord)
     ) WITHOUT ROWID;
     CREATE INDEX study_card_due ON study_card (retired, due_day);
     CREATE TABLE study_review (
       id INTEGER PRIMARY KEY,
       card_id TEXT NOT NULL,
       ord INTEGER NOT NULL,
       reviewed_at TEXT NOT NULL,
       day INTEGER NOT NULL,
       grade INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
       kind TEXT NOT NULL CHECK (kind IN ('scheduled', 'repeat')),
       state_before TEXT,
       state_after TEXT NOT NULL,
       due_before INTEGER,
       due_after INTEGER NOT NULL,
       first_seen_before TEXT,
       scheduler TEXT NOT NULL,
       scheduler_version INTEGER NOT NULL,
       undone_at TEXT,
       FOREIGN KEY (card_id, ord) REFERENCES study_card (card_id, ord)
     );
     CREATE INDEX study_review_card ON study_review (card_id, ord, id);
     CREATE INDEX study_review_day ON study_review (day);
     CREATE TABLE study_session (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       pid INTEGER NOT NULL,
       host TEXT NOT NULL,
       started_at TEXT NOT NULL
     );`,
    // Step 2 (scheduler choice): `study_card.state` holds the scheduler's whole state as JSON (the
    // columns above keep its repetition/interval/easiness summary, which every scheduler state has);
    // `study_scheduler` is the scheduler this database is on (no row = SM-2, the default). Switching
    // rebuilds every card from the review log (src/study/scheduler-choice.ts).
    `ALTER TABLE study_card ADD COLUMN state TEXT;
     CREATE TABLE study_scheduler (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       name TEXT NOT NULL,
       version INTEGER NOT NULL,
       chosen_at TEXT NOT NULL
     );`,
    // Step 3 (review and stats without waiting): `study_sync` holds the digest of the notes the cards
    // were last synced from (src/vault/read-vault.ts) and those notes' warnings, so `review` and `stats`
    // on an unchanged vault neither decode nor compare its cards (src/study/sync.ts). The indexes let
    // the new cards be read in note order up to the day's limit, and the stats count every card,
    // without reading the rows' front and back.
    `CREATE TABLE study_sync (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       digest TEXT NOT NULL,
       warnings TEXT NOT NULL
     );
     CREATE INDEX study_card_new ON study_card (retired, due_day, source_file, source_line, ord);
     CREATE INDEX study_card_stats ON study_card (deck, retired, due_day, interval);`,
    // Step 4 (the reviewer's bury and suspend): `buried_day` is the study day a card was buried on (it
    // comes back the day after); `suspended` keeps a card out of every session until unsuspended.
    `ALTER TABLE study_card ADD COLUMN buried_day INTEGER;
     ALTER TABLE study_card ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0;`,
  ],
};
