import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'vitest';

/** The real binary, driven as a user's script would drive it. */
export const binary = resolve('dist/cli/main.js');
/** Notes studied by the progress and scheduler-switch tests. */
export const fixture = resolve('test/fixtures/progress/notes');
export const env = { ...process.env, TZ: 'UTC', FLASHMARK_NOW: '' };

/** `flashmark review` with one key per line on stdin: '' reveals, 0-5 grade, u undoes, q quits. */
export function review(notes: string, now: string, keys: string[], ...args: string[]): string {
  // The scripts answer a cloze's deletions back to back, so siblings are not buried.
  const result = spawnSync(process.execPath, [binary, 'review', notes, '--now', now, '--no-bury-siblings', ...args], {
    input: keys.map((key) => `${key}\n`).join(''), encoding: 'utf8', env,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** The keys that reveal and grade one card per grade ('u' undoes the last answer). */
export const answer = (...grades: (number | 'u')[]): string[] => grades.flatMap((g) => (g === 'u' ? ['u'] : ['', String(g)]));
