import type { PackageScheduling } from '../anki/index.js';
import { schedulerNamed } from '../schedule/by-name.js';
import { answersByCard, openStudyDatabase, studiedUnits, unitKey } from '../study/tables.js';
import { storedScheduler } from '../study/scheduler-choice.js';
import type { Db } from '../store/database.js';
import { ankiScheduling, type UnitProgress } from './anki.js';

/** Every card with history in the study database, with its state and review log. */
export function loadUnitProgress(db: Db): UnitProgress[] {
  const answers = answersByCard(db);
  return studiedUnits(db).map((unit) => ({ ...unit, answers: answers.get(unitKey(unit.cardId, unit.ord))?.answers ?? [] }));
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
