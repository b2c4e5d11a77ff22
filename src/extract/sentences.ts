/** The note's language for sentence rules: Cyrillic text is Russian, else English rules (which suit most scripts). */
export function guessLanguage(text: string): string {
  const sample = text.slice(0, 20_000);
  const cyrillic = sample.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return cyrillic > latin ? 'ru' : 'en';
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    } catch {
      segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    }
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/**
 * Sentence ranges of a plain text, whitespace trimmed. A break is not taken
 * inside an unbreakable range (a bold span, code, a link), nor before a
 * sentence that starts in lower case (after "т. е." or "e.g." the segmenter
 * sees an end where a reader does not).
 */
export function sentenceRanges(plain: string, language: string, unbreakable: [number, number][]): [number, number][] {
  const starts: number[] = [];
  let previous = '';
  for (const segment of segmenterFor(language).segment(plain)) {
    const at = segment.index;
    const afterLineBreak = /\n\s*$/u.test(previous);
    previous = segment.segment;
    if (at === 0) {
      starts.push(0);
      continue;
    }
    const inside = unbreakable.some(([s, e]) => s < at && at < e);
    const first = /\S/u.exec(segment.segment);
    const lowerStart = first !== null && /\p{Ll}/u.test(first[0]);
    if (inside || (lowerStart && !afterLineBreak)) continue;
    starts.push(at);
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < starts.length; i++) {
    let s = starts[i] as number;
    let e = starts[i + 1] ?? plain.length;
    while (s < e && /\s/u.test(plain[s] as string)) s++;
    while (e > s && /\s/u.test(plain[e - 1] as string)) e--;
    if (e > s) ranges.push([s, e]);
  }
  return ranges;
}
