/**
 * Card HTML to terminal text. Fields are the clean HTML extraction makes
 * (docs/extraction.md): the breadcrumb div, <b>, <code>, lists, tables, <img>. Tags are
 * dropped and entities decoded; only at a terminal do a few tags get ANSI
 * styling, so piped output stays plain text.
 */

export interface RenderOptions {
  /** Style with ANSI escapes (a terminal); otherwise plain text. */
  ansi: boolean;
}

const ANSI = {
  bold: ['\x1b[1m', '\x1b[22m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  code: ['\x1b[36m', '\x1b[39m'],
  mark: ['\x1b[1;33m', '\x1b[22;39m'],
} as const;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', laquo: '«', raquo: '»', mdash: '—', ndash: '–', hellip: '…' };

/** Decodes the HTML entities card fields use (named ones above, and numeric ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Terminal text of an HTML field. `<mark>` is the revealed cloze deletion: highlighted, or in [brackets] without ANSI. */
export function htmlToText(html: string, options: RenderOptions): string {
  let out = '';
  const style = (kind: keyof typeof ANSI, closing: boolean) => {
    if (options.ansi) out += ANSI[kind][closing ? 1 : 0];
    else if (kind === 'mark') out += closing ? ']' : '[';
  };
  // Inside <pre> (a code block) the text keeps its lines and indentation.
  let inPre = false;
  for (const token of html.split(/(<[^>]*>)/)) {
    const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>$/.exec(token);
    if (!tag) {
      out += decodeEntities(inPre ? token : token.replace(/\s*\n\s*/g, ' '));
      continue;
    }
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    if (name === 'pre') inPre = !closing;
    const attributes = tag[3] ?? '';
    switch (name) {
      case 'b':
      case 'strong':
        style('bold', closing);
        break;
      case 'code':
        style('code', closing);
        break;
      case 'mark':
        style('mark', closing);
        break;
      case 'br':
        out += '\n';
        break;
      case 'li':
        out += closing ? '\n' : '  • ';
        break;
      case 'td':
      case 'th':
        if (closing) out += ' | ';
        break;
      case 'img': {
        const src = /\bsrc="([^"]*)"/.exec(attributes)?.[1];
        out += `[image: ${decodeEntities(src ?? '?')}]`;
        break;
      }
      case 'div':
        if (!closing && /class="crumb"/.test(attributes)) style('dim', false);
        else if (closing) {
          if (options.ansi) out += ANSI.dim[1];
          out += '\n';
        }
        break;
      case 'p':
      case 'ul':
      case 'ol':
      case 'tr':
      case 'pre':
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
        out += '\n';
        break;
      default:
        break; // any other tag: its text only
    }
  }
  return out
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, '').replace(/ \| $/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;

/** A cloze front with deletion number `n` blanked as [...] (or [hint]) and every other deletion shown as its text. */
export function clozeQuestion(front: string, n: number): string {
  return front.replace(CLOZE, (_whole, number: string, text: string, hint: string | undefined) =>
    Number(number) === n ? `[${hint ?? '...'}]` : text,
  );
}

/** A cloze front with deletion number `n` revealed (marked) and the others as their text. */
export function clozeAnswer(front: string, n: number): string {
  return front.replace(CLOZE, (_whole, number: string, text: string) => (Number(number) === n ? `<mark>${text}</mark>` : text));
}

/** What a unit's question hides, as plain text: its cloze deletions (this number's), or a basic card's back. */
export function hiddenText(unit: { type: 'basic' | 'cloze'; ord: number; front: string; back: string }): string {
  const hidden = unit.type === 'cloze'
    ? [...unit.front.matchAll(CLOZE)].filter((m) => Number(m[1]) === unit.ord + 1).map((m) => m[2] ?? '').join(' ')
    : unit.back;
  return htmlToText(hidden, { ansi: false });
}

/**
 * `text` (a header line: deck and file name) with every word the hidden part
 * contains blanked as [...], so the line above a question never gives away
 * its answer. Words compare ignoring case.
 */
export function withoutHidden(text: string, hidden: string): string {
  const words = new Set((hidden.toLocaleLowerCase().match(WORD) ?? []));
  if (words.size === 0) return text;
  return text.replace(WORD, (word) => (words.has(word.toLocaleLowerCase()) ? '[...]' : word));
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The question and answer of a scheduled unit, as terminal text. */
export function renderUnit(unit: { type: 'basic' | 'cloze'; ord: number; front: string; back: string }, options: RenderOptions): { question: string; answer: string } {
  if (unit.type === 'cloze') {
    const n = unit.ord + 1;
    const extra = htmlToText(unit.back, options);
    return {
      question: htmlToText(clozeQuestion(unit.front, n), options),
      answer: htmlToText(clozeAnswer(unit.front, n), options) + (extra ? `\n\n${extra}` : ''),
    };
  }
  return { question: htmlToText(unit.front, options), answer: htmlToText(unit.back, options) };
}
