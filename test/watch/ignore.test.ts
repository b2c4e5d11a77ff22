// What watch ignores: exactly the output folder and the study database, nothing that merely starts with their names.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { watchNotes } from '../../src/watch/watcher.js';

const dir = mkdtempSync(join(tmpdir(), 'flashmark-watch-ignore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The changes the watcher reports after `touch` runs, with `ignore` as watch gives it. */
async function reported(root: string, ignore: string[], touch: () => void): Promise<string[]> {
  const seen = new Set<string>();
  const watcher = watchNotes(root, { debounceMs: 50, ignore, onSettled: (changed) => changed.forEach((c) => seen.add(c)), onError: () => undefined });
  await watcher.ready;
  touch();
  // Long enough for chokidar to see the writes and the quiet period to pass; the assertions are on what was seen.
  for (let i = 0; i < 40 && seen.size === 0; i++) await sleep(100);
  await sleep(300);
  await watcher.close();
  return [...seen].sort();
}

describe('watch ignores', () => {
  it('-o notes/Anki: edits in notes/Anki-cards/ are seen, the packages in notes/Anki/ are not', async () => {
    const root = join(dir, 'a', 'notes');
    mkdirSync(join(root, 'Anki'), { recursive: true });
    mkdirSync(join(root, 'Anki-cards'));
    const seen = await reported(root, [join(root, 'Anki')], () => {
      writeFileSync(join(root, 'Anki', 'X.apkg'), 'package');
      writeFileSync(join(root, 'Anki-cards', 'note.md'), '# Note\n');
    });
    expect(seen).toEqual(['Anki-cards/note.md']);
  });

  it('-o . (the notes folder inside the output folder): edits are seen, packages written into it are not', async () => {
    const out = join(dir, 'b');
    const root = join(out, 'notes');
    mkdirSync(root, { recursive: true });
    const seen = await reported(root, [out, join(out, 'notes', '.flashmark', 'state.db')], () => writeFileSync(join(root, 'note.md'), '# Note\n'));
    expect(seen).toEqual(['note.md']);
    const inRoot = await reported(root, [root], () => {
      writeFileSync(join(root, 'Deck.apkg'), 'package');
      writeFileSync(join(root, 'other.md'), '# Other\n');
    });
    expect(inRoot).toEqual(['other.md']);
  });
});
