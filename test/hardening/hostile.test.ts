import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApkg } from '../anki/apkg.js';
import { apkgFiles, canValidate, cardsOf, crashSigns, flashmark, liveMarkup, packageFields, removeTempDirs, sharedDir, tempDir, validate } from './helpers.js';

afterAll(removeTempDirs);

/** Script, event handlers, javascript: links, frames, CSS and comments, everywhere a note can hold them. */
const HOSTILE_NOTE = `---
title: "<img src=x onerror=alert('title')>"
tags: ["<script>", "a\\"b"]
---
# Hostile <script>alert('h1')</script>

## Terms <iframe src="https://evil.example/h2"></iframe>

- **XSS**: an attack with <script>alert(1)</script> inside
- **Img**: <img src=x onerror="alert(2)"> here
- **Link**: [click me](javascript:alert(3)) and <a href="javascript:alert(4)">raw anchor</a>
- **Widget**: <iframe src="https://evil.example"></iframe> embedded
- **Style**: <style>body{display:none}</style> and <span style="position:fixed;top:0">overlay</span>
- **Comment**: before <!-- hidden --> after
- **Alias**: a [[Note|<b onmouseover=alert(5)>alias</b>]] wikilink
- **Alt**: ![<svg onload=alert(6)>](https://evil.example/x.png) remote image
- **Escaped**: &lt;script&gt;alert(7)&lt;/script&gt; as entities, &#60;b&#62; too
- **Inline**: \`<script>alert(8)</script>\` in code

The **payload** is <script>alert(9)</script> in a sentence with <img src=y onerror=alert(10)>.

<script>
alert(11)
</script>

<style>
.card { display: none }
</style>

<!--
**Hidden**: a comment block
-->

| Key | Value <svg onload=alert(12)> |
|-----|-------|
| **Cell** | <img src=y onerror=alert(13)> text |
| Ref | [x](javascript:alert(14)) link |
| <details open ontoggle=alert(15)> | opened |

**Term** — <b onmouseover="alert(16)">bold</b> thing

\`\`\`html
<script>alert(17)</script>
\`\`\`
`;

