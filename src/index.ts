/**
 * flashmark as a library: the pipeline's stages for other programs.
 * Each stage adds its public functions and types here.
 */
export type { Card, CardType, DropReason, DroppedCard, NoteResult, NoteWarning, Rule, SourcePosition } from './card.js';
export { DROP_REASONS, KEEPABLE_REASONS, RULES } from './card.js';
export { UserError } from './errors.js';
// Scheduling (SM-2 as docs/review.md describes it, study days, the scheduler interface).
export { sm2, isGrade, sm2Scheduler, studyDay, dueDay, dayToIso, isoToDay, DEFAULT_ROLLOVER_HOUR } from './schedule/index.js';
export type { Sm2State, CardState, Grade, Scheduler, Scheduled, AnswerTime, DayOptions } from './schedule/index.js';
// Anki packages: notes -> .apkg bytes (pure), and the `build` command's orchestration with its build history.
export { writeApkg, writeCollection, cardOrdinals, mediaFileName, isSafeMediaName, normalizeField, tagsColumn, clozeOrdinals } from './anki/index.js';
export { BASIC_MODEL, CLOZE_MODEL, BASIC_MODEL_ID, CLOZE_MODEL_ID, COLLECTION_CREATED } from './anki/index.js';
export type { AnkiPackage, PackageNote, PackageMedia, Model, ModelKind } from './anki/index.js';
export { buildPackages, formatBuildReport, formatWarnings, packageKeyOf } from './build/index.js';
export type { BuildInput, BuildOptions, BuildReport, PackageReport, RemovedPackageReport } from './build/index.js';
export { extractNote, DEFAULT_EXTRACT_OPTIONS, cardId, noteIdentity, type ExtractOptions } from './extract/index.js';
export { loadVault, type Vault } from './vault/load.js';
export { findNoteFiles, readNoteText } from './scan/index.js';
export { parseNote, type ParsedNote, type FrontMatter } from './parse/index.js';
// Study state and statistics (the study database behind `review` and `stats`).
export { openStudyDatabase, syncCards, type SyncReport, type StudyUnit } from './study/index.js';
export { computeStats, type Stats } from './stats/compute.js';
// FSRS beside SM-2, log replay, scheduler choice per study database, and local progress to Anki (`build --with-progress`).
export { fsrsScheduler, type FsrsState } from './schedule/fsrs.js';
export { replayAnswers, type LoggedAnswer, type Replay, type ReplayedAnswer } from './schedule/replay.js';
export { schedulerNamed, SCHEDULER_NAMES, DEFAULT_SCHEDULER, type SchedulerName } from './schedule/by-name.js';
export { chooseScheduler, storedScheduler, type SchedulerChoice, type SchedulerSwitch } from './study/scheduler-choice.js';
export { ankiScheduling, loadPackageScheduling, type UnitProgress } from './progress/index.js';
export type { CardScheduling, PackageScheduling, RevlogRow } from './anki/index.js';
// Vault settings (.flashmark.yml, docs/settings.md) and what a vault yields (`cards --summary`).
export { loadVaultSettings, parseVaultSettings, ignoreMatcher, SETTINGS_FILE, SettingsError, type VaultSettings, type ReviewSettings } from './settings/index.js';
export { summarizeVault, formatSummary, type VaultSummary } from './summary/index.js';
export { type DeckScheme } from './extract/index.js';
