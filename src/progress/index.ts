/** Local progress to Anki: study state + review log -> review cards and revlog rows (`build --with-progress`). */
export { ankiScheduling, ankiEase, progressSummary, ANKI_DAY_ZERO, type UnitProgress } from './anki.js';
export { loadPackageScheduling, loadUnitProgress } from './load.js';
