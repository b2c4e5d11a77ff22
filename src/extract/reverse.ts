import type { PhrasingContent } from 'mdast';
import { hasWords } from './text.js';

/**
 * Which cards are asked the other way round: from what a name does to the
 * name. A cheat sheet's `toLowerCase()` → "converts the string to lower case"
 * restates its key (the name says what it does, in any language), while
 * "converts the string to lower case" → `toLowerCase()` is the question a
 * learner meets at work: which method, command, option or annotation does this.
 * The card keeps its cue (the key), so its identity does not change.
 */

/** A description longer than this is several facts, not a question. */
const MAX_DESCRIPTION = 200;
/** A name in code has at most this many words (`git commit --amend`). */
const MAX_NAME_WORDS = 4;

/** What marks a name as code when it is not written as code: a call, a member, an option, an annotation, camelCase, snake_case. */
const CODE_SHAPE = /\w\(.*\)|^[@-]{1,2}\w|\w[._:]\w|[a-z][A-Z]|^[A-Z]\w*[a-z][A-Z]/u;

/** Whether a key (a definition term, a table row key) names something in code. */
export function isCodeName(nodes: readonly PhrasingContent[], text: string): boolean {
  const content = nodes.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.split(/\s+/u).length > MAX_NAME_WORDS) return false;
  if (content.length === 1 && content[0]?.type === 'inlineCode') return true;
  return !/[^\x20-\x7E]/u.test(trimmed) && CODE_SHAPE.test(trimmed);
}

/** Whether an answer reads as a description to ask from: prose of a few words, not code or a bare value. */
export function isDescription(nodes: readonly PhrasingContent[], text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > MAX_DESCRIPTION || !hasWords(trimmed)) return false;
  let prose = trimmed;
  for (const node of nodes) if (node.type === 'inlineCode') prose = prose.replace(node.value, ' ');
  return (prose.match(/\p{L}{2,}/gu) ?? []).length >= 2;
}
