import type { Command } from 'commander';

/**
 * A study option's value: the command line's when the user gave it, else the
 * vault settings' (`review.new`, `review.rollover`), else the option's default.
 */
export function optionOrSetting<T>(command: Command, option: string, setting: T | undefined, fromOption: () => T): T {
  return command.getOptionValueSource(option) === 'default' && setting !== undefined ? setting : fromOption();
}
