import type { Heading, Root } from 'mdast';
import type { NoteResult } from '../card.js';
import { parseNote } from '../parse/index.js';
import { mergeExclusions, readNoteChoices } from './choices.js';
import type { NoteContext } from './context.js';
import { compileExclusions } from './exclude.js';
import { finishCards } from './finish.js';
import { indexInline, type RenderSink } from './html.js';
import { noteIdentity } from './identity.js';
import { resolveExtractOptions, type DeckScheme, type ExtractOptions } from './options.js';
import { judgeNote } from './note-judgement.js';
import { guessLanguage } from './sentences.js';
import { skipReason, withoutMdxStatements } from './skip.js';
import { cleanHeading, deckLevel, hasWords, isContentsHeading, titleFromFileName } from './text.js';
import { isDiaryNote } from './dates.js';
import { walkNote } from './walk.js';

export { DECK_SCHEMES, DEFAULT_EXTRACT_OPTIONS, cardOptionsOf, resolveExtractOptions, type CardOptions, type DeckScheme, type DeckSchemeName, type ExtractOptions, type ScanOptions } from './options.js';
export { cardId, noteIdentity } from './identity.js';
export { titleFromFileName } from './text.js';

/**
 * The note's title and the H1 it came from: front matter `title`, else the
 * note's only H1 (a note with several H1s uses them as sections), else the
 * file name without numbering — unless that leaves no words ("007.md"), when
 * the first H1 is the better title.
 */
function noteTitle(file: string, tree: Root, frontMatterTitle: string | undefined): { title: string; heading?: Heading } {
  const h1s = tree.children.filter((node): node is Heading => node.type === 'heading' && node.depth === 1);
  if (frontMatterTitle) {
    // The note's one H1 opening the note is its visible title, whatever its wording.
    const opening = tree.children.find((node) => node.type !== 'yaml');
    const heading = h1s.length === 1 && opening === h1s[0] ? h1s[0] : undefined;
    return { title: cleanHeading(frontMatterTitle) || frontMatterTitle, ...(heading ? { heading } : {}) };
  }
  const headingTitle = (h: Heading): string => {
    const text = cleanHeading(indexInline(h.children.filter((node) => node.type !== 'html')).plain);
    return isContentsHeading(text) ? '' : text;
  };
  const only = h1s.length === 1 ? h1s[0] : undefined;
  if (only && headingTitle(only)) return { title: headingTitle(only), heading: only };
  const fromName = titleFromFileName(file);
  const first = h1s.find((h) => headingTitle(h));
  if (!hasWords(fromName.replace(/\d/g, '')) && first) return { title: headingTitle(first), heading: first };
  return { title: fromName };
}

/** The deck when neither a name nor the notes folder's name is known (a library caller's bare options). */
const UNNAMED_DECK = 'flashmark';

/** The deck: front matter `deck`, else by the settings' scheme: the folders, the folders and the note's title, the title, or one deck. */
function deckOf(file: string, title: string, frontMatterDeck: string | undefined, scheme: DeckScheme): string {
  if (frontMatterDeck) return frontMatterDeck.split('::').map(deckLevel).join('::');
  const named = scheme.name ? scheme.name.split('::').map(deckLevel) : [];
  const oneDeck = named.length > 0 ? named.join('::') : deckLevel(scheme.vault ?? UNNAMED_DECK);
  if (scheme.scheme === 'single') return oneDeck;
  const folders = scheme.scheme === 'title' ? [] : file.split('/').slice(0, -1).map((folder) => deckLevel(titleFromFileName(folder)));
  if (scheme.scheme === 'folder') return folders.length > 0 ? [...named, ...folders].join('::') : oneDeck;
  return [...named, ...folders, deckLevel(title)].join('::');
}

/**
 * The cards of one note. Pure: no disk, no clock; the same input always gives
 * the same cards. A note that cannot be read safely gives a warning and no cards.
 */
export function extractNote(file: string, text: string, options: Partial<ExtractOptions> = {}): NoteResult {
  const resolved = resolveExtractOptions(options);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > resolved.maxNoteBytes) {
    return { file, cards: [], dropped: [], warnings: [{ file, message: `too big (${Math.ceil(bytes / 1024)} KB, limit ${Math.ceil(resolved.maxNoteBytes / 1024)} KB); skipped`, kind: 'skipped' }] };
  }
  const parsed = parseNote(text, resolved.maxNesting);
  if (!parsed.ok) return { file, cards: [], dropped: [], warnings: [{ file, message: parsed.reason, kind: 'skipped' }] };
  const { frontMatter } = parsed;
  const skipped = skipReason(parsed.tree, frontMatter);
  if (skipped) return { file, cards: [], dropped: [], warnings: parsed.problems.map((message) => ({ file, message, kind: 'ignored' })), skipped };
  const tree = withoutMdxStatements(parsed.tree);
  const { title, heading } = noteTitle(file, tree, frontMatter.title);
  const sink: RenderSink = { file, media: new Set(), problems: new Set(parsed.problems) };
  const ctx: NoteContext = {
    file,
    language: resolved.language ?? guessLanguage(text),
    rules: new Set(resolved.rules),
    sink,
    drafts: [],
    diary: isDiaryNote(file),
  };
  walkNote(ctx, tree.children, heading);
  judgeNote(title, ctx.drafts);
  const own = readNoteChoices(frontMatter.choices, sink.problems);
  const { cards, dropped } = finishCards(
    { file, identity: noteIdentity(file, frontMatter.id), title, deck: deckOf(file, title, frontMatter.deck, resolved.deck), tags: frontMatter.tags },
    ctx.drafts,
    new Set([...resolved.keep, ...own.keep]),
    compileExclusions(mergeExclusions(resolved.exclude, own.exclude)),
  );
  return { file, cards, dropped, warnings: [...sink.problems].map((message) => ({ file, message, kind: 'ignored' })) };
}
