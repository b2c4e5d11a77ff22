import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { BASIC_MODEL_ID, CLOZE_MODEL_ID } from '../../src/anki/index.js';
import { canValidate, colJson, nonIntegerColumns, notesOf, openApkg, validate, type NoteRow } from '../anki/apkg.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'dist', 'cli', 'main.js');
const sharedDir = join(repo, '..', 'shared');

function flashmark(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, FLASHMARK_NOW: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flashmark-cli-build-'));
});

const packagesIn = (out: string): string[] => readdirSync(out).filter((f) => f.endsWith('.apkg')).sort();
const notesByGuid = (file: string): Map<string, NoteRow> => new Map(notesOf(openApkg(readFileSync(file)).db).map((n) => [n.guid, n]));

function note(terms: Record<string, string>, title = 'DevOps'): string {
  const lines = Object.entries(terms).map(([term, answer]) => `- **${term}**: ${answer}`);
  return `---\ntags: [devops]\n---\n# ${title}\n\n## Инструменты\n\n${lines.join('\n')}\n`;
}

describe('flashmark build', () => {
  it('prints the example in --help', () => {
    const help = flashmark('build', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('flashmark build notes -o decks');
  });

  it('refuses an output path that is a file with one line, and leaves the file alone', () => {
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'a.md'), note({ Ansible: 'инструмент автоматизации' }));
    writeFileSync(join(dir, 'decks'), 'not a folder');
    const run = flashmark('build', join(dir, 'notes'), '-o', join(dir, 'decks'));
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^flashmark: -o: not a folder: /);
    expect(readFileSync(join(dir, 'decks'), 'utf8')).toBe('not a folder');
  });

  it('refuses a missing notes folder with one line', () => {
    const run = flashmark('build', join(dir, 'nope'), '-o', join(dir, 'decks'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^flashmark: notes folder not found: .*nope\n$/);
    expect(existsSync(join(dir, 'decks'))).toBe(false);
  });

  it('round trip through real notes: edit an answer and a cue, add and delete notes, rebuild', () => {
    const notes = join(dir, 'notes');
    const out = join(dir, 'decks');
    mkdirSync(join(notes, 'DevOps'), { recursive: true });
    writeFileSync(join(notes, 'DevOps', 'tools.md'), note({ Ansible: 'управление конфигурацией', Terraform: 'инфраструктура как код', Prometheus: 'сбор метрик' }));
    writeFileSync(join(notes, 'DevOps', 'old.md'), note({ Nagios: 'старый мониторинг' }, 'Old'));
    const first = flashmark('build', notes, '-o', out, '--now', '2026-01-10T10:00:00Z', '--json');
    expect(first.code, first.stderr).toBe(0);
    const file = join(out, 'DevOps.apkg');
    const before = notesByGuid(file);
    expect(before.size).toBe(4);
    const modelsBefore = colJson(openApkg(readFileSync(file)).db, 'models');

    // Edit one answer (Ansible), one cue (Terraform -> OpenTofu), delete a note file, add a note file.
    writeFileSync(join(notes, 'DevOps', 'tools.md'), note({ Ansible: 'управление конфигурацией по SSH', OpenTofu: 'инфраструктура как код', Prometheus: 'сбор метрик' }));
    writeFileSync(join(notes, 'DevOps', 'new.md'), note({ Grafana: 'дашборды' }, 'New'));
    cpSync(join(notes, 'DevOps', 'old.md'), join(dir, 'old.md'));
    spawnSync('rm', [join(notes, 'DevOps', 'old.md')]);
    const second = flashmark('build', notes, '-o', out, '--now', '2026-01-11T10:00:00Z', '--json');
    expect(second.code, second.stderr).toBe(0);
    const after = notesByGuid(file);

    expect(colJson(openApkg(readFileSync(file)).db, 'models')).toEqual(modelsBefore);
    const find = (m: Map<string, NoteRow>, text: string) => [...m.values()].find((n) => n.flds.includes(text));
    const ansible = [find(before, 'Ansible')!, find(after, 'Ansible')!];
    expect(ansible[1]!.guid).toBe(ansible[0]!.guid);
    expect(ansible[1]!.mod).toBeGreaterThan(ansible[0]!.mod);
    // Explained in a few Russian words, the term is asked from its explanation: the edit is on the question side.
    expect(ansible[1]!.flds.split('\x1f')[0]).toContain('по SSH');
    const prometheus = [find(before, 'Prometheus')!, find(after, 'Prometheus')!];
    expect(prometheus[1]!.guid).toBe(prometheus[0]!.guid);
    expect(prometheus[1]!.mod).toBe(prometheus[0]!.mod);
    const tofu = find(after, 'OpenTofu')!;
    expect(before.has(tofu.guid)).toBe(false);
    expect(find(after, 'Terraform')).toBeUndefined();
    expect(find(after, 'Nagios')).toBeUndefined();
    expect(find(after, 'Grafana')).toBeDefined();
    expect(new Set([...after.values()].map((n) => n.guid)).size).toBe(after.size);

    const report = JSON.parse(second.stdout) as { packages: { key: string; added: number; changed: number; unchanged: number; removed: number; file: string }[] };
    expect(report.packages).toEqual([expect.objectContaining({ key: 'DevOps', file, added: 2, changed: 1, unchanged: 1, removed: 2 })]);
    if (canValidate) expect(validate(file)).toBe('');
  });

  it('packs images a note shows (Obsidian embeds too), and refuses one that leads out of the notes folder with a warning naming the note', () => {
    const notes = join(dir, 'notes');
    mkdirSync(join(notes, 'DevOps', 'img'), { recursive: true });
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
    writeFileSync(join(notes, 'DevOps', 'img', 'diagram.png'), png);
    writeFileSync(join(dir, 'secret.png'), 'secret');
    symlinkSync(join(dir, 'secret.png'), join(notes, 'DevOps', 'img', 'link.png'));
    writeFileSync(
      join(notes, 'DevOps', 'net.md'),
      '# Сети\n\n## Термины\n\n- **TCP**: с соединением ![схема](img/diagram.png)\n- **ICMP**: служебные ![x](img/link.png)\n- **ARP**: адреса ![y](../../../etc/passwd)\n',
    );
    mkdirSync(join(notes, 'attachments'));
    const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
    writeFileSync(join(notes, 'attachments', 'photo.jpg'), jpeg);
    writeFileSync(join(notes, 'DevOps', 'embed.md'), '# Встраивание\n\n## Термины\n\n- **Схема**: вот она ![[photo.jpg]]\n');
    const run = flashmark('build', notes, '-o', join(dir, 'decks'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^flashmark: warning: DevOps\/net\.md: image DevOps\/img\/link\.png leads outside the notes folder/m);
    expect(run.stderr).toMatch(/^flashmark: warning: DevOps\/net\.md: image .*etc\/passwd/m);
    const pkg = openApkg(readFileSync(join(dir, 'decks', 'DevOps.apkg')));
    expect(Object.values(pkg.media)).toEqual([expect.stringMatching(/^diagram-[0-9a-f]{12}\.png$/), expect.stringMatching(/^photo-[0-9a-f]{12}\.jpg$/)]);
    expect(Buffer.from(pkg.files['0']!).equals(png)).toBe(true);
    expect(Buffer.from(pkg.files['1']!).equals(jpeg)).toBe(true);
    const fields = notesOf(pkg.db).map((n) => n.flds).join('\n');
    expect(fields).toContain(`<img src="${pkg.media['0']}">`);
    expect(fields).toContain(`<img src="${pkg.media['1']}">`);
    expect(fields).not.toMatch(/link\.png|passwd|secret/);
  });

  it('keeps the build history in the study database, not in the output folder, and does not rewrite an unchanged package', () => {
    const notes = join(dir, 'notes');
    const out = join(dir, 'decks');
    mkdirSync(notes);
    writeFileSync(join(notes, 'tools.md'), note({ Ansible: 'управление конфигурацией' }));
    expect(flashmark('build', notes, '-o', out, '--now', '2026-01-10T10:00:00Z').code).toBe(0);
    expect(readdirSync(out)).toEqual(['tools.apkg']);
    expect(existsSync(join(notes, '.flashmark', 'state.db'))).toBe(true);
    const bytes = readFileSync(join(out, 'tools.apkg'));
    const mtime = statSync(join(out, 'tools.apkg')).mtimeMs;
    const again = flashmark('build', notes, '-o', out, '--now', '2026-01-12T10:00:00Z');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/tools\.apkg: 1 note \(0 added, 0 changed, 1 unchanged, 0 removed\).*not rewritten/);
    expect(readFileSync(join(out, 'tools.apkg')).equals(bytes)).toBe(true);
    expect(statSync(join(out, 'tools.apkg')).mtimeMs).toBe(mtime);
  });
});

describe.skipIf(!existsSync(sharedDir))('packages from real notes', () => {
  const sources = [
    ['../shared/seeds', join(sharedDir, 'seeds')],
    ['notes/', join(repo, 'notes')],
  ] as const;

  for (const [name, source] of sources) {
    it(`builds valid packages from ${name}`, () => {
      const notes = join(dir, 'notes');
      cpSync(source, notes, { recursive: true });
      const out = join(dir, 'decks');
      const run = flashmark('build', notes, '-o', out, '--json');
      expect(run.code, run.stderr).toBe(0);
      const files = packagesIn(out);
      const report = JSON.parse(run.stdout) as { packages: { file: string; notes: number }[] };
      expect(report.packages.map((p) => p.file).sort()).toEqual(files.map((f) => join(out, f)));
      for (const file of files) {
        const { db } = openApkg(readFileSync(join(out, file)));
        expect(nonIntegerColumns(db)).toEqual([]);
        for (const n of notesOf(db)) expect([BASIC_MODEL_ID, CLOZE_MODEL_ID]).toContain(n.mid);
      }
      if (canValidate && files.length > 0) expect(validate(...files.map((f) => join(out, f)))).toBe('');
    });
  }
});
