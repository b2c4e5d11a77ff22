/**
 * Footnotes under a table: a cell ending in a mark ("O(1)*", "❌ Нет*") is
 * qualified by the line under the table that opens with the same mark ("\*
 * если уже есть указатель на узел"). Without it the cell's answer is only
 * half true, so the card carries the note after its answer.
 */

import type { Paragraph } from 'mdast';
import { escapeHtml, indexInline } from './html.js';

/** Marks a note hangs on a value: asterisks, daggers, a section sign, superscript digits. */
const MARK = '\\*{1,3}|[†‡§¹²³⁴⁵⁶⁷⁸⁹]';
/** A value ending in a mark, after something that is not a mark (a lone "*" is an operator). */
const MARKED = new RegExp(`[^\\s*†‡§¹²³⁴⁵⁶⁷⁸⁹](${MARK})$`, 'u');
/** A line of a paragraph opening with a mark and then its note. */
const NOTE_LINE = new RegExp(`^(${MARK})\\s*\\S`, 'u');

/** The notes of a paragraph made of footnote lines, by their marks, as HTML; empty when it is not one. */
export function footnotesOf(block: Paragraph | undefined): ReadonlyMap<string, string> {
  const notes = new Map<string, string>();
  if (block === undefined) return notes;
  const lines = indexInline(block.children).plain.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  for (const line of lines) {
    const match = NOTE_LINE.exec(line);
    if (match === null) return new Map();
    notes.set(match[1] ?? '', escapeHtml(line));
  }
  return notes;
}

/** The mark a value ends with, if it ends with one. */
export function footnoteMark(text: string): string | undefined {
  return MARKED.exec(text.trim())?.[1];
}
