import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/card.js';
import { extractNote } from '../../src/extract/index.js';
import { htmlText } from '../../src/extract/finish.js';

/**
 * Random notes built from the constructs the rules read. The generator makes
 * a model of the note (so it knows every bold span it wrote) and renders it to
 * Markdown. Words are drawn from a counter, so no two words of a note are the
 * same: a word found in a card can only come from where it was written.
 */
type Part = { kind: 'word' } | { kind: 'bold'; words: number } | { kind: 'code' } | { kind: 'wikilink'; alias: boolean };
type Sentence = Part[];
type Block =
  | { kind: 'heading'; depth: number; words: number }
  | { kind: 'paragraph'; sentences: Sentence[] }
  | { kind: 'list'; ordered: boolean; items: ({ kind: 'definition'; term: number; explanation: Sentence } | { kind: 'plain'; sentence: Sentence })[] }
  | { kind: 'table'; columns: number; rows: { bold: boolean; words: number }[][] }
  | { kind: 'fence' };
interface Model {
  frontMatter: { title: boolean; tags: number; deck: boolean; id: boolean; broken: boolean } | null;
  blocks: Block[];
}

const part: fc.Arbitrary<Part> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Part>({ kind: 'word' }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((words): Part => ({ kind: 'bold', words })) },
  { weight: 1, arbitrary: fc.constant<Part>({ kind: 'code' }) },
  { weight: 1, arbitrary: fc.boolean().map((alias): Part => ({ kind: 'wikilink', alias })) },
);
/** A sentence always holds plain words (a sentence of bold alone is a heading in all but syntax). */
const sentence: fc.Arbitrary<Sentence> = fc
  .tuple(fc.array(part, { minLength: 0, maxLength: 6 }), fc.integer({ min: 1, max: 3 }))
  .map(([parts, plain]) => [...parts, ...Array.from({ length: plain }, (): Part => ({ kind: 'word' }))]);
const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ kind: fc.constant('heading' as const), depth: fc.integer({ min: 1, max: 3 }), words: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('paragraph' as const), sentences: fc.array(sentence, { minLength: 1, maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('list' as const),
    ordered: fc.boolean(),
    items: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('definition' as const), term: fc.integer({ min: 1, max: 3 }), explanation: sentence }),
        fc.record({ kind: fc.constant('plain' as const), sentence }),
      ),
      { minLength: 1, maxLength: 8 },
    ),
  }),
  fc.integer({ min: 2, max: 4 }).chain((columns) =>
    fc.record({
      kind: fc.constant('table' as const),
      columns: fc.constant(columns),
      rows: fc.array(fc.array(fc.record({ bold: fc.boolean(), words: fc.integer({ min: 1, max: 3 }) }), { minLength: columns, maxLength: columns }), {
        minLength: 2,
        maxLength: 5,
      }),
    }),
  ),
  fc.constant<Block>({ kind: 'fence' }),
);
const model: fc.Arbitrary<Model> = fc.record({
  frontMatter: fc.option(fc.record({ title: fc.boolean(), tags: fc.integer({ min: 0, max: 3 }), deck: fc.boolean(), id: fc.boolean(), broken: fc.boolean() })),
  blocks: fc.array(block, { minLength: 1, maxLength: 12 }),
});

/** Unique words: Latin or Cyrillic letters spelling a counter (no digits: "1." would start a list). */
function wordSource(): () => string {
  let n = 0;
  return () => {
    n += 1;
    const alphabet = n % 2 === 0 ? 'abcdefghijklmnopqrstuvwxyz' : 'абвгдежзиклмнопрстуфхцчшэюя';
    let word = '';
    for (let k = n; k > 0; k = Math.floor(k / alphabet.length)) word += alphabet[k % alphabet.length];
    return `${word}${alphabet[n % 7]}${alphabet[(n * 5) % 11]}`;
  };
}

interface Rendered {
  markdown: string;
  /** The bold spans a card must ask, lower-cased. */
  bold: string[];
}

