import type { PackageScheduling } from '../anki/index.js';
import { schedulerNamed } from '../schedule/schedulers.js';
import type { Sm2State } from '../schedule/sm2.js';
import { openStudyDatabase } from '../study/store.js';
import { answersByCard, storedScheduler } from '../study/scheduler-choice.js';
import type { Db } from '../store/database.js';
import { ankiScheduling, type UnitProgress } from './anki.js';

interface CardRow {
  card_id: string;
  ord: number;
  repetition: number;
  interval: number;
  easiness: number;
  due_day: number;
  state: string | null;
}

/** Every card with history in the study database, with its state and review log. */
export function loadUnitProgress(db: Db): UnitProgress[] {
  const answers = answersByCard(db);
  return db
    .prepare<[], CardRow>('SELECT card_id, ord, repetition, interval, easiness, due_day, state FROM study_card WHERE due_day IS NOT NULL ORDER BY card_id, ord')
    .all()
    .map((row) => ({
      cardId: row.card_id,
      ord: row.ord,
      state: row.state !== null ? (JSON.parse(row.state) as Sm2State) : { repetition: row.repetition, interval: row.interval, easiness: row.easiness },
      due: row.due_day,
      answers: answers.get(`${row.card_id}\u0000${row.ord}`)?.answers ?? [],
    }));
}

/** `build --with-progress`: the Anki scheduling of every card the study database at `statePath` has history for. */
export function loadPackageScheduling(statePath: string): PackageScheduling {
  const db = openStudyDatabase(statePath);
  try {
    return ankiScheduling(loadUnitProgress(db), schedulerNamed(storedScheduler(db).name));
  } finally {
    db.close();
  }
}
