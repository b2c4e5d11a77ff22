import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Removes the temporary files in `dir` that `pattern` matches (its first
 * group the writing process's id) and whose process is gone: a process killed
 * while writing leaves its temporary file beside the intact file it was to
 * replace.
 */
export function removeAbandonedTempFiles(dir: string, pattern: RegExp): void {
  for (const name of readdirSync(dir)) {
    const pid = pattern.exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
