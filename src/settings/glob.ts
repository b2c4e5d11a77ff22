/**
 * The `ignore` patterns of the settings file, gitignore-style, matched against
 * paths relative to the notes folder with `/` separators:
 *
 * - `*` is any run of characters but `/`, `?` one character but `/`, and `**`
 *   as a whole segment any number of folders, none included (`Archive/**`).
 * - A pattern with no `/` (other than a trailing one) matches a name at any
 *   depth: `Templates` ignores `Templates/` and `Projects/Templates/`,
 *   `*.excalidraw.md` such files anywhere. A pattern with a `/` inside, or a
 *   leading `/`, is anchored at the notes folder: `Journal/Daily`.
 * - A trailing `/` matches folders only.
 * - A folder that matches ignores everything below it.
 *
 * Written here rather than taken from `path.matchesGlob`, which is experimental
 * on Node 20 (it prints a warning) and has no "name at any depth" form.
 */

export interface IgnorePattern {
  /** The pattern as the user wrote it (shown in the reason a note was skipped). */
  source: string;
  /** Whether the path (relative, `/`-separated) matches. */
  matches: (path: string) => boolean;
  foldersOnly: boolean;
}

/** A path segment of a pattern: `**` (any number of folders), or a name with `*` and `?` wildcards. */
type Segment = { anyFolders: true } | { anyFolders: false; chars: string[] };

/**
 * The compiled form of one pattern; throws a RangeError for one that can match nothing.
 * Matching takes time proportional to the pattern's length times the path's, never
 * more: a pattern such as `*a*a*a*a*a*a*a*a*a*a*a*a*b`, as a regular expression,
 * backtracked for minutes on one 40-character name.
 */
export function compileIgnorePattern(source: string): IgnorePattern {
  let body = source.trim().replace(/\\/g, '/');
  if (body === '') throw new RangeError('an empty pattern');
  const foldersOnly = body.endsWith('/');
  body = body.replace(/\/+$/, '').replace(/^\.\//, '');
  const anchored = body.startsWith('/') || body.includes('/');
  body = body.replace(/^\/+/, '');
  if (body === '') throw new RangeError(`"${source}" names the notes folder itself`);
  const segments: Segment[] = body
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => (segment === '**' ? { anyFolders: true } : { anyFolders: false, chars: [...segment] }));
  // Unanchored: a name at any depth, as if the pattern began with `**/`.
  if (!anchored) segments.unshift({ anyFolders: true });
  return { source, matches: (path) => matchSegments(segments, path.split('/')), foldersOnly };
}

/**
 * Whether the path's segments match the pattern's, by dynamic programming over
 * both lists (`**` may take none or any number of folders; a trailing `**`
 * needs at least one, as whatever is below a folder).
 */
function matchSegments(pattern: readonly Segment[], path: readonly string[]): boolean {
  // reachable[j]: the pattern's segments so far can match the path's first j segments.
  let reachable = path.map((_, j) => j === 0).concat(path.length === 0);
  pattern.forEach((segment, i) => {
    const next = new Array<boolean>(path.length + 1).fill(false);
    const last = i === pattern.length - 1;
    for (let j = 0; j <= path.length; j++) {
      if (segment.anyFolders) {
        // Zero folders (not for a trailing `**`), or one more than a shorter match.
        next[j] = (!last && reachable[j]!) || (j > 0 && (next[j - 1]! || reachable[j - 1]!));
      } else {
        next[j] = j > 0 && reachable[j - 1]! && matchName(segment.chars, path[j - 1]!);
      }
    }
    reachable = next;
  });
  return reachable[path.length]!;
}

/**
 * Whether one name matches a segment with `*` (any run of characters) and `?`
 * (one character): the greedy match that returns only to the last `*` seen,
 * which is linear in practice and never worse than the two lengths multiplied.
 */
function matchName(pattern: readonly string[], name: string): boolean {
  const chars = [...name];
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < chars.length) {
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === chars[n]))) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * A function telling which pattern ignores a note, if any: the note's path and
 * each folder above it are tried, so a pattern naming a folder ignores all its notes.
 */
export function ignoreMatcher(patterns: readonly string[]): (file: string) => string | undefined {
  const compiled = patterns.map(compileIgnorePattern);
  if (compiled.length === 0) return () => undefined;
  return (file) => {
    const segments = file.split('/');
    for (let depth = 1; depth <= segments.length; depth++) {
      const path = segments.slice(0, depth).join('/');
      const isFolder = depth < segments.length;
      const hit = compiled.find((p) => (isFolder || !p.foldersOnly) && p.matches(path));
      if (hit) return hit.source;
    }
    return undefined;
  };
}
