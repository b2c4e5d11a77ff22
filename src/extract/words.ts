const WORD_CHAR = /[\p{L}\p{N}]/u;

const patterns = new Map<string, RegExp>();
const MAX_PATTERNS = 10_000;

/**
 * A global, case-insensitive pattern for `source`, compiled once: a note asks
 * for the same term's pattern for every sentence and breadcrumb level, and
 * compiling (~50 µs with `iu` on Cyrillic) cost more than matching.
 */
export function termPattern(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) {
    if (patterns.size >= MAX_PATTERNS) patterns.clear();
    pattern = new RegExp(source, 'giu');
    patterns.set(source, pattern);
  }
  return pattern;
}

/**
 * The matches of `pattern` (flags `g`, usually `giu`) not touching a letter or
 * digit on either side — what `(?<![\p{L}\p{N}])…(?![\p{L}\p{N}])` finds,
 * checked by hand: with the `i` flag such a pattern takes about a millisecond
 * to compile (V8 builds the case closure of every letter), and a note needs
 * one per term, which made it most of the extraction time of a vault. A
 * rejected match is retried one position on, as the lookarounds would.
 */
export function* wholeWordMatches(value: string, pattern: RegExp): Generator<[number, number]> {
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(value)) !== null) {
    const from = match.index;
    const to = from + match[0].length;
    if (to === from) {
      pattern.lastIndex = from + 1;
      continue;
    }
    const before = [...value.slice(Math.max(0, from - 2), from)].at(-1) ?? '';
    const after = [...value.slice(to, to + 2)][0] ?? '';
    if (WORD_CHAR.test(before) || WORD_CHAR.test(after)) pattern.lastIndex = from + 1;
    else yield [from, to];
  }
}

/** `value` with each whole-word match of `pattern` replaced by `replace(match)`. */
export function replaceWholeWords(value: string, pattern: RegExp, replace: (match: string) => string): string {
  let out = '';
  let at = 0;
  for (const [from, to] of wholeWordMatches(value, pattern)) {
    out += value.slice(at, from) + replace(value.slice(from, to));
    at = to;
  }
  return out + value.slice(at);
}
