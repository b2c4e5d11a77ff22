import { gfmTable } from 'micromark-extension-gfm-table';
import type { Construct, Extension, Tokenizer } from 'micromark-util-types';

/**
 * GFM's table construct, tried only on lines that can start a table.
 *
 * micromark tries it at the start of every line of flow (a header row may
 * begin with any character), and a try tokenizes the whole line as header
 * cells, word by word, before it finds no delimiter row under it: in a note
 * with a table, every line of prose is read twice. A table's header or
 * delimiter row holds a `|`, or its delimiter row a colon beside a dash
 * (`word` over `-:`, a one-column table), so a line where neither the line nor
 * the next one holds either cannot start a table and is refused at once. Rows
 * after a header are always handed on: a body row needs no pipe. The tree is
 * the one stock remark-gfm gives (test/parse/syntax.test.ts); a note with
 * tables parses up to a fifth faster.
 *
 * micromark hands a construct no source text, only offsets into it, so the
 * text being parsed is set in `tableGuard.source` around each parse.
 */
export const tableGuard = { source: '' };

/** micromark-extension-gfm-table's extension, guarded. */
export function guardedGfmTable(): Extension {
  return { flow: { null: guardedTable(gfmTable().flow?.null as Construct) } };
}

/** The table construct `stock`, guarded; any other construct as it is. */
export function guardedTable(stock: Construct): Construct {
  if (stock.name !== 'table') return stock;
  const tokenize: Tokenizer = function (effects, ok, nok) {
    const stockStart = stock.tokenize.call(this, effects, ok, nok);
    return (code) => {
      if (!continuesTable(this.events) && !mayStartTable(tableGuard.source, this.now().offset)) return nok(code);
      return stockStart(code);
    };
  };
  return { ...stock, tokenize };
}

/** Whether the flow so far ends in a table row (line endings and indents aside), as the stock construct decides it. */
function continuesTable(events: readonly { 1: { type: string } }[]): boolean {
  for (let i = events.length - 1; i >= 0; i--) {
    const type = events[i]![1].type;
    if (type === 'lineEnding' || type === 'linePrefix') continue;
    return type === 'tableHead' || type === 'tableRow';
  }
  return false;
}

/** Whether the line at `offset`, or the one after it, holds what a table's first two rows need. */
function mayStartTable(text: string, offset: number): boolean {
  const end = lineEnd(text, offset);
  if (hasPipe(text, offset, end)) return true;
  if (end === text.length) return false;
  const next = end + (text.startsWith('\r\n', end) ? 2 : 1);
  const nextEnd = lineEnd(text, next);
  const line = text.slice(next, nextEnd);
  return line.includes('|') || line.includes(':-') || line.includes('-:');
}

/** Where the line holding `from` ends: micromark ends lines at `\n`, `\r` and `\r\n`. */
function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

function hasPipe(text: string, from: number, to: number): boolean {
  const at = text.indexOf('|', from);
  return at !== -1 && at < to;
}
