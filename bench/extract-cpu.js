// @ts-check
/**
 * The CPU time of card extraction over a vault, in process: every note is read
 * before the clock starts, one warm-up pass, then timed passes of
 * `extractNote` over all notes (which parses each note), and as many of the
 * bare `parseNote`, so the rules' own share is the difference. CPU time
 * (`process.cpuUsage`, user + system) moves far less than wall time with the
 * machine's load.
 *
 * Usage:
 *   node bench/extract-cpu.js VAULT_DIR [ROOT ...] [--rounds N] [--passes N]
 *
 * Each ROOT is a checkout of flashmark with `dist/` built (default: this one).
 * With several, each round measures every root in its own process, in turns,
 * so two versions are compared under the same load; the medians and ranges of
 * the passes are printed per root, with the load average before and after. On
 * a loaded machine the noise only adds time: the low end of the range is the
 * steadier figure.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { markdownFiles } from './parse.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_ROUNDS = 3;
const DEFAULT_PASSES = 3;

/** @param {[number, number]} start @returns {number} CPU seconds (user + system) since `start` */
function cpuSince(start) {
  const { user, system } = process.cpuUsage({ user: start[0], system: start[1] });
  return (user + system) / 1e6;
}

/** @returns {[number, number]} */
function cpuNow() {
  const { user, system } = process.cpuUsage();
  return [user, system];
}

/** A full garbage collection, outside the clock (the child runs with --expose-gc). */
function collect() {
  /** @type {(() => void) | undefined} */ (globalThis.gc)?.();
}

/**
 * One root's passes, in this process.
 * @param {string} root
 * @param {string} vault
 * @param {number} passes
 * @returns {Promise<{ extract: number[], parse: number[], cards: number, dropped: number, notes: number }>}
 */
async function measureRoot(root, vault, passes) {
  const { extractNote } = await import(pathToFileURL(join(root, 'dist/extract/index.js')).href);
  const { parseNote } = await import(pathToFileURL(join(root, 'dist/parse/index.js')).href);
  const notes = markdownFiles(vault).map((path) => ({ file: relative(vault, path), text: readFileSync(path, 'utf8') }));
  let cards = 0;
  let dropped = 0;
  // The warm-up: JIT compilation is not billed to the first timed pass.
  for (const { file, text } of notes) {
    const result = extractNote(file, text);
    cards += result.cards.length;
    dropped += result.dropped?.length ?? 0;
  }
  const extract = [];
  const parse = [];
  for (let pass = 0; pass < passes; pass++) {
    // Each pass starts from a collected heap, so no pass pays for the garbage of the one before.
    collect();
    let start = cpuNow();
    for (const { file, text } of notes) extractNote(file, text);
    extract.push(cpuSince(start));
    collect();
    start = cpuNow();
    for (const { text } of notes) parseNote(text);
    parse.push(cpuSince(start));
  }
  return { extract, parse, cards, dropped, notes: notes.length };
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? /** @type {number} */ (sorted[mid]) : (/** @type {number} */ (sorted[mid - 1]) + /** @type {number} */ (sorted[mid])) / 2;
}

/** @param {number[]} values */
function summary(values) {
  return `${median(values).toFixed(3)} s (${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)})`;
}

function parseArgs() {
  const args = process.argv.slice(2);
  /** @type {string[]} */
  const positional = [];
  let rounds = DEFAULT_ROUNDS;
  let passes = DEFAULT_PASSES;
  let child = false;
  for (let i = 0; i < args.length; i++) {
    const arg = /** @type {string} */ (args[i]);
    if (arg === '--rounds') rounds = Number(args[++i]);
    else if (arg === '--passes') passes = Number(args[++i]);
    else if (arg === '--child') child = true;
    else positional.push(arg);
  }
  const [vault, ...roots] = positional;
  if (!vault || !(rounds > 0) || !(passes > 0)) {
    console.error('usage: node bench/extract-cpu.js VAULT_DIR [ROOT ...] [--rounds N] [--passes N]');
    process.exit(2);
  }
  return { vault: resolve(vault), roots: roots.length > 0 ? roots.map((r) => resolve(r)) : [resolve(HERE, '..')], rounds, passes, child };
}

const { vault, roots, rounds, passes, child } = parseArgs();
if (child) {
  console.log(JSON.stringify(await measureRoot(/** @type {string} */ (roots[0]), vault, passes)));
} else {
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  /** @type {Map<string, { extract: number[], parse: number[], cards: number, dropped: number, notes: number }>} */
  const results = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const root of roots) {
      // Each version in its own process: the two never share a JIT or a heap.
      const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), vault, root, '--passes', String(passes), '--child'], { encoding: 'utf8' });
      const run = JSON.parse(out);
      const seen = results.get(root);
      if (seen) {
        seen.extract.push(...run.extract);
        seen.parse.push(...run.parse);
      } else results.set(root, run);
    }
  }
  console.log(`${vault}: ${rounds} rounds × ${passes} passes, CPU seconds a pass over every note, median (range)`);
  for (const [root, r] of results) {
    const rules = r.extract.map((e, i) => e - /** @type {number} */ (r.parse[i]));
    console.log(`${root}: ${r.notes} notes, ${r.cards} cards, ${r.dropped} dropped`);
    console.log(`  extractNote ${summary(r.extract)}; parseNote alone ${summary(r.parse)}; extraction after the parse ${summary(rules)}`);
  }
  console.log(`load average before: ${load}; after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
}
