import { Option, type Command } from 'commander';
import { UserError, messageOf } from '../errors.js';
import { DEFAULT_ROLLOVER_HOUR, parseRolloverHour } from '../schedule/days.js';
import { resolveNow } from './options.js';

/** The options review and stats share. */
export interface StudyCommandOptions {
  state?: string;
  now?: string;
  rollover: string;
  deck?: string;
  verbose?: boolean;
}

/** Adds --state, --now, --rollover, --deck and --verbose to a study command. */
export function addStudyOptions(command: Command): Command {
  return command
    .option('--state <file>', 'the study database (default: <notes>/.flashmark/state.db)')
    .option('--now <date>', 'act as of this date/time, ISO form, e.g. 2026-03-01 or 2026-03-01T21:30 (also FLASHMARK_NOW)')
    .addOption(new Option('--rollover <hour>', 'local hour at which a new study day starts (review.rollover in .flashmark.yml changes the default)').default(String(DEFAULT_ROLLOVER_HOUR)))
    .option('--deck <name>', 'only this deck and the decks below it (e.g. "DevOps" or "DevOps::Python")')
    .option('--verbose', 'say on stderr how many notes were parsed (the others were read from the extraction cache)');
}

/**
 * The session's starting instant. A bare date (`2026-03-01`) means midday of
 * that local date: `new Date('2026-03-01')` would be UTC midnight, which is
 * the previous study day before the 4 am rollover or west of Greenwich.
 */
export function resolveStudyNow(option: string | undefined): Date {
  const value = option ?? process.env['FLASHMARK_NOW'];
  const now = resolveNow(option); // first: refuses what is not a real date, such as 2026-02-30
  const dateOnly = value === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (dateOnly) return new Date(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]), 12);
  return now;
}

export function resolveRollover(value: string): number {
  try {
    return parseRolloverHour(value);
  } catch (error) {
    throw new UserError(`--rollover: ${messageOf(error)}`);
  }
}

/** A clock that starts at `start` and runs at real speed, so answers in one session keep their order. */
export function runningClock(start: Date): () => Date {
  const startedAt = Date.now();
  return () => new Date(start.getTime() + (Date.now() - startedAt));
}
