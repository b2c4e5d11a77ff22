export { sm2, isGrade, GRADES, INITIAL_EASINESS, MIN_EASINESS, type Grade, type Sm2State, type CardState } from './sm2.js';
export { studyDay, dueDay, dayToIso, isoToDay, parseRolloverHour, DEFAULT_ROLLOVER_HOUR, type DayOptions } from './days.js';
export { sm2Scheduler, type Scheduler, type Scheduled, type AnswerTime } from './scheduler.js';
