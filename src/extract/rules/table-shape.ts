import type { Table, TableCell, TableRow } from 'mdast';
import type { DropReason } from '../../card.js';
import { indexInline, type InlineIndex } from '../html.js';
import { EVALUATION, EXAMPLE, FIRST_PERSON, METADATA, NAVIGATION, SKILL_LEVELS, SOLUTION, STATUS, TOOLS, YES_NO, closesWithLabel, holdsWord, isLabel, labelWords, opensWithLabel } from '../lexicon.js';
import { isListOfNames } from '../reverse.js';
import { sameStem, wordsOf } from '../restates.js';
import { isDate } from '../dates.js';
import { hasWords, normalizeSpace, wordCount } from '../text.js';

/**
 * What a table is, read from its shape: where one table ends and the next
 * begins, and which of its columns and rows hold facts worth asking.
 */

/** A table as the rules read it: a header row and body rows, all of the same width. */
export interface TableGrid {
  header: TableRow;
  rows: TableRow[];
  /** Drawn beside tables of the same columns: only its key column's header tells its keys from theirs ("NYHA class I"). */
  beside?: boolean;
}

/** A value this short, repeated down a column, describes the row rather than teaching a fact ("Medium", "Да"). */
const SHORT_VALUE_WORDS = 3;
const SHORT_VALUE_CHARS = 30;
/** A column needs this many filled cells before its repeats say anything. */
const MIN_ROWS_FOR_REPEATS = 8;
/** A column with one value in this many rows or more gives every question the same answer. */
const MIN_ROWS_FOR_SAME = 3;
/** Rows per distinct value at which a column is a tag on its rows rather than a fact about each. */
const ROWS_PER_VALUE = 4;
/** Share of a table's keys that makes it a rubric (skill levels) or a catalogue (links). */
const MOSTLY = 0.6;

/** A cell that only marks its value as missing. */
const PLACEHOLDER = /^[-—–?…]+$/u;
const MIN_ROWS_FOR_DATES = 2;
/** Columns describing the rows (dates among them) at which a table is a tracker (reading or course progress), not knowledge. */
const MIN_TRACKING_COLUMNS = 2;
/** Rows whose status is a mark, at which a table is a tracker whatever its other columns. */
const MIN_MARKED_ROWS = 2;
/** Columns that make a series of one measurement taken again. */
const MIN_SERIES_COLUMNS = 2;

/** Words this short ("и", "of", "по") are not what a heading names. */
const MIN_NAMING_WORD = 4;

/** Whether a heading names a column: a word of the header shares a stem with one of the heading's. */
function namedBy(heading: string, header: string): boolean {
  const headingWords = wordsOf(heading).filter((word) => word.length >= MIN_NAMING_WORD);
  return wordsOf(header).some((word) => word.length >= MIN_NAMING_WORD && headingWords.some((other) => sameStem(other, word)));
}

/** Cells read already: a table is judged from each cell's text several times, then its cells are rendered. */
const cellIndexes = new WeakMap<TableCell, InlineIndex>();
const cellTexts = new WeakMap<TableCell, string>();
const NO_CELL = indexInline([]);

/** Key words shorter than this are function words or short roots, shared by chance. */
const MIN_FAMILY_WORD = 5;

/**
 * The words a column's keys share with one another, by stem: the name of their
 * family ("сортировка" of "Быстрая сортировка" and "Сортировка слиянием",
 * "method" of "Static method" and "Instance method"), which says nothing of
 * which key a description is of.
 */
export function familyWords(keys: readonly string[]): string[] {
  const words = keys.map((key) => wordsOf(key).filter((word) => word.length >= MIN_FAMILY_WORD));
  return words.flatMap((own, at) => own.filter((word) => words.some((other, k) => k !== at && other.some((that) => sameStem(that, word)))));
}