describe('hostile HTML in notes', () => {
  it('never reaches a card field as live markup: in cards --json and in the built package', () => {
    const dir = tempDir('hostile');
    const notes = join(dir, 'notes');
    mkdirSync(notes);
    writeFileSync(join(notes, 'hostile.md'), HOSTILE_NOTE);
    const run = flashmark(['cards', notes, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(crashSigns(run.stderr)).toEqual([]);
    const cards = cardsOf(run.stdout);
    expect(cards.length).toBeGreaterThanOrEqual(12);
    const fields = cards.flatMap((c) => [c.front, c.back]);
    for (const field of fields) expect(liveMarkup(field), field).toEqual([]);
    // The markup is shown as text, so the learner sees what the note says.
    const all = fields.join('\n');
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(all).toContain('onerror=&quot;alert(2)&quot;');
    expect(all).toContain('&lt;iframe');
    expect(all).not.toMatch(/<a\b|href=/i);

    const out = join(dir, 'decks');
    const build = flashmark(['build', notes, '-o', out, '--now', '2026-02-01T10:00:00Z']);
    expect(build.code, build.stderr).toBe(0);
    expect(crashSigns(build.stderr)).toEqual([]);
    const [pkg] = apkgFiles(out);
    const packed = packageFields(pkg!);
    expect(packed.length).toBe(cards.length * 4); // question, answer, breadcrumb, source
    for (const field of packed) expect(liveMarkup(field), field).toEqual([]);
    // Deck names and tags are not HTML in Anki, but they must not break the package either.
    if (canValidate) expect(validate(pkg!)).toBe('');
  });
});

describe('media references that leave the notes folder', () => {
  it('are refused with a warning naming the note and the image; only the image inside is packed', () => {
    const dir = tempDir('media');
    const notes = join(dir, 'notes');
    mkdirSync(join(notes, 'img'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'secret.png'), 'SECRET-OUTSIDE');
    writeFileSync(join(notes, 'img', 'ok.png'), 'PNG-INSIDE');
    symlinkSync('/dev/zero', join(notes, 'img', 'zero.png'));
    symlinkSync('/dev/urandom', join(notes, 'img', 'random.png'));
    symlinkSync(join('..', '..', 'outside', 'secret.png'), join(notes, 'img', 'link.png'));
    symlinkSync('/etc/passwd', join(notes, 'img', 'passwd.png'));
    symlinkSync(join(notes, 'img'), join(notes, 'img', 'folder.png'));
    execFileSync('mkfifo', [join(notes, 'img', 'fifo.png')]);
    const refused = ['/dev/zero', '../outside/secret.png', 'img/zero.png', 'img/random.png', 'img/link.png', 'img/passwd.png', 'img/folder.png', 'img/fifo.png'];
    const items = refused.map((src, i) => `- **Image ${i}**: ![](${src}) shown`);
    writeFileSync(join(notes, 'media.md'), `# Media\n\n## Images\n\n- **Ok**: ![](img/ok.png) packed\n- **Wiki**: ![[img/passwd.png]] embed\n${items.join('\n')}\n`);

    const out = join(dir, 'decks');
    const build = flashmark(['build', notes, '-o', out, '--now', '2026-02-01T10:00:00Z'], { timeoutMs: 60_000 });
    expect(build.signal, 'the build hung on a device file').toBeNull();
    expect(build.code, build.stderr).toBe(0);
    expect(crashSigns(build.stderr)).toEqual([]);
    for (const src of refused) expect(build.stderr, src).toMatch(new RegExp(`warning: media\\.md: image ${src.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `));
    const { media, files } = openApkg(readFileSync(join(out, 'media.apkg')));
    expect(Object.values(media)).toHaveLength(1);
    expect(Buffer.from(files['0']!).toString()).toBe('PNG-INSIDE');
    for (const field of packageFields(join(out, 'media.apkg'))) {
      expect(field).not.toMatch(/zero|random|secret|passwd|fifo|folder/);
      expect(liveMarkup(field)).toEqual([]);
    }
    if (canValidate) expect(validate(join(out, 'media.apkg'))).toBe('');
  });
});

describe('front matter that is not valid YAML', () => {
  it('is a warning naming the file, and the note and the others are still read', () => {
    const dir = tempDir('yaml');
    const notes = join(dir, 'notes');
    mkdirSync(notes);
    writeFileSync(join(notes, 'bad.md'), '---\ntitle: [unclosed\ntags: {a: 1\n  - b\n---\n# Bad\n\n## Terms\n\n- **Alpha**: first letter\n');
    writeFileSync(join(notes, 'good.md'), '---\ntags: [greek]\n---\n# Good\n\n## Terms\n\n- **Beta**: second letter\n');
    for (const args of [['cards', notes, '--json'], ['build', notes, '-o', join(dir, 'decks')]]) {
      const run = flashmark(args);
      expect(run.code, run.stderr).toBe(0);
      expect(crashSigns(run.stderr)).toEqual([]);
      expect(run.stderr).toMatch(/^(flashmark: )?warning: bad\.md: front matter is not valid YAML.*$/m);
      expect(run.stderr).not.toMatch(/good\.md/);
    }
    const cards = cardsOf(flashmark(['cards', notes, '--json']).stdout);
    expect(cards.map((c) => c.front.replace(/<[^>]*>/g, ' '))).toEqual([expect.stringContaining('Alpha'), expect.stringContaining('Beta')]);
  });
});

/** Writes `head` and then exactly `size` bytes of `unit` repeated, in chunks (no 100 MB string needed). */
function writeRepeated(path: string, head: string, unit: string, size: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  const chunk = Buffer.from(unit.repeat(Math.ceil((1 << 20) / unit.length)));
  for (let written = 0; written < size; written += chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, size - written));
  closeSync(fd);
}

describe('notes built to exhaust time or memory', () => {
  it('a 100 MB note, a million-line table, lists and quotes nested 100,000 deep and symlink loops end with warnings, in bounded memory', () => {
    const dir = tempDir('huge');
    const notes = join(dir, 'notes');
    mkdirSync(join(notes, 'deep'), { recursive: true });
    writeRepeated(join(notes, 'huge.md'), '# Huge\n\n', '**Term**: explanation of the term.\n', 100 * 1024 * 1024);
    // A million rows of `a|b` is under the 4 MB size limit, so it must be stopped by something else.
    writeRepeated(join(notes, 'table.md'), '# Table\n\n| Key | Value |\n|---|---|\n', 'a|b\n', 1_000_000 * 4);
    writeFileSync(join(notes, 'deep', 'list.md'), `# Deep\n\n${'- '.repeat(100_000)}item\n`);
    writeFileSync(join(notes, 'deep', 'quote.md'), `# Deep\n\n${'> '.repeat(100_000)}quote\n`);
    writeFileSync(join(notes, 'deep', 'mixed.md'), `# Deep\n\n${'1. > * '.repeat(35_000)}mixed\n`);
    symlinkSync('.', join(notes, 'loop'));
    symlinkSync('..', join(notes, 'deep', 'up'));
    symlinkSync('self', join(notes, 'self'));
    writeFileSync(join(notes, 'fine.md'), '# Fine\n\n## Terms\n\n- **Gamma**: third letter\n- **Delta**: fourth letter\n');

    const limits = { timeoutMs: 180_000, nodeFlags: ['--max-old-space-size=256'] };
    const out = join(dir, 'decks');
    for (const args of [['cards', notes, '--json'], ['build', notes, '-o', out, '--now', '2026-02-01T10:00:00Z']]) {
      const run = flashmark(args, limits);
      expect(run.signal, `${args[0]} was killed after ${limits.timeoutMs / 1000} s`).toBeNull();
      expect(crashSigns(run.stderr), run.stderr.slice(0, 2000)).toEqual([]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/warning: huge\.md: too big \(100\.0 MB/);
      expect(run.stderr).toMatch(/warning: table\.md: \d+ lines long \(limit \d+\); skipped/);
      expect(run.stderr).toMatch(/warning: deep\/list\.md: nested \d+ levels deep/);
      expect(run.stderr).toMatch(/warning: deep\/quote\.md: nested \d+ levels deep/);
      expect(run.stderr).toMatch(/warning: deep\/mixed\.md: nested \d+ levels deep/);
      expect(run.stderr).toMatch(/warning: loop: symlink to a folder already read/);
      expect(run.stderr).toMatch(/warning: deep\/up: symlink to a folder already read/);
      expect(run.stderr).toMatch(/warning: self: symlink loop; skipped/);
    }
    const cards = cardsOf(flashmark(['cards', notes, '--json'], limits).stdout);
    expect(cards.filter((c) => c.source.file === 'fine.md')).toHaveLength(2);
    expect(apkgFiles(out).map((f) => f.slice(out.length + 1))).toEqual(expect.arrayContaining(['fine.apkg']));
    if (existsSync(sharedDir) && canValidate) expect(validate(...apkgFiles(out))).toBe('');
  });
});
