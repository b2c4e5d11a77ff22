#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { UserError, messageOf } from '../errors.js';
import { registerBuild } from './commands/build.js';
import { registerCards } from './commands/cards.js';
import { registerReview } from './commands/review.js';
import { registerStats } from './commands/stats.js';
import { registerSync } from './commands/sync.js';
import { registerWatch } from './commands/watch.js';
import { printable } from '../printable.js';

// A smaller inlining budget for V8's optimizing compiler (default 920), for this process and its
// workers: the parser's many small closures cost less to optimize, with the workers no slower (see
// bench/). Read whenever a function is optimized, so it takes effect although V8 is running.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

// A reader that stops early (`flashmark cards | head`) closes the pipe: stop quietly,
// as other command-line tools do, instead of failing with EPIPE. Every answer of a
// review session is committed before the next card is printed, so nothing is lost.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command('flashmark')
  .description('Turn a folder of Markdown notes into spaced-repetition flashcards.')
  .version(version)
  .configureOutput({ outputError: (message, write) => write(`${printable(`flashmark: ${commanderErrorLine(message)} (run with --help for usage)`)}\n`) })
  .exitOverride();

// Each command lives in ./commands/NAME.ts and registers itself here.
registerBuild(program);
registerCards(program);
registerReview(program);
registerStats(program);
registerSync(program);
registerWatch(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error);
}

/**
 * Commander's own errors (unknown command or option, missing value) read like
 * flashmark's: one line, `flashmark:` rather than `error:`, its suggestion kept
 * ("unknown option '--jsn' (Did you mean --json?)"). Only the line break
 * commander puts before its suggestion is joined: one inside what was typed is
 * left for `printable` to show as `\n`.
 */
function commanderErrorLine(message: string): string {
  return message
    .replace(/^error:\s*/, '')
    .replace(/\n+$/, '')
    .replace(/\n(?=\(Did you mean )/g, ' ');
}

/** Prints one line for anything that went wrong and returns the exit code. */
function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode; // commander has printed its own line
  if (error instanceof UserError) {
    process.stderr.write(`${printable(`flashmark: ${error.message}`)}\n`);
    return error.exitCode;
  }
  process.stderr.write(`${printable(`flashmark: unexpected error: ${messageOf(error)}`)}\n`);
  if (process.env['FLASHMARK_DEBUG']) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
  return 70;
}