/** A cell's inline index (of no nodes for a cell the row lacks), built once; read only. */
export function cellIndex(cell: TableCell | undefined): InlineIndex {
  if (!cell) return NO_CELL;
  let index = cellIndexes.get(cell);
  if (index === undefined) {
    index = indexInline(cell.children);
    cellIndexes.set(cell, index);
  }
  return index;
}

/** A cell's plain text, white space collapsed. */
export function cellText(cell: TableCell | undefined): string {
  if (!cell) return '';
  let text = cellTexts.get(cell);
  if (text === undefined) {
    text = normalizeSpace(cellIndex(cell).plain);
    cellTexts.set(cell, text);
  }
  return text;
}

function slice(row: TableRow, from: number, to: number): TableRow {
  // A table of one grid (most) keeps its rows as they are.
  return from === 0 && to >= row.children.length ? row : { ...row, children: row.children.slice(from, to) };
}

/**
 * Where a grid drawn as tables of the same columns side by side splits: its
 * header repeats the columns after each key ("Stage | Meaning | Class |
 * Meaning"), so each key heads a table of its own. Each block must have a key
 * of its own and the same headers after it, so a comparison ("Aspect | JUnit |
 * TestNG") stays one table.
 */
function repeatedBlocks(headers: readonly string[], from: number, to: number): [number, number][] {
  const width = to - from;
  const lower = headers.slice(from, to).map((text) => text.toLowerCase());
  for (let size = 2; size * 2 <= width; size++) {
    if (width % size !== 0) continue;
    const starts = Array.from({ length: width / size }, (_, block) => block * size);
    const values = (start: number): string => lower.slice(start + 1, start + size).join('\u001f');
    const sameColumns = starts.every((start) => values(start) === values(0) && lower.slice(start + 1, start + size).every((text) => text !== ''));
    const ownKeys = new Set(starts.map((start) => lower[start])).size === starts.length;
    if (sameColumns && ownKeys) return starts.map((start) => [from + start, from + start + size]);
  }
  return [[from, to]];
}

/**
 * The tables a Markdown table holds: two tables drawn side by side, separated
 * by a column empty from header to last row or repeating the other's columns,
 * are two tables; a body row that repeats the header starts the next table of
 * the same columns (and is not a row of facts).
 */
export function tablesOf(table: Table): TableGrid[] {
  const [header, ...body] = table.children;
  if (!header) return [];
  const width = header.children.length;
  const empty = (column: number): boolean => table.children.every((row) => cellText(row.children[column]) === '');
  const bounds: [number, number][] = [];
  let start = 0;
  for (let column = 0; column <= width; column++) {
    if (column === width || empty(column)) {
      if (column > start) bounds.push([start, column]);
      start = column + 1;
    }
  }
  const headerTexts = header.children.map(cellText);
  const repeatsHeader = (row: TableRow): boolean => row.children.every((cell, i) => cellText(cell) === headerTexts[i]);
  return bounds.flatMap(([from, to]) => {
    const blocks = repeatedBlocks(headerTexts, from, to);
    return blocks.map(([start, end]) => ({
      header: slice(header, start, end),
      rows: body.filter((row) => !repeatsHeader(row)).map((row) => slice(row, start, end)),
      ...(blocks.length > 1 ? { beside: true } : {}),
    }));
  });
}

/** Whether a cell holds one link and nothing else. */
function isLinkCell(cell: TableCell | undefined): boolean {
  const content = cell?.children.filter((node) => !(node.type === 'text' && !hasWords(node.value))) ?? [];
  return content.length === 1 && (content[0]?.type === 'link' || content[0]?.type === 'linkReference');
}

/**
 * Why a whole table asks nothing, if it does not: under an example, the
 * worked solution of an exercise, or a navigation heading; rows keyed by the levels of a skill scale (a rubric:
 * Junior, Middle, Senior over generic sentences); rows keyed by links, or
 * with a column of links (a catalogue of courses, tools, articles); rows keyed by yes/no (the
 * combinations of a decision table).
 */
