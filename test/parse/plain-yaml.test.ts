import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generateVault } from '../../bench/generate.js';
import { plainYaml } from '../../src/parse/plain-yaml.js';

/** Values meant to hit every edge of the plain subset: words YAML types, quotes, comments, colons, scripts. */
const VALUES = [
  'Docker', 'сборка образа', 'Hello world  ', 'x. y', 'x-', '(x)', 'a/b', 'C#', 'a # b', 'a: b', 'a:b', 'true', 'True', 'no', 'null', '~', 'y',
  '12', '1e3', '.5', '2024-04-16', "'it''s'", "'a # b'", "'unclosed", '"dq"', '"esc\\n"', '"a"b"', "''", '""', '[a, b]', '{a: 1}', '&anchor x', '*alias',
  '!tag x', '|', '>', '- x', 'Ёлка', 'naïve café', 'tab\there', '%x', '@x', '`x`',
];
const KEYS = ['title', 'tags', 'deck', 'id', 'created', 'a_b', 'x-y', 'null', 'True', 'k1'];

const line = fc.oneof(
  fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)).map(([k, v]) => `${k}: ${v}`),
  fc.constantFrom(...KEYS).map((k) => `${k}:`),
  fc.tuple(fc.constantFrom('', ' ', '  ', '    '), fc.constantFrom(...VALUES)).map(([indent, v]) => `${indent}- ${v}`),
  fc.constantFrom('', '  ', '# a comment', '---', 'key:value', '  nested: x', '-', 'title:  spaced'),
);

describe('plain front matter', () => {
  it('reads what the YAML library reads, wherever it reads anything', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const text = lines.join('\n');
        const plain = plainYaml(text);
        if (plain === undefined) return;
        read++;
        expect(plain).toEqual(parseYaml(text));
      }),
      { numRuns: 5000 },
    );
    expect(read).toBeGreaterThan(200); // the subset is reached, not only the fallback
  });

  it('reads the front matter of every generated note without the YAML library', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashmark-yaml-'));
    const { files } = generateVault(dir, { notes: 60, seed: 9 });
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      const yaml = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1];
      if (yaml === undefined) continue;
      expect(plainYaml(yaml), file).toEqual(parseYaml(yaml));
    }
  });
});
