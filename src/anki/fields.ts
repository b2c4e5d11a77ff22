/**
 * The four fields of flashmark's note types (see models.ts): the question,
 * the answer, the breadcrumb shown above the question, and the source note
 * shown small on the back. The question comes first, so Anki's sort field
 * (the browser's "Sort Field" column, duplicate checks) is the question itself.
 */
export type NoteFields = readonly [question: string, answer: string, breadcrumb?: string, source?: string];

const CRUMB = /^<div class="crumb">(.*?)<\/div>/s;

/**
 * A card's front split into its breadcrumb (the `<div class="crumb">` the
 * extraction puts first, for the terminal review and `cards`) and the
 * question. A cloze breadcrumb that hides a deletion stays with the question:
 * Anki hides deletions only in the cloze field, and would show it in another.
 */
export function splitBreadcrumb(front: string): { breadcrumb: string; question: string } {
  const match = CRUMB.exec(front);
  if (!match || /\{\{c\d+::/.test(match[1]!)) return { breadcrumb: '', question: front };
  return { breadcrumb: match[1]!, question: front.slice(match[0].length) };
}

/**
 * The source field: the note's path and the card's line, as a link that opens
 * the note in Obsidian when the notes folder is an Obsidian vault (`vault`, the
 * folder's name, which Obsidian uses as the vault's name).
 */
export function sourceField(file: string, line: number, vault?: string): string {
  const text = escapeHtml(`${file}:${line}`);
  if (vault === undefined) return text;
  const link = `obsidian://open?vault=${encodeURIComponent(vault)}&file=${encodeURIComponent(file.replace(/\.md$/i, ''))}`;
  return `<a href="${escapeHtml(link)}">${text}</a>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