export function tableDrop(place: readonly string[], grid: TableGrid, keyColumn: number): DropReason | undefined {
  const heading = place.at(-1) ?? '';
  if (opensWithLabel(EXAMPLE, heading) || isLabel(SOLUTION, heading)) return 'example';
  if (opensWithLabel(NAVIGATION, heading)) return 'navigation';
  if (opensWithLabel(EVALUATION, heading)) return 'evaluation';
  const keys = grid.rows.map((row) => row.children[keyColumn]).filter((cell): cell is TableCell => cellText(cell) !== '');
  if (keys.length >= 2 && keys.filter((cell) => isLabel(SKILL_LEVELS, cellText(cell))).length >= keys.length * MOSTLY) return 'rubric';
  if (keys.length >= 2 && keys.filter(isLinkCell).length >= keys.length * MOSTLY) return 'catalogue';
  // A column of links beside the names says where to get each one: a catalogue of tools, extensions, courses.
  const linkColumn = grid.header.children.some((_, column) => column !== keyColumn && grid.rows.every((row) => isLinkCell(row.children[column])));
  if (keys.length >= 2 && linkColumn) return 'catalogue';
  // Rows keyed by yes/no values are the combinations of a decision table: an exercise's data, not facts.
  if (keys.length >= 2 && keys.every((cell) => isLabel(YES_NO, cellText(cell)))) return 'sample-data';
  return undefined;
}

/**
 * Why a column asks nothing, if it does not: its header names examples,
 * judgements (advantages, recommendations) or what describes a row rather
 * than its subject (difficulty, duration, link), or a handful of short values
 * repeat down many rows (one value in every row, or a few down many), so the
 * same answer would answer many questions — unless the table's heading names
 * the column ("Мутабельные и немутабельные типы" over "Мутабельность"): then
 * its few values are what the table was written to tell apart.
 */
export function columnDrop(grid: TableGrid, column: number, heading: string): DropReason | undefined {
  const header = cellText(grid.header.children[column]);
  if (opensWithLabel(EXAMPLE, header)) return 'example';
  // The learner's own take on each row ("Me?", "Мой опыт"): a judgement no one could recall from the row.
  if (opensWithLabel(EVALUATION, header) || holdsWord(FIRST_PERSON, header)) return 'evaluation';
  if (isLabel(METADATA, header)) return 'metadata';
  if (namedBy(heading, header)) return undefined;
  const values = filledValues(grid, column);
  if (isLabel(TOOLS, header) && values.length > 0 && values.every(isListOfNames)) return 'catalogue';
  const short = values.every((text) => text.length <= SHORT_VALUE_CHARS && wordCount(text) <= SHORT_VALUE_WORDS);
  const distinct = new Set(values).size;
  if (distinct === 1 && values.length >= MIN_ROWS_FOR_SAME) return 'metadata';
  if (short && values.length >= MIN_ROWS_FOR_REPEATS && distinct * ROWS_PER_VALUE <= values.length) return 'metadata';
  return undefined;
}

/** A header naming one of a series of attempts ("Test 1", "Week 3", "第2次"): its words, the number taken out. */
const SERIES_NUMBER = /\d+/gu;
/** A cell holding a measurement: a number, a percentage, a score ("7/10"), a time. */
const MEASUREMENT = /^[<>≈~]?\s*\d+(?:[.,]\d+)?\s*(?:%|\/\s*\d+|[a-zа-я]{0,3})$/iu;

/**
 * Whether the columns after the key are a series of one measurement taken
 * again and again ("Topic | Test 1 | Test 2 | Test 3" over percentages):
 * the notes' own scores or timings, not facts about the rows. Headers must
 * differ by their numbers only, and the cells be measurements.
 */
