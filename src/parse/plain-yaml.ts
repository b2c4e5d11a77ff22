/** What plainYaml reads: text values, empty values and lists of text. */
export type PlainYaml = Record<string, string | string[] | null>;

const KEY_LINE = /^([A-Za-z][\w-]*):(?: +(.*))?$/;
const ITEM_LINE = /^( *)- +(.*)$/;
/** A plain (unquoted) value that YAML reads as text: starts with a letter, holds no character YAML gives a meaning. */
const PLAIN = /^\p{L}[\p{L}\p{N} _.,/()+-]*$/u;
/** Plain words YAML 1.2 (or 1.1) reads as null or a boolean. */
const RESERVED = /^(?:null|true|false|yes|no|on|off|y|n)$/i;

/**
 * Front matter written in the plain subset of YAML most notes use — `key:
 * value` lines and `- item` lists, values plain words or quoted text — read
 * without the YAML library, which took longer than extracting the cards of a
 * short note. Anything else (numbers, booleans, dates, flow lists, comments,
 * nesting, escapes, a key twice, tabs) gives undefined, and the caller reads
 * it as YAML; where this reads a text, the YAML library reads the same
 * (test/parse/plain-yaml.test.ts holds the two together).
 */
export function plainYaml(text: string): PlainYaml | undefined {
  const data: PlainYaml = {};
  let list: { key: string; indent: number; items: string[] } | undefined;
  let open: string | undefined; // a key with nothing after its colon: null, or a list if items follow
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const item = ITEM_LINE.exec(line);
    if (item) {
      const value = scalar(item[2]!);
      const indent = item[1]!.length;
      if (value === undefined) return undefined;
      if (open !== undefined) {
        list = { key: open, indent, items: [] };
        data[open] = list.items;
        open = undefined;
      }
      if (list === undefined || indent !== list.indent) return undefined;
      list.items.push(value);
      continue;
    }
    const entry = KEY_LINE.exec(line);
    if (!entry || Object.hasOwn(data, entry[1]!) || RESERVED.test(entry[1]!)) return undefined;
    const key = entry[1]!;
    list = undefined;
    open = undefined;
    if (entry[2] === undefined || entry[2].trim() === '') {
      data[key] = null;
      open = key;
      continue;
    }
    const value = scalar(entry[2]);
    if (value === undefined) return undefined;
    data[key] = value;
  }
  return Object.keys(data).length > 0 ? data : undefined;
}

/** A single-line value YAML reads as text, or undefined. */
function scalar(raw: string): string | undefined {
  const value = raw.replace(/ +$/, '');
  if (/^'(?:[^'\r]|'')*'$/.test(value)) return value.slice(1, -1).replace(/''/g, "'");
  if (/^"[^"\\\r]*"$/.test(value)) return value.slice(1, -1);
  return PLAIN.test(value) && !RESERVED.test(value) ? value : undefined;
}
