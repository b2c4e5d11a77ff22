import type { PhrasingContent, Table, TableRow } from 'mdast';
import type { DropReason } from '../../card.js';
import type { Draft, NoteContext, Section } from '../context.js';
import { escapeHtml, indexInline, renderInline } from '../html.js';
import { footnoteMark } from '../footnotes.js';
import { contextWords, echoes, repeats, restates, restatesWords } from '../restates.js';
import { isCodeName, isDescription, isForeignName } from '../reverse.js';
import { DEFINING, EXAMPLE, PURPOSE, YES_NO, isLabel, opensWithLabel } from '../lexicon.js';
import { hasWords, normalizeSpace } from '../text.js';
import { cellIndex, cellText, columnDrop, familyWords, isTracker, tableDrop, tablesOf, type TableGrid } from './table-shape.js';

/**
 * Cards one table may make: a bigger grid floods a deck with cards no one
 * reviews. The first columns are asked first (a row's name, then what
 * describes it), so the cap drops the last columns' cells.
 */
const MAX_TABLE_CARDS = 60;
/** A table of names with more value columns than this compares them; its first column is not described by the next. */
const MAX_DESCRIBED_COLUMNS = 2;

/**
 * A first column that only numbers the rows (1, 2, 3…) says nothing a learner
 * could recall from: the second column is then the rows' key. A row whose
 * number is left empty continues the numbered row above it ("2 | Автоматизированное",
 * then " | Инструменты (Android)"), and is keyed by both: "Автоматизированное › Инструменты (Android)".
 */
function isNumberingColumn(rows: TableRow[]): boolean {
  if (rows.some((row) => row.children.length < 3)) return false;
  const firsts = rows.map((row) => cellIndex(row.children[0]).plain);
  if (firsts[0]?.trim() === '') return false;
  const numbers = firsts.filter((text) => text.trim() !== '').map((text) => /^\s*№?\s*(\d{1,4})[.)]?\s*$/u.exec(text)?.[1]);
  // Only a count (1, 2, 3… or 0, 1, 2…) numbers rows; codes such as 200, 301, 404 are keys a learner recalls.
  const first = Number(numbers[0]);
  return numbers.length >= 2 && first <= 1 && numbers.every((n, i) => n !== undefined && Number(n) === first + i);
}

/**
 * A first column that groups the rows (a category written once, cells below it
 * left empty) is context, not the key: each row is keyed by the group and its
 * second cell ("Объединение данных › MAX › Описание"). The category may head
 * its rows in a row of its own, every other cell empty ("Ручное тестирование",
 * then "Xcode" and the rest below it).
 */
function isGroupingColumn(rows: TableRow[]): boolean {
  if (rows.length < 2 || rows.some((row) => row.children.length < 3)) return false;
  const says = (row: TableRow, column: number): boolean => hasWords(cellIndex(row.children[column]).plain);
  const firsts = rows.map((row) => normalizeSpace(cellIndex(row.children[0]).plain));
  const headsGroup = (row: TableRow, i: number): boolean => firsts[i] !== '' && row.children.every((_, column) => column === 0 || !says(row, column));
  // A category written again on each of its rows ("JOIN", "GROUP BY" under "Объединение данных" twice) groups them too.
  const repeated = firsts.some((text, i) => i > 0 && text !== '' && text === firsts[i - 1]);
  return firsts[0] !== '' && (firsts.some((text) => text === '') || repeated) && rows.every((row, i) => says(row, 1) || headsGroup(row, i));
}

/** A value of sample data: a number, a single letter, NULL and its kin, a dash for none. */
const DATA_VALUE = /^(?:[-+]?\d+(?:[.,]\d+)?|\p{L}|null|none|nil|nan|true|false|[—–-])$/iu;

/**
 * A table whose every row holds only such values (a query's result over
 * sample rows, `1 | A | NULL`) shows data, not facts: "3 › A.value → C" has
 * nothing a learner could recall it from.
 */
