import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const PACKAGE = `${sep}mdast-util-from-markdown`;

/** The mdast-util-from-markdown that `importer` loads: its folder and version. `importer` is resolved from the project root. */
function treeBuilderOf(importer: string): { folder: string; version: string } {
  const root = createRequire(new URL('../../package.json', import.meta.url));
  const from = importer === '.' ? root : createRequire(root.resolve(importer));
  const entry = from.resolve('mdast-util-from-markdown'); // index.js, or dev/index.js under vitest's `development` condition
  const folder = entry.slice(0, entry.lastIndexOf(PACKAGE) + PACKAGE.length);
  return { folder, version: (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version };
}

/**
 * mdast-util-from-markdown is pinned to 2.0.3 (README, Dependencies): 2.1.0's
 * `{...context, sliceSerialize}` makes Node 20 keep every note's tree through
 * young-generation collections, and a cold build of 10,000 notes took a
 * quarter longer. A lockfile update that nested a 2.1 copy under remark-parse
 * or a plugin would bring that back without failing any other test.
 */
describe('the tree builder remark uses', () => {
  it('is the pinned 2.0.3, one copy shared by remark-parse and every plugin that builds trees', () => {
    const pinned = treeBuilderOf('.');
    expect(pinned.version).toBe('2.0.3');
    for (const importer of ['remark-parse', 'mdast-util-gfm', 'mdast-util-gfm-table', 'mdast-util-frontmatter', 'mdast-util-math']) {
      expect(treeBuilderOf(importer).folder, importer).toBe(pinned.folder);
    }
  });
});
