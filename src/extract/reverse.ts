import type { PhrasingContent } from 'mdast';
import { SCRIPTS, scriptOf } from './scripts.js';
import { hasWords, withoutGloss, wordCount } from './text.js';

/**
 * Which cards are asked the other way round: from what a name does to the
 * name. A cheat sheet's `toLowerCase()` → "converts the string to lower case"
 * restates its key (the name says what it does, in any language), while
 * "converts the string to lower case" → `toLowerCase()` is the question a
 * learner meets at work: which method, command, option or annotation does this.
 * A name written in one script and explained in a few words of another
 * ("DELETE": "Удаление ресурса", "403 Forbidden": "Доступ запрещен") is the
 * same case in any pair of languages: the explanation translates the name,
 * which no comparison of stems can see, and the other way round the card asks
 * which name the note gives to what it describes.
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
  // Code and formulas are not words of a description: a complexity such as $O(n log n)$ names no algorithm.
  for (const node of nodes) if (node.type === 'inlineCode' || node.type === 'inlineMath') prose = prose.replace(node.value, ' ');
  return wordCount(prose.replace(/\P{L}+/gu, ' ')) >= 2;
}

/** An explanation of at most this many words can be a translation of its name; a longer one says more than the name. */
const MAX_TRANSLATION_WORDS = 6;
/** Longer than this, a text has more than MAX_TRANSLATION_WORDS words in any language. */
const MAX_TRANSLATION_CHARS = 160;
/** A name of more words than this is a phrase, not a name ("431 Request Header Fields Too Large" is six). */
const MAX_FOREIGN_NAME_WORDS = 6;
/** What an expression or a formula holds and a name does not: an operator between spaces, or `=` inside a word that is no query string (`a=1`, not `?status=active`); a placeholder (`<file>`) or a type parameter (`Supplier<T>`) is part of a name. */
const COMPARISON = /(?:^|\s)(?:[=<>≤≥≠]|[<>!=]=)(?=\s|$)|(?<![?&][\w-]*)\w=\w/u;
/** A function of one letter applied, as formulas write them: a complexity (`O(n log n)`), `f(x)`, `P(A|B)`. */
const ONE_LETTER_CALL = /(?<!\p{L})\p{L}\(/u;
/** The most words an item of a list of names has ("JUnit (Java), NUnit (.NET)"). */
const MAX_LISTED_NAME_WORDS = 2;

/** Whether a text is a list of names rather than a description: items of a word or two between commas. */
export function isListOfNames(text: string): boolean {
  const items = text.replace(/[.。]\s*$/u, '').split(/[,;，、；]/u);
  return items.length >= 2 && items.every((item) => wordCount(withoutGloss(item)) <= MAX_LISTED_NAME_WORDS);
}

/**
 * Whether a key is a short name written in another script than its short
 * explanation ("Kafka Proxy": "Прокси-сервер для безопасного доступа"): a
 * gloss in parentheses after the name ("Closed (Закрыто)") is not the name,
 * and an expression or formula on either side is no name or translation.
 */
export function isForeignName(key: string, explanation: string): boolean {
  // Most explanations are sentences: turned down by their length before their words are counted.
  if (explanation.length > MAX_TRANSLATION_CHARS || key.length > MAX_TRANSLATION_CHARS) return false;
  // Then by their words, before any expression is searched: most are still too long to translate a name.
  const explanationWords = wordCount(explanation);
  if (explanationWords > MAX_TRANSLATION_WORDS) return false;
  const name = withoutGloss(key).trim();
  // An expression or a formula ("a=1 AND c=3", "ssthresh = cwnd/2", "O(n log n)") translates nothing.
  if (COMPARISON.test(name) || COMPARISON.test(explanation) || ONE_LETTER_CALL.test(explanation)) return false;
  // A code's number ("400 Bad Request") is not a word its explanation translates.
  const nameWords = wordCount(name.replace(/(?:^|\s)\d+(?=\s|$)/gu, ' '));
  // The shorter side names, the other describes or translates it: "Стандарты безопасности: SSL/TLS" is asked the way it is written.
  if (nameWords > MAX_FOREIGN_NAME_WORDS || explanationWords < nameWords || isListOfNames(explanation)) return false;
  const nameScript = scriptOf(name);
  const explanationScript = scriptOf(explanation);
  return nameScript !== undefined && explanationScript !== undefined && nameScript !== explanationScript && !SCRIPTS[explanationScript]?.test(name);
}