function isSampleData(rows: TableRow[]): boolean {
  let values = 0;
  // Stops at the first cell that says more: almost every table's first cell does.
  for (const row of rows) {
    for (const cell of row.children) {
      const text = cellText(cell);
      if (text === '') continue;
      if (!DATA_VALUE.test(text)) return false;
      values++;
    }
  }
  return values > 0;
}

/** An address without its scheme (`https://`, `mailto:`), `www.` and trailing slashes, lower-cased. */
function bareAddress(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^(?:[a-z][a-z0-9+.-]*:(?:\/\/)?)?(?:www\.)?/, '')
    .replace(/\/+$/, '');
}

/**
 * A cell that is only a link spelling its own address: `[jsonlint.com](https://jsonlint.com/)`,
 * `[postman.com](https://learning.postman.com/…)`, a bare `https://…`, an e-mail.
 * An address is looked up, not learned, so a "Ссылка" column makes no cards
 * (they were the weakest cards of the sample vault). A link named in words
 * (`[Node.js](https://nodejs.org)`) is still asked.
 */
function isAddressOnly(nodes: PhrasingContent[]): boolean {
  const content = nodes.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const link = content[0];
  if (content.length !== 1 || link?.type !== 'link') return false;
  const text = bareAddress(indexInline(link.children).plain);
  const url = bareAddress(link.url);
  const host = url.split(/[/?#]/, 1)[0] ?? '';
  if (host === '') return false;
  // The address from its start (`jsonlint.com`, `https://a.org/x`), or the site's domain (`postman.com` for learning.postman.com).
  return (text.startsWith(host) && url.startsWith(text)) || (text.includes('.') && host.endsWith(`.${text}`));
}

/** A cell that only says yes or no (✅, ❌ Нет): its meaning is the row and column, not a fact. */
function isMark(text: string): boolean {
  return isLabel(YES_NO, text);
}

/**
 * A row key drawn as a branch of a tree (`- ArrayList`, `└── Child`, `• Item`)
 * is shown without its marker. The key the card's id is made from keeps it, so
 * cards made before stay the same cards; a key that is only a marker (`-` in a
 * table of operators) is kept whole.
 */
function withoutTreeMarker(keyHtml: string): string {
  const rest = keyHtml.replace(/^(?:[-–—•*+]|[└├│─]+)\s+/u, '');
  return rest !== keyHtml && hasWords(rest.replace(/<[^>]*>/g, '')) ? rest : keyHtml;
}

/**
 * The table rule: each non-empty cell outside the first column is asked from
 * the row's first cell and the column's header ("Junior › Ключевые навыки"),
 * or the second cell when the first only numbers or groups the rows. Tables
 * drawn side by side are read one by one. What is not worth asking is kept
 * as dropped, with why: a rubric, a catalogue, examples, judgements, a column
 * of repeated short values, a cell that only restates its row's key or is
 * only an address, the cells past the table's cap.
 * Bold inside a table is part of these cards, never a cloze of its own.
 */
export function tableCards(ctx: NoteContext, section: Section, table: Table, footnotes: ReadonlyMap<string, string> = new Map()): void {
  if (!ctx.rules.has('table')) return;
  for (const grid of tablesOf(table)) gridCards(ctx, section, grid, table.position?.start.line ?? 1, footnotes);
}

function gridCards(ctx: NoteContext, section: Section, grid: TableGrid, tableLine: number, footnotes: ReadonlyMap<string, string>): void {
  const { header, rows } = grid;
  const sampleData = isSampleData(rows);
  const numbered = isNumberingColumn(rows);
  const grouped = !numbered && isGroupingColumn(rows);
  const keyColumn = grouped || numbered ? 1 : 0;
  const columnDrops = header.children.map((_, column) => (column > keyColumn ? columnDrop(grid, column, section.place.at(-1) ?? '') : undefined));
  const wholeDrop: DropReason | undefined = sampleData ? 'sample-data' : (tableDrop(section.place, grid, keyColumn) ?? (isTracker(grid, keyColumn) ? 'catalogue' : undefined));
  let group = { text: '', html: '' };
  const headers = header.children.map((cell) => {
    const index = cellIndex(cell);
    return { text: normalizeSpace(index.plain), html: renderInline(index, ctx.sink, { plainStrong: true }).trim() };
  });
  const byColumn: Draft[][] = headers.map(() => []);
  // The breadcrumb's words and each header's, looked up once for the table, not again for each cell (see restatesWords).
  const crumbWords = contextWords(section.crumb);
  const headerWords = headers.map((column) => contextWords([column.text]));
  const describesKey = headers.map((column, at) => at > keyColumn && (isLabel(DEFINING, column.text) || isLabel(PURPOSE, column.text)));
  const family = describesKey.some(Boolean) ? familyWords(rows.map((row) => cellText(row.children[keyColumn]))).join(' ') : '';
  // Names described in a column or two; a row of a grid (a level, a tool compared) is not named by its first cell.
  // Columns that ask nothing (a category repeated down the rows) do not count: the description is the first column asked.
  const askedColumns = columnDrops.flatMap((drop, column) => (column > keyColumn && drop === undefined ? [column] : []));
  const described = askedColumns.length <= MAX_DESCRIBED_COLUMNS;
  // A table that asks nothing lists its candidates as written.
  const describing = wholeDrop === undefined ? (askedColumns[0] ?? keyColumn + 1) - keyColumn - 1 : -1;
  rows.forEach((row, rowIndex) => {
    const keyCell = row.children[keyColumn];
    const cells = row.children.slice(keyColumn + 1);
    const keyIndex = cellIndex(keyCell);
    const keyText = normalizeSpace(keyIndex.plain) || String(rowIndex + 1);
    let keyHtml = normalizeSpace(keyIndex.plain) ? withoutTreeMarker(renderInline(keyIndex, ctx.sink, { plainStrong: true }).trim()) : escapeHtml(keyText);
    let keyCue = keyText;
    if (grid.beside === true && keyColumn === 0 && headers[0]?.text) {
      keyHtml = `${headers[0].html} ${keyHtml}`;
      keyCue = `${headers[0].text} ${keyText}`;
    }
    const ownKeyHtml = keyHtml;
    const continues = numbered && !normalizeSpace(cellIndex(row.children[0]).plain);
    if (numbered) {
      if (continues) {
        keyHtml = `${group.html} › ${keyHtml}`;
        keyCue = `${group.text}\u001f${keyText}`;
      } else {
        group = { text: keyText, html: keyHtml };
      }
    }
    if (grouped) {
      const groupIndex = cellIndex(row.children[0]);
      if (normalizeSpace(groupIndex.plain)) group = { text: normalizeSpace(groupIndex.plain), html: renderInline(groupIndex, ctx.sink, { plainStrong: true }).trim() };
      keyHtml = `${group.html} › ${keyHtml}`;
      keyCue = `${group.text}\u001f${keyText}`;
    }
    // A row whose cells all speak of its key ("Стандартизация": "строго стандартизирован" | "нет стандарта") compares; the difference is the fact.
    const texts = cells.map(cellText);
    // A column that says what each key is or is for ("Описание", "Purpose") is its definition, and judged as one;
    // a word the keys share ("сортировка" of "Быстрая сортировка", "Сортировка слиянием") names their family, not the key.
    const echoesKey = (i: number, text: string): boolean =>
      describesKey[keyColumn + i + 1] === true && echoes([...section.crumb, headers[keyColumn + i + 1]?.text ?? '', family], keyText, text);
    // Only a cell no table or column judgement turns down can be a restatement: else no cell's words are compared.
    const judged = wholeDrop === undefined && cells.some((_, i) => columnDrops[keyColumn + i + 1] === undefined);
    // A second column describing the key ("Описание", then "Применение") that says its row's first description again adds nothing.
    const firstDescription = describesKey.findIndex((describes, column) => describes && texts[column - keyColumn - 1] !== '') - keyColumn - 1;
    const repeatsDescription = (i: number): boolean => firstDescription >= 0 && i > firstDescription && describesKey[keyColumn + i + 1] === true && repeats(texts[firstDescription] ?? '', texts[i] ?? '');
    // What a cell's answer is compared with: the breadcrumb's words, the key's and its column's.
    const rowWords = judged ? [...crumbWords, ...contextWords([keyText])] : [];
    const context = (i: number): string[] => [...rowWords, ...(headerWords[keyColumn + i + 1] ?? [])];
    const restating = new Set(judged ? texts.flatMap((text, i) => (restates(keyText, text) || restatesWords(context(i), text) ? [i] : [])) : []);
    const comparing = restating.size > 1;
    const echoing = new Set(judged && describesKey.some(Boolean) ? texts.flatMap((text, i) => (echoesKey(i, text) || repeatsDescription(i) ? [i] : [])) : []);
    // "Платформы: Windows, macOS, Linux" under every tool compared: no difference to learn.
    const filled = texts.filter((text) => text !== '');
    const same = filled.length >= 2 && new Set(filled.map((text) => text.toLowerCase())).size === 1;
    const exampleRow = opensWithLabel(EXAMPLE, keyText);
    cells.forEach((cell, i) => {
      const index = cellIndex(cell);
      if (!hasWords(index.plain) && !index.plain.includes('\uFFFC')) return;
      const columnIndex = keyColumn + i + 1;
      const column = headers[columnIndex] ?? { text: '', html: '' };
      const columnHtml = column.html || escapeHtml(String(columnIndex + 1));
      // A name in code described in words, or translated by them, is asked from its description (see reverse.ts).
      const codeName = !continues && i === describing && isCodeName(keyCell?.children ?? [], keyText) && isDescription(cell.children, index.plain);
      const reversed = codeName || (described && !continues && i === describing && isForeignName(keyText, index.plain) && isDescription(cell.children, index.plain));
      const restated = (restating.has(i) && !comparing) || echoing.has(i);
      const judgedDrop =
        wholeDrop ??
        columnDrops[columnIndex] ??
        (exampleRow ? 'example' : isAddressOnly(cell.children) ? 'address' : same || isMark(index.plain) ? 'metadata' : restated ? 'restates' : undefined);
      // Asked from its description, a name cannot restate it; a translated name described by its breadcrumb's words is asked by nothing.
      const drop = reversed && judgedDrop === 'restates' && (codeName || !restatesWords([...crumbWords, ...(headerWords[columnIndex] ?? [])], index.plain)) ? undefined : judgedDrop;
      // A value qualified by a footnote under the table ("O(1)*") is answered with the footnote.
      const footnote = footnotes.size > 0 ? footnotes.get(footnoteMark(index.plain) ?? '') : undefined;
      const cellHtml = renderInline(index, ctx.sink).trim() + (footnote === undefined ? '' : `<br>${footnote}`);
      const namedFirst = { question: `${keyHtml} › ${columnHtml}`, back: cellHtml, ...(judgedDrop ? { drop: judgedDrop } : {}) };
      byColumn[columnIndex]?.push({
        rule: 'table',
        type: 'basic',
        cue: `${keyCue}\u001f${column.text || columnIndex + 1}`,
        crumb: section.crumb,
        place: section.place,
        // A group ("Агрегатные функции") stays on the question side as the description's context.
        ...(reversed ? { question: grouped ? `${group.html} › ${cellHtml}` : cellHtml, back: ownKeyHtml, unreversed: namedFirst } : namedFirst),
        answers: [],
        key: keyText,
        column: column.text,
        line: row.position?.start.line ?? tableLine,
        ...(drop ? { drop } : {}),
      });
    });
  });
  let asked = 0;
  for (const draft of byColumn.flat()) {
    if (draft.drop === undefined && ++asked > MAX_TABLE_CARDS) draft.drop = 'cap';
  }
  // Cards stay in reading order, row by row, as the note shows them.
  ctx.drafts.push(...byColumn.flat().sort((a, b) => a.line - b.line));
}
