import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASIC_MODEL_ID, CLOZE_MODEL_ID } from '../../src/anki/index.js';
import { canValidate, notesOf, openApkg, validate } from '../anki/apkg.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'dist', 'cli', 'main.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flashmark-fields-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function build(notes: string): void {
  const run = spawnSync(process.execPath, [cli, 'build', notes, '-o', join(dir, 'decks')], { encoding: 'utf8', env: { ...process.env, FLASHMARK_NOW: '' } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

const NOTE = '# HTTP basics\n\n## Requests\n\n- **Idempotent**: the same request twice has the effect of one\n\nA cache keeps **responses** for later.\n';

describe('note fields in the packages', () => {
  it('puts the question first (the sort field), the breadcrumb and the source in fields of their own', () => {
    const notes = join(dir, 'notes');
    mkdirSync(join(notes, 'Web'), { recursive: true });
    writeFileSync(join(notes, 'Web', 'http.md'), NOTE);
    build(notes);
    const file = join(dir, 'decks', 'Web.apkg');
    const rows = notesOf(openApkg(readFileSync(file)).db);
    const basic = rows.find((n) => n.mid === BASIC_MODEL_ID)!;
    expect(basic.flds.split('\x1f')).toEqual(['Idempotent', 'the same request twice has the effect of one', 'HTTP basics › Requests', 'Web/http.md:5']);
    expect(basic.sfld).toBe('Idempotent');
    const cloze = rows.find((n) => n.mid === CLOZE_MODEL_ID)!;
    const [text, , crumb, source] = cloze.flds.split('\x1f');
    expect(text).toContain('{{c1::responses}}');
    expect(text).not.toContain('crumb');
    expect(crumb).toBe('HTTP basics › Requests');
    expect(source).toBe('Web/http.md:7');
    if (canValidate) expect(validate(file)).toBe('');
  });

  it('links the source into Obsidian when the notes folder is a vault', () => {
    const vault = join(dir, 'My Vault');
    mkdirSync(join(vault, '.obsidian'), { recursive: true });
    mkdirSync(join(vault, 'Web'));
    writeFileSync(join(vault, 'Web', 'http.md'), NOTE);
    build(vault);
    const file = join(dir, 'decks', 'Web.apkg');
    const basic = notesOf(openApkg(readFileSync(file)).db).find((n) => n.mid === BASIC_MODEL_ID)!;
    expect(basic.flds.split('\x1f')[3]).toBe('<a href="obsidian://open?vault=My%20Vault&amp;file=Web%2Fhttp">Web/http.md:5</a>');
    if (canValidate) expect(validate(file)).toBe('');
  });
});
