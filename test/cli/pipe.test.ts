import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '../../dist/cli/main.js');

/** Runs the binary, closes its stdout after the first chunk (as `| head -1` does), and returns its exit and stderr. */
function runAndCloseEarly(args: string[], input = ''): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end(input);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that stops early', () => {
  const notes = mkdtempSync(join(tmpdir(), 'flashmark-pipe-'));
  cpSync(join(import.meta.dirname, '../../notes'), notes, { recursive: true });
  // Enough cards that the listing takes many writes, past the pipe's buffer.
  for (let i = 0; i < 300; i++) {
    const terms = Array.from({ length: 10 }, (_, j) => `- **Term ${i}-${j}**: the explanation of term ${j} in note ${i}, long enough to fill the pipe.`);
    writeFileSync(join(notes, `Note ${i}.md`), `# Note ${i}\n\n${terms.join('\n')}\n`);
  }

  it('ends `cards` quietly, without an EPIPE error', async () => {
    const { code, stderr } = await runAndCloseEarly(['cards', notes]);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });

  it('ends `review` quietly', async () => {
    const { code, stderr } = await runAndCloseEarly(['review', notes, '--now', '2026-03-02T10:00'], '\n4\n\n4\n\n4\n');
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });
});
