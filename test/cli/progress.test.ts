import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, progressLine } from '../../src/cli/progress-bar.js';

describe('progress bar', () => {
  it('shows the phase, a bar, the percentage and the counts', () => {
    expect(progressLine('parsing notes', 250, 1000, 80)).toBe('parsing notes [##########..............................]  25% 250/1000');
    expect(progressLine('writing', 3, 3, 80)).toMatch(/\[#+\] 100% 3\/3$/);
  });

  it('never runs past the terminal width', () => {
    for (const columns of [20, 40, 200]) expect(progressLine('parsing notes', 1, 7, columns).length).toBeLessThan(columns);
  });

  it('writes nothing when stderr is not a terminal or the output is JSON', () => {
    const piped = new PassThrough() as unknown as NodeJS.WriteStream;
    let written = '';
    (piped as unknown as PassThrough).on('data', (d: Buffer) => (written += d.toString()));
    for (const progress of [createProgress({ stream: piped, delayMs: 0 }), createProgress({ stream: Object.assign(piped, { isTTY: true }), json: true, delayMs: 0 })]) {
      progress.update('parsing', 1, 2);
      progress.finish();
    }
    expect(written).toBe('');
  });

  it('draws on a terminal after the delay and erases itself when done', () => {
    const chunks: string[] = [];
    const tty = { isTTY: true, columns: 60, write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream;
    const progress = createProgress({ stream: tty, delayMs: 0 });
    progress.update('parsing', 2, 2);
    progress.finish();
    expect(chunks[0]).toContain('2/2');
    expect(chunks.at(-1)).toBe('\r\x1b[K');
  });
});
