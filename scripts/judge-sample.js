// @ts-check
// `npm run judge-sample -- NOTES [--seed N] [--size N] [-o FILE]`: draws the seeded random sample of
// cards that a reader judges blind (docs/extraction.md, "Judging cards"), and writes it as Markdown with
// the note excerpt around each card's line, so the reader can judge each card against its note.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const DEFAULT_SEED = 20261207;
const DEFAULT_SIZE = 80;
/** Below this many cards the whole vault is judged, as the protocol asks. */
const WHOLE_VAULT_BELOW = 100;
const EXCERPT_BEFORE = 4;
const EXCERPT_AFTER = 10;
/** Longer than any fence a note is likely to hold, so excerpts with code blocks stay whole. */
const FENCE = '``````';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    size: { type: 'string', default: String(DEFAULT_SIZE) },
    output: { type: 'string', short: 'o' },
  },
});
const notes = positionals[0];
if (!notes) {
  console.error('usage: npm run judge-sample -- NOTES [--seed N] [--size N] [-o FILE]');
  process.exit(2);
}
const seed = Number(values.seed);
const size = Number(values.size);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(size) || size < 1) {
  console.error('judge-sample: --seed and --size take whole numbers (size at least 1)');
  process.exit(2);
}

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'main.js');
/** @type {Array<{id: string, type: string, rule: string, front: string, back: string, deck: string, source: {file: string, line: number}}>} */
const cards = JSON.parse(
  execFileSync(process.execPath, [cli, 'cards', notes, '--json'], { maxBuffer: 1 << 30, encoding: 'utf8' }),
);

/** mulberry32: a small seeded generator, so the same seed draws the same sample. */
function random(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample() {
  if (cards.length < WHOLE_VAULT_BELOW) return cards.map((_, i) => i);
  const next = random(seed);
  const order = cards.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, Math.min(size, order.length)).sort((a, b) => a - b);
}

/** Card HTML as a reader sees it on screen: line breaks kept, tags gone, entities read. */
function text(html) {
  return html
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|pre)>|<(pre|ul|ol|div|table|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<img [^>]*src="([^"]*)"[^>]*>/gi, '[image $1]')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

function excerpt(file, line) {
  const lines = readFileSync(join(notes, file), 'utf8').split('\n');
  const from = Math.max(0, line - 1 - EXCERPT_BEFORE);
  const to = Math.min(lines.length, line + EXCERPT_AFTER);
  return lines
    .slice(from, to)
    .map((l, i) => `${String(from + i + 1).padStart(5)}${from + i + 1 === line ? ' >' : '  '} ${l}`)
    .join('\n');
}

/** The first card of a cloze note as Anki shows it: its deletion hidden on the front and marked on the back, the others plain. */
function clozeSide(html, side) {
  return html.replace(/\{\{c(\d+)::([\s\S]*?)\}\}/g, (_, n, answer) => (n !== '1' ? answer : side === 'front' ? '[…]' : `[${answer}]`));
}

function crumbAndQuestion(front) {
  const match = /^<div class="crumb">([\s\S]*?)<\/div>/.exec(front);
  return match ? { crumb: match[1], question: front.slice(match[0].length) } : { crumb: '', question: front };
}

/** A side as the learner sees it: the breadcrumb line above the question. */
function shown(crumb, body) {
  return crumb ? `${text(crumb)}\n──\n${text(body)}` : text(body);
}

const picked = sample();
const out = [
  `# Cards to judge: ${picked.length} of ${cards.length} from \`${notes}\` (seed ${seed})`,
  '',
  'For each card give one verdict: KEEP, FIX or DELETE (see the protocol), with a few words of why.',
  'Each side is shown as the learner sees it: the breadcrumb above a line, then the question. A cloze',
  'note makes one card per deletion number; its first card is shown (deletion 1 as […] on the front,',
  'in [brackets] on the back, the others as plain text): judge the note with all its deletions.',
  '',
];
picked.forEach((index, n) => {
  const card = cards[index];
  const { crumb, question } = crumbAndQuestion(card.front);
  const cloze = card.type === 'cloze';
  const frontSide = cloze ? shown(clozeSide(crumb, 'front'), clozeSide(question, 'front')) : shown(crumb, question);
  const backSide = cloze ? [shown(clozeSide(crumb, 'back'), clozeSide(question, 'back')), text(card.back)].filter(Boolean).join('\n') : text(card.back);
  out.push(
    `## ${n + 1}. ${card.rule} (${card.type}) — ${card.source.file}:${card.source.line}`,
    '',
    `- deck: ${card.deck}`,
    ...(cloze ? [`- deletions: ${card.front.match(/\{\{c\d+::[\s\S]*?\}\}/g)?.map((d) => text(d.replace(/^\{\{c\d+::|\}\}$/g, ''))).join(' | ')}`] : []),
    '',
    '**Front:**',
    '',
    FENCE + 'text',
    frontSide,
    FENCE,
    '',
    '**Back:**',
    '',
    FENCE + 'text',
    backSide,
    FENCE,
    '',
    '**Note excerpt** (`>` marks the card\'s line):',
    '',
    FENCE + 'markdown',
    excerpt(card.source.file, card.source.line),
    FENCE,
    '',
  );
});
const report = out.join('\n');
if (values.output) writeFileSync(values.output, report);
else process.stdout.write(report);
