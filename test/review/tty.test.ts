import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const binary = resolve('dist/cli/main.js');
const fixture = resolve('test/fixtures/review/notes');

/** Quotes for the shell command line `script -c` runs. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('flashmark review at a real terminal (a pseudo-terminal made by script(1))', () => {
  it('acts on single keys without Enter, keeps the answer off screen until revealed, and commits each answer', async () => {
    const notes = join(mkdtempSync(join(tmpdir(), 'flashmark-tty-')), 'notes');
    cpSync(fixture, notes, { recursive: true });
    const command = [process.execPath, binary, 'review', notes, '--now', '2026-03-02T09:00', '--new', '1'].map(quote).join(' ');
    // script(1) runs the command on a new pseudo-terminal and relays our pipe to it, key by key.
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, TZ: 'UTC', TERM: 'xterm' } });
    let screen = '';
    const waiters: { text: string; resolve: () => void }[] = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      screen += chunk;
      for (const waiter of waiters.filter((w) => screen.includes(w.text))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
    const waitFor = (text: string) => (screen.includes(text) ? Promise.resolve() : new Promise<void>((r) => waiters.push({ text, resolve: r })));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));

    await waitFor('show the answer');
    expect(screen).toContain('Ribosome');
    expect(screen).not.toContain('makes proteins');
    expect(screen).toContain('\x1b[2J'); // a terminal gets a cleared screen per card
    child.stdin.write(' '); // Space, no Enter
    await waitFor('makes proteins');
    await waitFor('after hesitation');
    child.stdin.write('4');
    await waitFor('saved 4');
    // The limit of one new card is reached: the session ends by itself.
    await waitFor('Next due: 2026-03-03');
    expect(await exited).toBe(0);

    const db = new Database(join(notes, '.flashmark', 'state.db'), { readonly: true });
    expect(db.prepare('SELECT grade, kind FROM study_review').all()).toEqual([{ grade: 4, kind: 'scheduled' }]);
    db.close();
  });

  it('shows the next interval on each grade, and Space on the answer side grades Good with the interval it showed', async () => {
    const notes = join(mkdtempSync(join(tmpdir(), 'flashmark-tty-')), 'notes');
    cpSync(fixture, notes, { recursive: true });
    // Day one, scripted: the first new card answered 4, so on day two it is a review card.
    const first = spawnSync(process.execPath, [binary, 'review', notes, '--now', '2026-03-02T09:00', '--new', '1'], { input: '\n4\nq\n', encoding: 'utf8' });
    expect(first.status).toBe(0);
    const command = [process.execPath, binary, 'review', notes, '--now', '2026-03-03T09:00', '--new', '1', '--buttons'].map(quote).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, TZ: 'UTC', TERM: 'xterm' } });
    let screen = '';
    const waiters: { text: string; resolve: () => void }[] = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      screen += chunk;
      for (const waiter of waiters.filter((w) => screen.includes(w.text))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
    const waitFor = (text: string) => (screen.includes(text) ? Promise.resolve() : new Promise<void>((r) => waiters.push({ text, resolve: r })));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));

    await waitFor('show the answer');
    child.stdin.write(' ');
    await waitFor('Space/Enter: Good');
    const shown = /1 Again (\d+)d · 2 Hard (\d+)d · 3 Good (\d+)d · 4 Easy (\d+)d/.exec(screen);
    expect(shown).not.toBeNull();
    const good = Number(shown![3]);
    expect(good).toBeGreaterThan(1);
    child.stdin.write(' '); // Space again: Good
    await waitFor('saved 4');
    child.stdin.write('q');
    expect(await exited).toBe(0);

    const db = new Database(join(notes, '.flashmark', 'state.db'), { readonly: true });
    const answers = db.prepare('SELECT grade, day, due_after FROM study_review ORDER BY id').all() as { grade: number; day: number; due_after: number }[];
    db.close();
    expect(answers).toHaveLength(2);
    expect(answers[1]!.grade).toBe(4);
    expect(answers[1]!.due_after - answers[1]!.day).toBe(good);
  });
});
