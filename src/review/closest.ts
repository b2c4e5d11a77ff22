/** How many names an unknown one is answered with. */
const SHOWN = 3;

/** The names nearest to `wanted` by edit distance (ignoring case), nearest first; ties in name order. */
export function closestNames(wanted: string, names: readonly string[]): string[] {
  const target = wanted.toLocaleLowerCase();
  return names
    .map((name) => ({ name, distance: Math.min(editDistance(target, name.toLocaleLowerCase()), ...name.split('::').map((level) => editDistance(target, level.toLocaleLowerCase()))) }))
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, SHOWN)
    .map((n) => n.name);
}

/** Levenshtein distance: insertions, deletions and substitutions of one character each. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
