// @ts-check
/**
 * `npm run bench` (via bench/run.js), or `node bench/apkg.js`: how fast the
 * package writer is.
 *
 * 1. The same 10,000 basic cards written by flashmark's writer and by
 *    anki-apkg-export 4.0.3 (the common JavaScript writer, the baseline). Its bundled sql.js
 *    0.5 aborts after about 560 notes ("Cannot enlarge memory arrays"), so it
 *    gets a current sql.js (devDependency) injected through its `Exporter`
 *    constructor; the bundled engine is tried too, in a child process, and its
 *    limit reported.
 * 2. 100,000 cards (70% basic, 30% cloze with 1–3 deletions, 20 decks) with
 *    flashmark's writer alone.
 *
 * Times are wall-clock, cards -> .apkg bytes in memory (no disk); ours is the
 * best of several runs after a warm-up, the baseline a single run.
 * Usage: node bench/apkg.js [--cards 10000] [--big 100000]
 */
import { prng } from './generate.js';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeApkg, normalizeField, tagsColumn } from '../dist/anki/index.js';

const require = createRequire(import.meta.url);
const arg = (/** @type {string} */ name, /** @type {number} */ fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const cardCount = arg('--cards', 10_000);
const bigCount = arg('--big', 100_000);


const WORDS = (
  'система сервис данные запрос ответ сервер клиент тестирование проверка требование дефект ошибка сборка ' +
  'развертывание конфигурация контейнер образ журнал метрика мониторинг база таблица индекс транзакция процесс'
).split(' ');

/**
 * Cards shaped like flashmark's: a breadcrumb and a term on the front, a sentence or two on the back.
 * @param {number} count
 * @param {number} clozeShare
 */
function makeCards(count, clozeShare) {
  const random = prng(42);
  const words = (/** @type {number} */ n) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  return Array.from({ length: count }, (_, i) => {
    const deck = `Заметки ${i % 20}::Раздел ${i % 7}`;
    const crumb = `<div class="crumb">Заметка ${i % 500} › ${words(2)}</div>`;
    if (random() < clozeShare) {
      const deletions = 1 + Math.floor(random() * 3);
      const parts = Array.from({ length: deletions }, (_, k) => `${words(4)} {{c${k + 1}::${words(2)}}}`);
      return { guid: `c${i}`, kind: /** @type {const} */ ('cloze'), front: `${crumb}${parts.join(', ')} ${words(3)}.`, back: '', tags: ['devops', `t${i % 30}`], deck };
    }
    return { guid: `b${i}`, kind: /** @type {const} */ ('basic'), front: `${crumb}<b>${words(2)} ${i}</b>`, back: `${words(18)}.`, tags: ['devops', `t${i % 30}`], deck };
  });
}

/** @param {ReturnType<typeof makeCards>} cards */
function writeOurs(cards) {
  const t0 = 1764000000;
  const notes = cards.map((c, i) => ({
    id: t0 * 1000 + i,
    guid: c.guid,
    kind: c.kind,
    fields: /** @type {[string, string]} */ ([normalizeField(c.front), normalizeField(c.back)]),
    tags: tagsColumn(c.tags),
    deck: c.deck,
    mod: t0,
  }));
  return writeApkg({ notes });
}

/**
 * @param {number} runs
 * @param {() => Promise<Uint8Array>} fn
 */
async function bestOf(runs, fn) {
  let best = Infinity;
  let cpu = Infinity;
  let result = new Uint8Array();
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const start = performance.now();
    const startCpu = process.cpuUsage();
    result = await fn();
    const used = process.cpuUsage(startCpu);
    best = Math.min(best, performance.now() - start);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { ms: best, cpu, result };
}

/**
 * anki-apkg-export's own Exporter with the given sql.js. Its index module is not
 * loaded: it requires the bundled sql.js 0.5, which hooks the process's error handlers.
 * @param {ReturnType<typeof makeCards>} cards
 * @param {unknown} sql
 */
function baselineExporter(sql) {
  const Exporter = require('anki-apkg-export/dist/exporter.js').default;
  const createTemplate = require('anki-apkg-export/dist/template.js').default;
  return new Exporter('bench', { template: createTemplate(), sql });
}

/** @param {ReturnType<typeof makeCards>} cards @param {unknown} sql */
async function writeBaseline(cards, sql) {
  const exporter = baselineExporter(sql);
  for (const c of cards) exporter.addCard(c.front, c.back, { tags: c.tags });
  return exporter.save();
}

const fmt = (/** @type {number} */ ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const row = (/** @type {string[]} */ cells) => console.log(cells[0].padEnd(58) + cells.slice(1).map((c) => c.padStart(12)).join(''));

// The bundled sql.js 0.5, alone in a child process: it aborts noisily when its fixed 16 MB heap is full.
if (process.argv[2] === '--bundled-child') {
  const cards = makeCards(cardCount, 0);
  const exporter = baselineExporter(require('anki-apkg-export/node_modules/sql.js'));
  let added = 0;
  try {
    for (const c of cards) {
      exporter.addCard(c.front, c.back, { tags: c.tags });
      added++;
    }
    await exporter.save();
    process.stdout.write(`\nRESULT ${JSON.stringify({ ok: true, added })}\n`);
  } catch {
    process.stdout.write(`\nRESULT ${JSON.stringify({ ok: false, added })}\n`);
  }
  process.exit(0);
}

const cards = makeCards(cardCount, 0);
console.log(`\nAnki package writer (${cardCount.toLocaleString('en')} basic cards; node ${process.version})`);
row(['writer', 'time', 'size']);
await writeOurs(cards); // warm-up
const ours = await bestOf(5, () => writeOurs(cards));
row(['flashmark (better-sqlite3 in memory + fflate, node zlib)', fmt(ours.ms), `${(ours.result.length / 1024).toFixed(0)} KB`]);

const initSqlJs = require('sql.js');
const SQL = await initSqlJs();
const start = performance.now();
const baselineBytes = await writeBaseline(cards, SQL);
const baselineMs = performance.now() - start;
row(['anki-apkg-export 4.0.3 with sql.js 1.x injected', fmt(baselineMs), `${(baselineBytes.length / 1024).toFixed(0)} KB`]);

const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--bundled-child', '--cards', String(cardCount)], { encoding: 'utf8', maxBuffer: 1 << 28 });
const resultLine = child.stdout.split('\n').find((line) => line.startsWith('RESULT '));
const bundled = JSON.parse(resultLine?.slice('RESULT '.length) ?? '{"ok":false,"added":0}');
row(['anki-apkg-export 4.0.3 with its bundled sql.js 0.5', bundled.ok ? 'ok' : `aborts after ${bundled.added} notes`, '']);
console.log(`ratio: flashmark is ${(baselineMs / ours.ms).toFixed(0)}x faster than anki-apkg-export (target: at least 100x)`);

const big = makeCards(bigCount, 0.3);
const ankiCards = big.reduce((sum, c) => sum + (c.kind === 'basic' ? 1 : (c.front.match(/\{\{c\d+::/g) ?? []).length), 0);
await writeOurs(big.slice(0, 1000));
const large = await bestOf(3, () => writeOurs(big));
console.log(
  `\n${bigCount.toLocaleString('en')} cards (${ankiCards.toLocaleString('en')} Anki cards, 30% cloze) with flashmark: ${fmt(large.ms)} ` +
    `(best of 3; target under 1.5 s; CPU time ${fmt(large.cpu)}, both cores; load average ${(os.loadavg()[0] ?? 0).toFixed(1)}), ` +
    `${(large.result.length / 1024 / 1024).toFixed(1)} MB`,
);
