import type { NoteWarning } from './card.js';

/** Characters a terminal acts on instead of showing: C0 and C1 controls, DEL, and the bidirectional overrides that reorder a line. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One line of output as it may reach a terminal: a file or folder name with an
 * escape sequence or a newline shows as `\u001b`, `\n`, … instead of moving
 * the cursor, recolouring the terminal or forging a line of its own.
 */
export function printable(line: string): string {
  return line.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A warning as every command prints it, naming the note, with its newline. */
export function warningLine(warning: Pick<NoteWarning, 'file' | 'message'>): string {
  return `${printable(`flashmark: warning: ${warning.file}: ${warning.message}`)}\n`;
}
