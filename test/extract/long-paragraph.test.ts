import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Card } from '../../src/card.js';
import { guessLanguage, sentenceSegments } from '../../src/extract/sentences.js';

/**
 * One paragraph of 20,000 short sentences, each with a bold term and all with
 * the same cue ("Some […] text."), 100 sentences a line. Extraction used to
 * grow with the square of the paragraph: every sentence rendered by walking the
 * whole paragraph, scanned all its bold spans and text nodes, counted the lines
 * before it, and asked the segmenter (whose every step costs the whole text on
 * Node 20), and every repeated cue re-hashed all earlier ids. 4,000 sentences
 * took ~5.5 s and these 20,000 over 120 s; now ~2 s plus the parser's share.
 *
 * The bound: the binary's `cards --json` is killed after 60 s, which the
 * quadratic code overran by far (vitest's own timeout cannot stop synchronous
 * work, so it would only report after the minutes had passed). A call counter
 * exported from the renderer would be sharper, but it is mutable state in pure
 * code kept only for a test, and it would watch one of the five quadratic
 * spots; the time limit watches them all, with a margin of ~10× on a busy machine.
 */
const SENTENCES = 20_000;
const PER_LINE = 100;

function longParagraphNote(): string {
  const lines: string[] = [];
  for (let i = 0; i < SENTENCES; i += PER_LINE) {
    lines.push(Array.from({ length: PER_LINE }, (_, j) => `Some **term${i + j}** text.`).join(' '));
  }
  return `# Long\n\n${lines.join('\n')}\n`;
}

describe('a paragraph of 20,000 bold sentences', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flashmark-long-paragraph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes one cloze card per sentence, with its line and an id of its own, within a minute', () => {
    writeFileSync(join(dir, 'long.md'), longParagraphNote());
    const bin = join(import.meta.dirname, '../../dist/cli/main.js');
    const run = spawnSync('node', [bin, 'cards', dir, '--json'], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
    expect(run.signal, 'killed after 60 s').toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const cards = JSON.parse(run.stdout) as Card[];
    expect(cards).toHaveLength(SENTENCES);
    cards.forEach((card, i) => {
      expect(card.type).toBe('cloze');
      expect(card.front).toBe(`<div class="crumb">Long</div>Some {{c1::term${i}}} text.`);
      expect(card.source.line).toBe(3 + Math.floor(i / PER_LINE));
    });
    expect(new Set(cards.map((card) => card.id)).size).toBe(SENTENCES);
  }, 90_000);
});

const sharedDir = join(import.meta.dirname, '../../../shared');

/** Notes to compare segmentations on: ours, and the real ones beside the project when present. */
function noteTexts(): string[] {
  const dirs = [join(import.meta.dirname, '../../notes'), join(sharedDir, 'seeds'), join(sharedDir, 'vaults/ru-qa-testing')];
  const texts: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return texts;
}

describe('sentence segments read window by window', () => {
  // Lookahead across a window's cut: abbreviations, a lower-case continuation after long
  // punctuation, closing quotes and brackets, numbers, paragraph separators.
  const tricky = [
    'He met Mr. Smith at 5 p.m. yesterday. Then he left!',
    `It ended. ${'"'.repeat(40)}) ${'- '.repeat(60)}and it went on. Next one? Yes.`,
    'U.S. troops. e.g. this. т. е. вот так. Это 3.14 число. «Цитата.» Далее.\nНовая строка.\u2029Абзац.',
  ].join(' ');

  const wholeReading = (text: string, language: string) =>
    [...new Intl.Segmenter(language, { granularity: 'sentence' }).segment(text)].map(({ index, segment }) => ({ index, segment }));

  it('match one reading of the whole text on every paragraph of the notes, however small the windows', () => {
    // Paragraph by paragraph, as extraction reads them (reading a 250 KB note whole takes seconds on Node 20).
    const texts = noteTexts().flatMap((text) => text.split(/\n[ \t]*\n/));
    // The project's own notes alone have about 50 paragraphs; with the shared seeds and vault beside it, hundreds.
    expect(texts.length).toBeGreaterThan(existsSync(sharedDir) ? 100 : 30);
    for (const text of texts) {
      const language = guessLanguage(text);
      const whole = wholeReading(text, language);
      // Small windows put thousands of cuts through real sentences.
      for (const window of [64, 200, 1000]) expect([...sentenceSegments(text, language, window)]).toEqual(whole);
    }
  });

  it('match it on tricky text when the lookahead fits in the last quarter of a window', () => {
    // The longest lookahead here is the run of ~160 quotes and dashes; the real window's quarter is 4,096 characters.
    const text = tricky.repeat(20);
    for (const language of ['en', 'ru']) {
      for (const window of [1000, 4000]) expect([...sentenceSegments(text, language, window)]).toEqual(wholeReading(text, language));
    }
  });
});
