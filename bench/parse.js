// @ts-check
/**
 * The baseline of the cold-build target: the bare time remark needs to parse
 * every note of a vault on one core, with the plugins flashmark parses with
 * (remark-parse + gfm + frontmatter + math). Reading the files is done before
 * the clock starts, so the baseline is pure parsing — the strictest yardstick.
 *
 * Usage: node bench/parse.js VAULT_DIR   (prints seconds and MB/s)
 */
import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** @param {string} dir @returns {string[]} absolute paths of the .md files below dir, sorted */
export function markdownFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.md'))
    .sort()
    .map((p) => join(dir, p));
}

/**
 * @param {string} dir
 * @returns {{ seconds: number, bytes: number, files: number }}
 */
export function bareParse(dir) {
  const texts = markdownFiles(dir).map((p) => readFileSync(p, 'utf8'));
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkMath);
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  // A warm-up pass over a few notes so JIT compilation is not billed to the baseline.
  for (const text of texts.slice(0, 50)) processor.parse(text);
  const start = process.hrtime.bigint();
  for (const text of texts) processor.parse(text);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, bytes, files: texts.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node bench/parse.js VAULT_DIR');
    process.exit(2);
  }
  const { seconds, bytes, files } = bareParse(dir);
  console.log(`${files} notes, ${(bytes / 1e6).toFixed(1)} MB parsed in ${seconds.toFixed(2)} s (${(bytes / 1e6 / seconds).toFixed(2)} MB/s, one core)`);
}
