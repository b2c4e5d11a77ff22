import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessLanguage, sentenceRanges } from '../../src/extract/sentences.js';

/** The definition: more Cyrillic than Latin letters (code points, Unicode script classes) in the first 20,000 units. */
function byScripts(text: string): string {
  const sample = text.slice(0, 20_000);
  const count = (re: RegExp): number => [...sample].filter((ch) => re.test(ch)).length;
  return count(/\p{Script=Cyrillic}/u) > count(/\p{Script=Latin}/u) ? 'ru' : 'en';
}

/** Letters of both scripts, their look-alikes and marks, Greek, emoji, ASCII punctuation. */
const PIECES = ['a', 'Z', 'é', 'ß', 'ı', 'ж', 'Ё', 'ѣ', 'ԑ', '\u0483', '\u0488', 'ᲀ', 'Ꙗ', 'ω', '😀', '1', ' ', '.', '—', '\n', 'ﬁ', 'ｱ', 'Ａ'];

describe('guessLanguage', () => {
  it('agrees with counting letters by Unicode script', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expect(guessLanguage(text)).toBe(byScripts(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads Russian and English notes, with code and links in them', () => {
    expect(guessLanguage('Тестирование — это проверка `npm test` на https://example.com')).toBe('ru');
    expect(guessLanguage('Testing checks the build — быстро.')).toBe('en');
    expect(guessLanguage('')).toBe('en');
  });
});

describe('sentences without letter case', () => {
  it('keeps a Chinese sentence whole across an ellipsis, and still ends an English one there before a capital', () => {
    expect(sentenceRanges('线性探测：h, h+1, h+2 ... 容易聚集', 'en', []).length).toBe(1);
    expect(sentenceRanges('It waits... Then it retries.', 'en', []).length).toBe(2);
  });
});

describe('initials', () => {
  it('keeps a sentence whole across a name written with initials, and still ends one at a period before a capital', () => {
    const text = '1809 — проект М. М. Сперанского. Реализован лишь частично.';
    expect(sentenceRanges(text, 'ru', []).map(([from, to]) => text.slice(from, to))).toEqual(['1809 — проект М. М. Сперанского.', 'Реализован лишь частично.']);
    expect(sentenceRanges('J. K. Rowling booked a suite. She finished the book there.', 'en', []).length).toBe(2);
  });
});
