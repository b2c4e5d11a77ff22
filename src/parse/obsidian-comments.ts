/**
 * Obsidian's comments, `%%inline%%` and `%%` … `%%` over several lines: the
 * note's author hides them in every view, so no card may show them. They are
 * removed from the text before parsing, outside fenced code, code spans and the
 * front matter (where `%%` is content), each line staying a line so the cards'
 * line numbers still point into the file.
 */

const COMMENT = '%%';
/** A fence's opening, after any blockquote markers and a list item's marker. */
const FENCE_OPEN = /^[ \t]*(?:>[ \t]?)*(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t]*(`{3,}|~{3,})(.*)$/;
/** The front matter's fences. */
const FRONT_MATTER_OPEN = /^---[ \t]*$/;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

export interface Uncommented {
  text: string;
  /** The 1-based line of a `%%` never closed, which (as in Obsidian) hides the rest of the note. */
  unclosedAt?: number;
}

export function withoutObsidianComments(source: string): Uncommented {
  if (!source.includes(COMMENT)) return { text: source };
  const lines = source.split('\n');
  let start = 0;
  if (FRONT_MATTER_OPEN.test(lines[0] ?? '')) {
    const close = lines.findIndex((line, i) => i > 0 && FRONT_MATTER_CLOSE.test(line));
    if (close > 0) start = close + 1;
  }
  let fence: { char: string; length: number } | undefined;
  let openedAt: number | undefined;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as string;
    if (openedAt === undefined) {
      const opening = FENCE_OPEN.exec(line);
      if (fence) {
        // A closing fence: the opening's character, at least as many, nothing after.
        if (opening && opening[1]?.startsWith(fence.char) && (opening[1]?.length ?? 0) >= fence.length && /^\s*$/.test(opening[2] ?? '')) fence = undefined;
        continue;
      }
      // A backtick fence's info string holds no backtick (else the line is a code span).
      if (opening?.[1] && !(opening[1].startsWith('`') && opening[2]?.includes('`'))) {
        fence = { char: opening[1].charAt(0), length: opening[1].length };
        continue;
      }
      if (!line.includes(COMMENT)) continue;
    }
    const { kept, open } = uncommentLine(line, openedAt !== undefined);
    lines[i] = kept;
    if (open && openedAt === undefined) openedAt = i + 1;
    if (!open) openedAt = undefined;
  }
  return { text: lines.join('\n'), ...(openedAt !== undefined ? { unclosedAt: openedAt } : {}) };
}

/**
 * A line without its comments, given whether a comment is open where it
 * starts; says whether one is open where it ends. A code span (a run of
 * backticks up to the next run of as many on the line) is kept whole.
 */
function uncommentLine(line: string, inComment: boolean): { kept: string; open: boolean } {
  let kept = '';
  let at = 0;
  let open = inComment;
  while (at < line.length) {
    if (open) {
      const close = line.indexOf(COMMENT, at);
      if (close < 0) return { kept, open };
      open = false;
      at = close + COMMENT.length;
      continue;
    }
    const comment = line.indexOf(COMMENT, at);
    const tick = line.indexOf('`', at);
    if (comment < 0) break;
    if (tick >= 0 && tick < comment) {
      const run = /^`+/.exec(line.slice(tick))?.[0] ?? '`';
      const end = closingRun(line, tick + run.length, run.length);
      const next = end < 0 ? tick + run.length : end + run.length;
      kept += line.slice(at, next);
      at = next;
      continue;
    }
    kept += line.slice(at, comment);
    open = true;
    at = comment + COMMENT.length;
  }
  return { kept: kept + line.slice(at), open };
}

/** Where the next run of exactly `length` backticks starts on the line, from `from`; -1 if none. */
function closingRun(line: string, from: number, length: number): number {
  for (let at = line.indexOf('`', from); at >= 0; at = line.indexOf('`', at)) {
    let end = at;
    while (line[end] === '`') end++;
    if (end - at === length) return at;
    at = end;
  }
  return -1;
}
