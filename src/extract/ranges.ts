/**
 * Helpers for ordered plain-text ranges. A long paragraph holds thousands of
 * sentences, bold spans and text nodes; looking each sentence's share up by a
 * scan of the whole paragraph would make extraction quadratic in its length,
 * so these find it by binary search.
 */

/** The index of the first item for which `reached` holds, given that it holds for a suffix of `items` (items.length if none). */
export function firstIndex<T>(items: readonly T[], reached: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (reached(items[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A test of whether an offset lies strictly inside any of `ranges` (`s < at < e`), as `ranges.some(…)` but in log time. */
export function insideAny(ranges: readonly (readonly [number, number])[]): (at: number) => boolean {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  // furthest[i]: the largest end among the first i + 1 ranges by start.
  const furthest: number[] = [];
  for (const [, end] of sorted) furthest.push(Math.max(end, furthest.at(-1) ?? -Infinity));
  return (at) => {
    const before = firstIndex(sorted, ([start]) => start >= at);
    return before > 0 && (furthest[before - 1] as number) > at;
  };
}

/** The run `[first, end)` of sorted, non-overlapping `ranges` that lie within `[from, to]`. */
export function runWithin(ranges: readonly (readonly [number, number])[], [from, to]: readonly [number, number]): [number, number] {
  const first = firstIndex(ranges, ([start]) => start >= from);
  let end = first;
  // Ends rise with starts, so past the first range ending after `to` none lies within.
  while (end < ranges.length && (ranges[end] as readonly [number, number])[1] <= to) end++;
  return [first, end];
}
