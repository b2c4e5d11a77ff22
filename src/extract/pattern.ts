import { comparable } from './text.js';

/** What a pattern's `*` stands for: any run of characters, none included. */
const WILDCARD = '*';

/**
 * A pattern of the settings' `exclude`, ready to match: its text between the
 * wildcards, lower-cased and with white space collapsed, as the texts it is
 * matched against are.
 */
export interface TextPattern {
  /** The pattern split at each `*`: one part means no wildcard. */
  parts: string[];
}

export function compilePattern(pattern: string): TextPattern {
  return { parts: comparable(pattern).split(WILDCARD) };
}

/**
 * Whether the whole of `text` matches, case-insensitively. No RegExp is made
 * of the user's text: the first part must open the text, the last close it,
 * and each part between is found after the one before it, leftmost first
 * (which is enough with `*` the only wildcard), so the text is read once.
 */
export function matchesPattern(pattern: TextPattern, text: string): boolean {
  const subject = comparable(text);
  const { parts } = pattern;
  const first = parts[0] ?? '';
  if (parts.length === 1) return subject === first;
  const last = parts[parts.length - 1] ?? '';
  if (subject.length < first.length + last.length || !subject.startsWith(first) || !subject.endsWith(last)) return false;
  const end = subject.length - last.length;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    if (part === '') continue;
    const found = subject.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** Whether any of `patterns` matches `text`. */
export function matchesAny(patterns: readonly TextPattern[], text: string): boolean {
  return patterns.some((pattern) => matchesPattern(pattern, text));
}