function render(m: Model): Rendered {
  const word = wordSource();
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const bold: string[] = [];
  const sentenceText = (s: Sentence, inTable = false): string => {
    const text = s
      .map((p) => {
        switch (p.kind) {
          case 'word':
            return word();
          case 'bold': {
            const b = words(p.words);
            bold.push(b);
            return `**${b}**`;
          }
          case 'code':
            return inTable ? '`a**b**[[c]]`' : '`x **y** [[z]] | q`';
          case 'wikilink':
            return p.alias ? `[[${word()}/${word()}|${word()}]]` : `[[${word()}#${word()}]]`;
        }
      })
      .join(' ');
    return `${text.charAt(0).toLocaleUpperCase()}${text.slice(1)}.`;
  };
  const lines: string[] = [];
  if (m.frontMatter) {
    const f = m.frontMatter;
    lines.push('---');
    if (f.broken) lines.push(`title: [${word()}`, `tags: {${word()}`);
    else {
      if (f.title) lines.push(`title: "${words(2)}"`);
      if (f.tags > 0) lines.push(`tags: [${Array.from({ length: f.tags }, word).join(', ')}]`);
      if (f.deck) lines.push(`deck: "${word()}::${word()}"`);
      if (f.id) lines.push(`id: ${word()}`);
    }
    lines.push('---', '');
  }
  for (const b of m.blocks) {
    switch (b.kind) {
      case 'heading':
        lines.push(`${'#'.repeat(b.depth)} ${words(b.words)}`, '');
        break;
      case 'paragraph':
        lines.push(b.sentences.map((s) => sentenceText(s)).join(' '), '');
        break;
      case 'list':
        b.items.forEach((item, i) => {
          const marker = b.ordered ? `${i + 1}.` : '-';
          if (item.kind === 'definition') {
            const term = words(item.term);
            bold.push(term);
            lines.push(`${marker} **${term}**: ${sentenceText(item.explanation)}`);
          } else lines.push(`${marker} ${sentenceText(item.sentence)}`);
        });
        lines.push('');
        break;
      case 'table': {
        const cell = (c: { bold: boolean; words: number }) => {
          const text = words(c.words);
          if (!c.bold) return text;
          bold.push(text);
          return `**${text}**`;
        };
        const [header, ...rows] = b.rows;
        // The top-left header names the key column: no card asks it, so it is written plain.
        const [corner, ...columns] = header!;
        lines.push(`| ${[words(corner!.words), ...columns.map(cell)].join(' | ')} |`, `|${' --- |'.repeat(b.columns)}`);
        for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
        lines.push('');
        break;
      }
      case 'fence':
        lines.push('```', '**not bold** [[not a link]] | a | b |', '# not a heading', '```', '');
        break;
    }
  }
  return { markdown: lines.join('\n'), bold };
}

const deletions = (card: Card): string[] => [...card.front.matchAll(/\{\{c\d+::(.*?)\}\}/gs)].map((m) => htmlText(m[1] ?? '').toLowerCase());
const question = (card: Card): string => htmlText(card.front.replace(/^<div class="crumb">.*?<\/div>/s, ''));
/** Visible text outside code, where no Markdown syntax may be left. */
const visibleOutsideCode = (html: string): string => htmlText(html.replace(/<pre><code>.*?<\/code><\/pre>|<code>.*?<\/code>/gs, ' '));
const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Whether a card asks a bold span: it is deleted, or it is (part of) a basic card's question or answer. */
function asks(card: Card, bold: string): boolean {
  if (card.type === 'cloze') return deletions(card).some((d) => normalize(d).includes(bold));
  return normalize(question(card)).includes(bold) || normalize(htmlText(card.back)).includes(bold);
}

const file = 'Папка/note.md';
// A fixed seed keeps CI reproducible; FLASHMARK_FC_SEED explores other notes.
const runs = { numRuns: 200, seed: Number(process.env['FLASHMARK_FC_SEED'] ?? 20260601) };

describe('extractNote on random notes made of the constructs the rules read', () => {
  it('is deterministic: the same note gives the same cards and ids', () => {
    fc.assert(
      fc.property(model, (m) => {
        const { markdown } = render(m);
        expect(extractNote(file, markdown)).toEqual(extractNote(file, markdown));
      }),
      runs,
    );
  });

  it('gives no two cards one id, and no card an empty side', () => {
    fc.assert(
      fc.property(model, (m) => {
        const { cards } = extractNote(file, render(m).markdown);
        expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
        for (const card of cards) {
          expect(question(card), card.front).toMatch(/[\p{L}\p{N}]/u);
          if (card.type === 'basic') expect(htmlText(card.back), card.front).toMatch(/[\p{L}\p{N}]/u);
          else {
            expect(deletions(card).length, card.front).toBeGreaterThan(0);
            for (const d of deletions(card)) expect(d, card.front).toMatch(/[\p{L}\p{N}]/u);
          }
        }
      }),
      runs,
    );
  });

  it('leaves no Markdown markup in any field outside code', () => {
    fc.assert(
      fc.property(model, (m) => {
        for (const card of extractNote(file, render(m).markdown).cards) {
          for (const field of [card.front, card.back]) {
            expect(visibleOutsideCode(field), field).not.toMatch(/\*\*|__|\[\[|\]\]|\||`|#|~~|^---/m);
          }
        }
      }),
      runs,
    );
  });

  it('asks every bold span outside code and headings: as a deletion, a cue or an answer', () => {
    fc.assert(
      fc.property(model, (m) => {
        const { markdown, bold } = render(m);
        const { cards } = extractNote(file, markdown);
        const unasked = bold.map(normalize).filter((b) => !cards.some((card) => asks(card, b)));
        expect(unasked, markdown).toEqual([]);
      }),
      runs,
    );
  });

  it('keeps a card id when only its answer changes (ids come from the cue)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 6 }), (terms) => {
        const word = wordSource();
        const defs = terms.map((n) => ({ term: Array.from({ length: n }, word).join(' '), answer: word(), edited: word() }));
        const note = (edited: boolean) => `# Title\n\n## Section\n\n${defs.map((d) => `- **${d.term}**: ${edited ? d.edited : d.answer} text`).join('\n')}\n`;
        const before = extractNote(file, note(false)).cards.filter((c) => c.rule === 'definition');
        const after = extractNote(file, note(true)).cards.filter((c) => c.rule === 'definition');
        expect(before.length).toBe(defs.length);
        expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
        expect(after.map((c) => c.back)).not.toEqual(before.map((c) => c.back));
      }),
      { numRuns: 100, seed: 20260601 },
    );
  });
});
