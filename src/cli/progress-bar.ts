/**
 * A one-line progress bar on stderr for work that takes more than a moment.
 * It draws only when stderr is a terminal and the command is not asked for
 * `--json`, appears only after `delayMs` (quick builds stay silent), and erases
 * itself when done so the command's own output is all that remains.
 */
export interface Progress {
  /** Reports `done` of `total` units of the current phase (e.g. notes parsed). */
  update(phase: string, done: number, total: number): void;
  /** Erases the bar. Safe to call more than once. */
  finish(): void;
}

export interface ProgressOptions {
  json?: boolean;
  delayMs?: number;
  stream?: NodeJS.WriteStream;
}

const SILENT: Progress = { update() {}, finish() {} };
const REDRAW_MS = 100;

export function createProgress({ json = false, delayMs = 400, stream = process.stderr }: ProgressOptions = {}): Progress {
  if (json || !stream.isTTY) return SILENT;
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(phase, done, total) {
      const now = Date.now();
      if (now - started < delayMs || (now - lastDraw < REDRAW_MS && done < total)) return;
      lastDraw = now;
      drawn = true;
      stream.write(`\r${progressLine(phase, done, total, stream.columns || 80)}\x1b[K`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** `phase [#####.....]  42% 420/1000`, fitted to the terminal width. */
export function progressLine(phase: string, done: number, total: number, columns: number): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const counts = ` ${String(Math.floor(ratio * 100)).padStart(3)}% ${done}/${total}`;
  const width = Math.max(10, Math.min(40, columns - phase.length - counts.length - 4));
  const filled = Math.round(ratio * width);
  return `${phase} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${counts}`.slice(0, Math.max(1, columns - 1));
}
