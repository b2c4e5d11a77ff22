import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateVault } from '../../bench/generate.js';

const binary = resolve('dist/cli/main.js');
const fixture = resolve('test/fixtures/review/notes');

/** Quotes for the shell command line `script -c` runs. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;


/** A review session on a pseudo-terminal made by script(1), which relays what we write to it key by key. */
function ptySession(args: string[], env: NodeJS.ProcessEnv = {}) {
  const command = [process.execPath, binary, 'review', ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, TZ: 'UTC', TERM: 'xterm', ...env } });
  let screen = '';
  const waiters: { text: string; from: number; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    screen += chunk;
    for (const waiter of waiters.filter((w) => screen.indexOf(w.text, w.from) >= 0)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    screen: () => screen,
    /** Resolves once `text` is on screen after `from` (an offset into everything shown). */
    waitFor: (text: string, from = 0) =>
      screen.indexOf(text, from) >= 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push({ text, from, resolve: r })),
    press: (key: string) => child.stdin.write(key),
    exited,
  };
}

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
    const session = ptySession([notes, '--now', '2026-03-03T09:00', '--new', '1', '--buttons']);
    await session.waitFor('show the answer');
    session.press(' ');
    await session.waitFor('Space/Enter: Good');
    const shown = /1 Again (\d+)d · 2 Hard (\d+)d · 3 Good (\d+)d · 4 Easy (\d+)d/.exec(session.screen());
    expect(shown).not.toBeNull();
    const good = Number(shown![3]);
    expect(good).toBeGreaterThan(1);
    session.press(' '); // Space again: Good
    await session.waitFor('saved 4');
    session.press('q');
    expect(await session.exited).toBe(0);

    const db = new Database(join(notes, '.flashmark', 'state.db'), { readonly: true });
    const answers = db.prepare('SELECT grade, day, due_after FROM study_review ORDER BY id').all() as { grade: number; day: number; due_after: number }[];
    db.close();
    expect(answers).toHaveLength(2);
    expect(answers[1]!.grade).toBe(4);
    expect(answers[1]!.due_after - answers[1]!.day).toBe(good);
  });

  it('buries siblings and a card with -, suspends with @ until unsuspended, and opens the note at the card with e', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-tty-'));
    const notes = join(dir, 'notes');
    mkdirSync(notes);
    writeFileSync(join(notes, 'shell.md'), '# Shell\n\n## Streams\n\nA process reads **stdin** and writes **stdout**.\n\n## Tools\n\n- **grep**: searches text\n- **sed**: edits streams\n');
    // A fake editor: records how it was called.
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, `#!/bin/sh\necho "$@" > ${quote(join(dir, 'edited'))}\n`);
    chmodSync(editor, 0o755);
    const session = ptySession([notes, '--now', '2026-03-02T09:00'], { VISUAL: '', EDITOR: editor });
    await session.waitFor('show the answer');
    expect(session.screen()).toContain('reads [...] and writes');
    session.press(' ');
    await session.waitFor('Space/Enter: 4');
    let mark = session.screen().length;
    session.press(' '); // Good; its sibling (the other deletion) waits for tomorrow
    await session.waitFor('saved 4', mark);
    await session.waitFor('grep', mark);
    expect(session.screen().slice(mark)).toContain('new card · 2 left'); // not 3: the sibling is buried
    mark = session.screen().length;
    session.press('-');
    await session.waitFor('buried until tomorrow', mark);
    await session.waitFor('sed', mark);
    mark = session.screen().length;
    session.press('e');
    await session.waitFor('edited shell.md', mark);
    expect(readFileSync(join(dir, 'edited'), 'utf8')).toBe(`+10 ${join(notes, 'shell.md')}\n`);
    mark = session.screen().length;
    session.press('@');
    await session.waitFor('suspended', mark);
    await session.waitFor('Reviewed 1 card');
    expect(await session.exited).toBe(0);

    const cards = (...args: string[]) => spawnSync(process.execPath, [binary, 'cards', notes, ...args], { encoding: 'utf8' });
    const listed = JSON.parse(cards('--suspended', '--json').stdout) as { id: string; source: { line: number } }[];
    expect(listed.map((c) => c.source.line)).toEqual([10]);
    // The next day: the card answered is due, the buried sibling and grep are back; sed is not, until unsuspended.
    const nextDay = () => spawnSync(process.execPath, [binary, 'review', notes, '--now', '2026-03-03T09:00'], { input: 'q\n', encoding: 'utf8' }).stdout;
    expect(nextDay()).toMatch(/review · 3 left/);
    const back = cards('--unsuspend', listed[0]!.id);
    expect(back.status).toBe(0);
    expect(back.stdout).toContain('unsuspended 1 card');
    expect(cards('--suspended').stdout).toBe('No suspended cards.\n');
    expect(nextDay()).toMatch(/review · 4 left/);
    const again = cards('--unsuspend', listed[0]!.id);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/^flashmark: --unsuspend: no suspended card /);
  });

  it('neither echoes nor keeps the keys pressed while the session loads', async () => {
    // Hundreds of notes no cache has seen: the session takes a while to load, and the keys arrive meanwhile.
    const notes = join(mkdtempSync(join(tmpdir(), 'flashmark-tty-')), 'notes');
    generateVault(notes, { notes: 400, seed: 11 });
    const session = ptySession([notes, '--now', '2026-03-02T09:00', '--new', '1']);
    await session.waitFor('Reading the notes');
    session.press('zqx\r');
    await session.waitFor('show the answer');
    expect(session.screen().slice(session.screen().indexOf('Reading the notes'))).not.toContain('zqx');
    // The Enter pressed while loading did not reveal the first card's answer: the session still waits for it.
    expect(session.screen()).not.toMatch(/Again|\b0\b.*\b5\b/s);
    session.press('q');
    expect(await session.exited).toBe(0);
  });
});

