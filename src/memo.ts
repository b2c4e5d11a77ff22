/**
 * `compute` remembered for the last inputs, up to `limit` of them, all
 * forgotten at once when full: the extraction and the package writer meet the
 * same few texts (headings, tag lists) for every card of a note, and a vault's
 * worth of them would only hold memory.
 */
export function boundedMemo<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const remembered = new Map<string, T>();
  return (key) => {
    let value = remembered.get(key);
    if (value === undefined) {
      if (remembered.size >= limit) remembered.clear();
      value = compute(key);
      remembered.set(key, value);
    }
    return value;
  };
}
