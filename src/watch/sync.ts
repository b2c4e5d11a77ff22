import type { BuildReport } from '../build/index.js';
import { messageOf } from '../errors.js';
import { AnkiNotRunningError, connectToAnki, formatSyncLine, pushToAnki } from '../sync/index.js';

/** How often `watch --sync` asks again while Anki is closed. */
export const ANKI_RETRY_MS = 2000;

export interface WatchSyncOptions {
  url: string;
  key: string | undefined;
  statePath: string;
  /** A line for stdout (what was synced) and one for stderr (what went wrong). */
  say: (line: string) => void;
  warn: (line: string) => void;
  retryMs?: number;
}

/**
 * `watch --sync`: each rebuild's packages pushed into Anki. When Anki is
 * closed, says so once, and asks again every few seconds between rebuilds
 * until it is back, then pushes the latest build. Pushes run one at a time and
 * never while a rebuild writes packages (the rebuild waits for `pause`).
 */
export class WatchSync {
  private last: BuildReport | undefined;
  private down = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: WatchSyncOptions) {}

  /** Before a rebuild: no retry fires, and the push in progress (if any) has finished. */
  async pause(): Promise<void> {
    this.clearTimer();
    await this.running;
  }

  /** After a rebuild: pushes its packages; resolves once pushed, refused, or Anki found closed. */
  push(report: BuildReport): Promise<void> {
    this.last = report;
    this.clearTimer();
    return this.enqueue();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running;
  }

  private enqueue(): Promise<void> {
    this.running = this.running.then(() => this.attempt());
    return this.running;
  }

  private async attempt(): Promise<void> {
    const report = this.last;
    if (!report || this.stopped) return;
    const { say, warn } = this.options;
    try {
      const client = await connectToAnki(this.options.url, this.options.key);
      const outcome = await pushToAnki(client, report, { statePath: this.options.statePath });
      if (this.down) say('Anki is back');
      this.down = false;
      say(formatSyncLine(outcome));
    } catch (error) {
      if (!(error instanceof AnkiNotRunningError)) {
        warn(`flashmark: ${messageOf(error)}`);
        return;
      }
      if (!this.down) warn(`flashmark: ${messageOf(error).replace(/; start Anki and try again$/, '')}; watching goes on, and syncs when Anki is back`);
      this.down = true;
      if (!this.stopped) {
        this.timer = setTimeout(() => void this.enqueue(), this.options.retryMs ?? ANKI_RETRY_MS);
        this.timer.unref();
      }
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
