import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ExtractionCache, cacheFingerprint, cachePathFor, canonicalJson } from '../../src/vault/cache.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'flashmark-cache-'));

describe('extraction cache store', () => {
  it('lives beside the study database, never in the decks folder', () => {
    expect(cachePathFor('/v/.flashmark/state.db')).toBe('/v/.flashmark/state.cache.db');
    expect(cachePathFor('/x/my-study')).toBe('/x/my-study.cache.db');
  });

  it('keeps results across openings for the same tool version and options', () => {
    const path = join(tempDir(), 'state.cache.db');
    const fingerprint = cacheFingerprint('0.1.0', { rules: ['bold'] });
    const cache = ExtractionCache.open(path, fingerprint);
    cache.update(new Map([['a.md', { hash: 'h1', stat: 's1', result: '{"a":1}' }], ['b.md', { hash: 'h2', stat: '', result: '{"b":2}' }]]), []);
    cache.close();

    const reopened = ExtractionCache.open(path, fingerprint);
    expect(reopened.entries()).toEqual(new Map([['a.md', { hash: 'h1', stat: 's1', result: '{"a":1}' }], ['b.md', { hash: 'h2', stat: '', result: '{"b":2}' }]]));
    reopened.update(new Map(), ['a.md']);
    expect([...reopened.entries().keys()]).toEqual(['b.md']);
    reopened.close();
  });

  it('forgets everything when the tool version or the extraction options change', () => {
    const path = join(tempDir(), 'state.cache.db');
    const first = ExtractionCache.open(path, cacheFingerprint('0.1.0', { rules: ['bold'] }));
    first.update(new Map([['a.md', { hash: 'h1', stat: '', result: '{}' }]]), []);
    first.close();

    const otherOptions = ExtractionCache.open(path, cacheFingerprint('0.1.0', { rules: ['table'] }));
    expect(otherOptions.entries().size).toBe(0);
    otherOptions.update(new Map([['a.md', { hash: 'h1', stat: '', result: '{}' }]]), []);
    otherOptions.close();

    const otherVersion = ExtractionCache.open(path, cacheFingerprint('0.2.0', { rules: ['table'] }));
    expect(otherVersion.entries().size).toBe(0);
    otherVersion.close();
  });

  it('treats options that differ only in key order as the same options', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 3 } })).toBe('{"a":{"c":3,"d":[2,1]},"b":1}');
    expect(cacheFingerprint('1', { a: 1, b: 2 })).toBe(cacheFingerprint('1', { b: 2, a: 1 }));
  });

  it('replaces a cache file that is not a database instead of failing the build', () => {
    const dir = tempDir();
    const path = join(dir, 'state.cache.db');
    writeFileSync(path, 'this is not sqlite, just some text that happens to be here '.repeat(100));
    const cache = ExtractionCache.open(path, cacheFingerprint('0.1.0', {}));
    expect(cache.entries().size).toBe(0);
    cache.close();
    expect(readFileSync(path).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('forgets the results of an earlier version of its format (the card JSON of schema 2), under the same fingerprint', () => {
    const path = join(tempDir(), 'state.cache.db');
    const fingerprint = cacheFingerprint('0.1.0', {});
    const old = new Database(path);
    old.exec(`CREATE TABLE cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE cache_note (file TEXT PRIMARY KEY, hash TEXT NOT NULL, stat TEXT NOT NULL, result TEXT NOT NULL);
      CREATE TABLE cache_package (out_dir TEXT NOT NULL, key TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (out_dir, key));`);
    old.prepare("INSERT INTO cache_meta VALUES ('fingerprint', ?)").run(fingerprint);
    old.prepare('INSERT INTO cache_note VALUES (?, ?, ?, ?)').run('a.md', 'h1', 's1', '{"file":"a.md","cards":[{"id":"x","deck":"A","source":{"file":"a.md","line":1}}],"warnings":[]}');
    old.pragma('user_version = 2');
    old.close();

    const cache = ExtractionCache.open(path, fingerprint);
    expect(cache.entries().size).toBe(0);
    cache.close();
  });
});
