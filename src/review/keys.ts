import { createInterface } from 'node:readline';

/**
 * The learner's key presses. At a terminal each key acts at once (raw mode);
 * otherwise each input line is one key press and an empty line is Enter, so
 * sessions can be scripted. `next()` resolves to null when the input ends.
 */
export type Key = 'enter' | 'undo' | 'quit' | 'bury' | 'suspend' | 'edit' | `${0 | 1 | 2 | 3 | 4 | 5}` | { other: string };

export interface KeySource {
  next(): Promise<Key | null>;
  /** Runs `task` (an editor) with the terminal back in its normal mode, then takes the keys again. */
  handOver(task: () => void): void;
  close(): void;
}

/** The key a raw terminal character or a scripted line stands for. */
export function keyOf(input: string): Key {
  if (input === '' || input === '\r' || input === '\n' || input === ' ') return 'enter';
  if (input === 'u' || input === 'U') return 'undo';
  if (input === 'q' || input === 'Q' || input === '\x03' || input === '\x04') return 'quit';
  if (input === '-') return 'bury';
  if (input === '@') return 'suspend';
  if (input === 'e' || input === 'E') return 'edit';
  if (/^[0-5]$/.test(input)) return input as `${0 | 1 | 2 | 3 | 4 | 5}`;
  return { other: input };
}

/** A queue of keys fed by events, read one at a time. */
class KeyQueue implements KeySource {
  private readonly keys: (Key | null)[] = [];
  private waiting: ((key: Key | null) => void) | undefined;
  private ended = false;

  constructor(
    private readonly onClose: () => void,
    private readonly release: () => void = () => {},
    private readonly retake: () => void = () => {},
  ) {}

  handOver(task: () => void): void {
    this.release();
    try {
      task();
    } finally {
      this.retake();
    }
  }

  push(key: Key | null): void {
    if (this.ended) return;
    if (key === null) this.ended = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve(key);
    } else this.keys.push(key);
  }

  next(): Promise<Key | null> {
    if (this.keys.length > 0) return Promise.resolve(this.keys.shift()!);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  close(): void {
    this.onClose();
  }
}

/** Keys from a terminal in raw mode: no Enter needed, nothing echoed. */
export function terminalKeys(input: NodeJS.ReadStream): KeySource {
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    // Arrow and function keys arrive as escape sequences: not ours, ignored whole.
    if (text.startsWith('\x1b')) return;
    for (const char of text) queue.push(keyOf(char));
  };
  const onEnd = () => queue.push(null);
  const queue = new KeyQueue(
    () => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.setRawMode(false);
      input.pause();
    },
    () => {
      input.setRawMode(false);
      input.pause();
    },
    () => {
      input.setRawMode(true);
      input.resume();
    },
  );
  input.setRawMode(true);
  input.on('data', onData);
  input.on('end', onEnd);
  input.resume();
  return queue;
}

/** Ctrl-C as a raw terminal sends it: the signal the terminal no longer raises itself. */
const INTERRUPT = '\x03';

/**
 * While a session loads, the terminal is in raw mode: keys pressed meanwhile
 * are neither echoed over the screen nor kept as answers to the first card.
 * Ctrl-C still interrupts. Returns the function that gives the terminal back.
 */
export function quietWhileLoading(input: NodeJS.ReadStream): () => void {
  const discard = (chunk: Buffer): void => {
    if (chunk.toString('utf8').includes(INTERRUPT)) process.kill(process.pid, 'SIGINT');
  };
  input.setRawMode(true);
  input.on('data', discard);
  input.resume();
  return () => {
    input.off('data', discard);
    input.pause();
    input.setRawMode(false);
  };
}

/** Keys from a pipe or file: one per line (an empty line is Enter); the end of input ends the session. */
export function lineKeys(input: NodeJS.ReadableStream): KeySource {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  const queue = new KeyQueue(() => lines.close());
  lines.on('line', (line) => queue.push(keyOf(line.trim() === '' ? '' : line.trim())));
  lines.on('close', () => queue.push(null));
  return queue;
}