function isMeasuredSeries(grid: TableGrid, headers: readonly string[], columns: readonly number[]): boolean {
  if (headers.length < MIN_SERIES_COLUMNS) return false;
  const words = headers.map((text) => text.toLowerCase().replace(SERIES_NUMBER, '#'));
  if (!headers.every((text) => /\d/u.test(text)) || new Set(words).size !== 1 || new Set(headers).size !== headers.length) return false;
  const cells = grid.rows.flatMap((row) => columns.map((column) => cellText(row.children[column]))).filter((text) => text !== '' && !PLACEHOLDER.test(text));
  return cells.length > 0 && cells.filter((text) => MEASUREMENT.test(text)).length >= cells.length * MOSTLY;
}

/**
 * How many filled cells a column has (placeholders aside) when every one
 * passes a test, else 0. Read row by row: most columns fail in their first cell.
 */
function cellsPassing(grid: TableGrid, column: number, test: (text: string) => boolean): number {
  let filled = 0;
  for (const row of grid.rows) {
    const text = cellText(row.children[column]);
    if (text === '' || PLACEHOLDER.test(text)) continue;
    if (!test(text)) return 0;
    filled += 1;
  }
  return filled;
}

/** Whether every filled cell of a column (at least one) passes a test. */
function everyCell(grid: TableGrid, column: number, test: (text: string) => boolean): boolean {
  return cellsPassing(grid, column, test) > 0;
}

/** A cell that only marks a state: a check mark, a cross, an hourglass, yes or no. */
function isMarkCell(text: string): boolean {
  return labelWords(text) === '' || isLabel(YES_NO, text);
}

/**
 * Whether a table tracks its rows rather than teaching them: a status (or a
 * column of what is done, "Qs done") or the dates rows were started, done or
 * due (or rows keyed by their dates, a log), and with them other columns
 * describing the rows (an owner, a score, a remark; beside a status, marks,
 * counts and hours), together at least two and half the columns after the key. Its
 * other columns are then a syllabus, a reading list or a to-do list
 * ("第三部分 › 内容 → 过度自信"), a catalogue of the notes' own work. So is
 * a table whose status is told by marks alone, and a table of scores taken
 * again and again (see `isMeasuredSeries`).
 */
export function isTracker(grid: TableGrid, keyColumn: number): boolean {
  const after = grid.header.children.map((_, column) => column).filter((column) => column > keyColumn);
  const header = (column: number): string => cellText(grid.header.children[column]);
  if (isMeasuredSeries(grid, after.map(header), after)) return true;
  const dates = new Set([keyColumn, ...after].filter((column) => isDateColumn(grid, column)));
  const statuses = after.filter((column) => closesWithLabel(STATUS, header(column)));
  // A status told by marks alone (✅, 📖, ❌) row after row: whatever the other columns say, the rows are the notes' own work.
  if (statuses.some((column) => cellsPassing(grid, column, isMarkCell) >= MIN_MARKED_ROWS)) return true;
  const status = statuses.length > 0;
  // Beside a status, marks (✅, ⏳), counts and scores ("8", "71%", "1/3") say where a row stands, as a remark or an owner does.
  const states = (column: number): boolean => status && (everyCell(grid, column, isMarkCell) || everyCell(grid, column, (text) => MEASUREMENT.test(text)));
  const described = after.filter((column) => !dates.has(column) && (isLabel(METADATA, header(column)) || states(column))).length;
  const dated = dates.size;
  return (dated > 0 || status) && dated + described >= MIN_TRACKING_COLUMNS && (dated + described) * 2 >= after.length;
}

/** Whether a column's values are dates, missing values aside. */
function isDateColumn(grid: TableGrid, column: number): boolean {
  return cellsPassing(grid, column, isDate) >= MIN_ROWS_FOR_DATES;
}

/** A column's values, lower-cased, without empty cells and placeholders. */
function filledValues(grid: TableGrid, column: number): string[] {
  return grid.rows.map((row) => cellText(row.children[column]).toLowerCase()).filter((text) => text !== '' && !PLACEHOLDER.test(text));
}
