/**
 * The deepest block nesting of a Markdown text, estimated line by line without
 * parsing: container markers at the start of a line (`>`, `-`, `*`, `+`, `1.`,
 * `1)`) plus indentation in steps of two columns. The parser and every tree
 * walker recurse per level, so a note nested thousands of levels deep (which
 * takes a few KB to write) would exhaust the stack; it is refused up front.
 */
export function estimateNesting(text: string): number {
  let deepest = 0;
  const containerMarker = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/;
  for (const line of text.split('\n')) {
    let rest = line;
    let indent = 0;
    let markers = 0;
    for (;;) {
      const spaces = /^[ \t]*/.exec(rest)?.[0] ?? '';
      indent += spaces.replace(/\t/g, '    ').length;
      rest = rest.slice(spaces.length);
      const marker = containerMarker.exec(rest);
      if (!marker) break;
      markers += 1;
      rest = rest.slice(marker[0].length);
    }
    deepest = Math.max(deepest, markers + Math.floor(indent / 2));
  }
  return deepest;
}
