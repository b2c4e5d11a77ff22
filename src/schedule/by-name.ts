import { fsrsScheduler } from './fsrs.js';
import { sm2Scheduler, type Scheduler } from './scheduler.js';
import type { CardState } from './sm2.js';

/** The schedulers `review --scheduler` offers; the first is the default. */
export const SCHEDULER_NAMES = ['sm2', 'fsrs'] as const;
export type SchedulerName = (typeof SCHEDULER_NAMES)[number];
export const DEFAULT_SCHEDULER: SchedulerName = 'sm2';

/**
 * Every scheduler's state carries SM-2's three fields (see FsrsState), so each
 * one fits where the study database expects an CardState-shaped state.
 */
const SCHEDULERS: Record<SchedulerName, Scheduler<CardState>> = { sm2: sm2Scheduler, fsrs: fsrsScheduler };

export function isSchedulerName(name: string): name is SchedulerName {
  return (SCHEDULER_NAMES as readonly string[]).includes(name);
}

/** The scheduler called `name`. */
export function schedulerNamed(name: SchedulerName): Scheduler<CardState> {
  return SCHEDULERS[name];
}
