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
  regexp: RegExp;
  foldersOnly: boolean;
}

/** The compiled form of one pattern; throws a RangeError for one that can match nothing. */
export function compileIgnorePattern(source: string): IgnorePattern {
  let body = source.trim().replace(/\\/g, '/');
  if (body === '') throw new RangeError('an empty pattern');
  const foldersOnly = body.endsWith('/');
  body = body.replace(/\/+$/, '').replace(/^\.\//, '');
  const anchored = body.startsWith('/') || body.includes('/');
  body = body.replace(/^\/+/, '');
  if (body === '') throw new RangeError(`"${source}" names the notes folder itself`);
  const segments = body.split('/').filter((segment) => segment !== '');
  let re = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      // `a/**/b` also matches `a/b`; a trailing `**` matches whatever is below.
      re += last ? '.*' : '(?:[^/]*/)*';
      return;
    }
    re += segmentSource(segment) + (last ? '' : '/');
  });
  const prefix = anchored ? '' : '(?:[^/]*/)*';
  return { source, regexp: new RegExp(`^${prefix}${re}$`, 'u'), foldersOnly };
}

/** RegExp source of one path segment: `*` and `?` stay inside the segment, everything else is literal. */
function segmentSource(segment: string): string {
  let out = '';
  for (const ch of segment) {
    if (ch === '*') out += out.endsWith('[^/]*') ? '' : '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return out;
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
      const hit = compiled.find((p) => (isFolder || !p.foldersOnly) && p.regexp.test(path));
      if (hit) return hit.source;
    }
    return undefined;
  };
}
