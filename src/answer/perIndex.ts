import type { CorpusIndex } from '../search';

/**
 * Memoizes a lookup table derived from an index: built on first use, kept as long as the index
 * lives (a reloaded corpus gets its own). Commands use these instead of scanning every article
 * or sentence per call, which cost milliseconds per command at 20k articles / 200k sentences.
 */
export function perIndex<T>(build: (index: CorpusIndex) => T): (index: CorpusIndex) => T {
  const cache = new WeakMap<CorpusIndex, T>();
  return (index) => {
    let table = cache.get(index);
    if (table === undefined) {
      table = build(index);
      cache.set(index, table);
    }
    return table;
  };
}

/** The positions of `items` under each of their distinct keys, in ascending order. */
export function positionsByKey<T>(
  items: readonly T[],
  keysOf: (item: T) => Iterable<string>,
): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  items.forEach((item, i) => {
    for (const key of new Set(keysOf(item))) {
      const list = positions.get(key);
      if (list) list.push(i);
      else positions.set(key, [i]);
    }
  });
  return positions;
}
