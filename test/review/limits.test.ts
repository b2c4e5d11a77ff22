import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function vault(): string {
  const notes = join(mkdtempSync(join(tmpdir(), 'flashmark-limits-')), 'notes');
  // A folder is a deck.
  mkdirSync(join(notes, 'Alpha'), { recursive: true });
  mkdirSync(join(notes, 'Beta'));
  writeFileSync(join(notes, 'Alpha', 'alpha.md'), '# Alpha\n\n## Terms\n\n- **one**: first\n- **two**: second\n- **three**: third\n');
  writeFileSync(join(notes, 'Beta', 'beta.md'), '# Beta\n\n## Terms\n\n- **uno**: first\n- **dos**: second\n- **tres**: third\n');
  return notes;
}

/** A scripted session answering every card 4; the decks of the new cards it asked, in order. */
function review(notes: string, now: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [cli, 'review', notes, '--now', now, ...args], { input: '\n4\n'.repeat(12), encoding: 'utf8' });
  const newDecks = [...run.stdout.matchAll(/── new card · \d+ left · (\w+) ·/g)].map((m) => m[1]);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, newDecks };
}

describe('new-card limits per deck, with a total cap', () => {
  it('takes each deck up to its limit and all decks up to the cap, counted per study day', () => {
    const notes = vault();
    const limits = ['--new-per-deck', '2', '--new', '3'];
    const day1 = review(notes, '2026-03-02T09:00', ...limits);
    expect(day1.code, day1.stderr).toBe(0);
    expect(day1.newDecks).toEqual(['Alpha', 'Alpha', 'Beta']);
    expect(day1.stdout).toMatch(/Time \d+ s; answers by grade 4: 3\./);
    expect(day1.stdout).toContain('Daily limit reached: 3 new cards wait (tomorrow, or --new).');

    // Later the same study day: nothing due, the limits are used up, and the screen says so.
    const again = review(notes, '2026-03-02T20:00', ...limits);
    expect(again.stdout).toContain('Daily limit reached: 3 new cards wait (tomorrow, or --new).');
    expect(again.stdout).not.toContain('Nothing to review');
    expect(again.newDecks).toEqual([]);

    // The next study day: yesterday's three are due, and each deck has its limit again.
    const day2 = review(notes, '2026-03-03T09:00', ...limits);
    expect(day2.newDecks).toEqual(['Alpha', 'Beta', 'Beta']);
    expect(day2.stdout).toMatch(/answers by grade 4: 6\./);
    expect(day2.stdout).not.toContain('Daily limit reached');
  });

  it('refuses an unknown --deck in one line naming the closest decks', () => {
    const notes = vault();
    const run = review(notes, '2026-03-02T09:00', '--deck', 'Betta');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toBe('flashmark: --deck: no deck "Betta" (closest: Beta, Alpha)\n');
    expect(review(notes, '2026-03-02T09:00', '--deck', 'beta').newDecks).toEqual(['Beta', 'Beta', 'Beta']);
  });
});
