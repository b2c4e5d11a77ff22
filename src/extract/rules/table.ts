import type { Table } from 'mdast';
import type { NoteContext, Section } from '../context.js';
import { escapeHtml, indexInline, renderInline } from '../html.js';
import { hasWords, normalizeSpace } from '../text.js';

/**
 * The table rule: each non-empty cell outside the first column is asked from
 * the row's first cell and the column's header ("Junior › Ключевые навыки").
 * Bold inside a table is part of these cards, never a cloze of its own.
 */
export function tableCards(ctx: NoteContext, section: Section, table: Table): void {
  if (!ctx.rules.has('table')) return;
  const [header, ...rows] = table.children;
  if (!header) return;
  const headers = header.children.map((cell) => {
    const index = indexInline(cell.children);
    return { text: normalizeSpace(index.plain), html: renderInline(index, ctx.sink, { plainStrong: true }).trim() };
  });
  rows.forEach((row, rowIndex) => {
    const [keyCell, ...cells] = row.children;
    const keyIndex = indexInline(keyCell?.children ?? []);
    const keyText = normalizeSpace(keyIndex.plain) || String(rowIndex + 1);
    const keyHtml = normalizeSpace(keyIndex.plain) ? renderInline(keyIndex, ctx.sink, { plainStrong: true }).trim() : escapeHtml(keyText);
    cells.forEach((cell, i) => {
      const index = indexInline(cell.children);
      if (!hasWords(index.plain) && !index.plain.includes('\uFFFC')) return;
      const column = headers[i + 1] ?? { text: String(i + 2), html: String(i + 2) };
      const columnHtml = column.html || escapeHtml(String(i + 2));
      ctx.drafts.push({
        rule: 'table',
        type: 'basic',
        cue: `${keyText}\u001f${column.text || i + 2}`,
        crumb: section.crumb,
        question: `${keyHtml} › ${columnHtml}`,
        back: renderInline(index, ctx.sink).trim(),
        answers: [],
        line: row.position?.start.line ?? table.position?.start.line ?? 1,
      });
    });
  });
}
