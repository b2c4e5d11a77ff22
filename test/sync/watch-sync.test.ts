import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../watch/eventually.js';
import { startWatch } from '../watch/running.js';
import { FakeAnki } from './anki-server.js';

const note = (terms: string): string => `# CI\n\n## Термины\n\n${terms}\n`;

describe('flashmark watch --sync', () => {
  it('says once that Anki is closed, keeps building, syncs when Anki is back, and pushes each rebuild', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-watch-sync-'));
    const notes = join(dir, 'notes');
    mkdirSync(join(notes, 'DevOps'), { recursive: true });
    writeFileSync(join(notes, 'DevOps', 'ci.md'), note('- **Pipeline**: цепочка стадий сборки'));
    // A port nothing listens on yet: Anki is closed when watch starts.
    const probe = await new FakeAnki().start();
    const port = Number(new URL(probe.url).port);
    await probe.stop();

    const { child, stdout, stderr, output, exited } = startWatch([notes, '-o', join(dir, 'decks'), '--sync', '--anki-url', `http://127.0.0.1:${port}`], {
      FLASHMARK_NOW: '',
      FLASHMARK_ANKI_KEY: '',
    });
    const anki = new FakeAnki();
    try {
      await eventually('the watch to start', () => /watching/.test(stdout()), output);
      expect(stderr()).toMatch(/^flashmark: Anki is not running.*; watching goes on, and syncs when Anki is back\n$/);

      writeFileSync(join(notes, 'DevOps', 'ci.md'), note('- **Pipeline**: цепочка стадий сборки\n- **Artifact**: результат сборки'));
      await eventually('the rebuild with Anki closed', () => /DevOps\.apkg: 1 added/.test(stdout()), output);
      expect(stderr().match(/Anki is not running/g)).toHaveLength(1);

      await anki.start(port);
      await eventually('the sync once Anki is back', () => anki.notes.size === 2, output);
      await eventually('the line saying so', () => /Anki is back\nAnki synced: 2 added/.test(stdout()), output);
      // The deck of the folder, as every rebuild gives it by default.
      expect([...anki.notes.values()].flatMap((n) => n.cards.map((c) => c.deck))).toEqual(['DevOps', 'DevOps']);

      writeFileSync(join(notes, 'DevOps', 'ci.md'), note('- **Pipeline**: цепочка стадий сборки\n- **Artifact**: то, что оставляет сборка'));
      await eventually('the edit to reach Anki', () => [...anki.notes.values()].some((n) => n.fields.includes('то, что оставляет сборка')), output);
      expect(anki.notes.size).toBe(2);
      expect(anki.problems).toEqual([]);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    await anki.stop();
    expect(stdout()).toMatch(/stopped\s*$/);
    rmSync(dir, { recursive: true, force: true });
  });
});
