import type { PhrasingContent } from 'mdast';
import { definitionDraft, type NoteContext, type Section } from '../context.js';
import { escapeHtml, indexInline, proseOf, renderInline } from '../html.js';
import { copulaLength } from '../lexicon.js';
import { sentenceRanges } from '../sentences.js';
import { hasWords, normalizeSpace, wordCount } from '../text.js';
import { definitionDrop } from './definition.js';

/**
 * A paragraph of prose that opens by naming its subject and a dash, the way
 * notes define a term without bold ("Модель OSI — это теоретическая модель…",
 * "Kustomize — a tool for…"): asked as a definition, the subject the
 * question and the first sentence after the dash the answer. The rest of the
 * paragraph says more, and one card asks one fact.
 */

/** A subject of a letter or digit and a few words, perhaps a gloss in parentheses, then a dash with spaces around it (Chinese `——` needs none). */
const SUBJECT = /^([\p{L}\p{N}][^—–:;.!?()（）[\]\n]{0,48}?)(\s*[(（][^()（）\n]{1,60}[)）])?(?:[ \t]+[—–][ \t]+|[ \t]*——[ \t]*)/u;
const MAX_SUBJECT_WORDS = 4;
/** An answer shorter than this names rather than defines ("X — Y."). */
const MIN_ANSWER_WORDS = 5;

/** The first sentence after the dash, when the paragraph opens with a subject in plain text and that sentence has no bold of its own. */
export function plainDefinitionCard(ctx: NoteContext, section: Section, nodes: PhrasingContent[], line: number): void {
  if (!ctx.rules.has('definition') || nodes[0]?.type !== 'text') return;
  const match = SUBJECT.exec(nodes[0].value);
  const name = normalizeSpace(match?.[1] ?? '');
  if (!match || !hasWords(name) || wordCount(name) > MAX_SUBJECT_WORDS) return;
  const subject = normalizeSpace(`${name}${match[2] ?? ''}`);
  const index = indexInline(nodes);
  const start = match[0].length;
  // The first sentence, and never past the end of the line: the lines below are the note's next points.
  const lineEnd = index.plain.indexOf('\n', start);
  const [first] = sentenceRanges(index.plain.slice(start, lineEnd < 0 ? undefined : lineEnd), ctx.language, []);
  if (!first) return;
  const end = start + first[1];
  const sentence = index.plain.slice(start, end);
  // Bold in the sentence is asked by the bold rule; a sentence ending in a colon only announces what follows.
  const bold = [...index.ranges].some(([node, [s, e]]) => node.type === 'strong' && s < end && e > start);
  if (bold || /[:：]$/u.test(sentence) || wordCount(sentence) < MIN_ANSWER_WORDS) return;
  // "Kafka — это платформа…": the answer starts past the copula.
  const from = start + copulaLength(sentence);
  const drop = definitionDrop(section.crumb, section.place, subject, index.plain.slice(from, end), proseOf(index, from, end));
  ctx.drafts.push(definitionDraft(section, { cue: subject, question: escapeHtml(subject), back: renderInline(index, ctx.sink, { range: [from, end] }).trim(), term: subject, line, drop }));
}
