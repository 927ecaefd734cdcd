import type MiniSearch from 'minisearch';

/**
 * minisearch's BM25, summed per sentence in typed arrays over minisearch's own inverted index.
 *
 * Why by hand: `MiniSearch#search` builds a result object, a term list and a match record for
 * every posting it visits and sorts them all; at 10k sentences that was ~80% of a question's
 * time and 5× the plain-BM25 baseline, at 200k ~50 ms a question. The index, its term lookups,
 * field lengths and the formula stay minisearch's (read from the engine, so a loaded index and
 * a built one score alike); only the summing is ours. The scores equal `search`'s (same formula,
 * same order of additions, × the number of matched query terms) — a test checks that on the
 * corpus. Latin terms that need prefix or fuzzy matching still go through `search`.
 */

/** minisearch 7's BM25 parameters (our engine never overrides them). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** The read-only view of minisearch's internals that scoring needs (stable in minisearch 7). */
type Postings = { readonly size: number; forEach(fn: (freq: number, shortId: number) => void): void };
type EngineInternals = {
  _index: { get(term: string): { get(fieldId: number): Postings | undefined } | undefined };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
};

/**
 * Copied once per engine: field lengths by short id, short id ↔ our document id, and a slot
 * table (short id → slot of the query being scored, -1 when none) reused by every query.
 */
type EngineTables = {
  fieldLength: Float64Array;
  fields: number;
  docOf: Int32Array;
  shortOf: Map<number, number>;
  slotOf: Int32Array;
};
const tablesCache = new WeakMap<object, EngineTables>();

function tablesOf(engine: EngineInternals): EngineTables {
  let tables = tablesCache.get(engine);
  if (!tables) {
    let maxShort = -1;
    for (const shortId of engine._documentIds.keys()) if (shortId > maxShort) maxShort = shortId;
    const fields = Object.keys(engine._fieldIds).length;
    const fieldLength = new Float64Array((maxShort + 1) * fields);
    const docOf = new Int32Array(maxShort + 1).fill(-1);
    const shortOf = new Map<number, number>();
    for (const [shortId, id] of engine._documentIds) {
      docOf[shortId] = id as number;
      shortOf.set(id as number, shortId);
      const lengths = engine._fieldLength.get(shortId) ?? [];
      for (let f = 0; f < fields; f++) fieldLength[shortId * fields + f] = lengths[f] ?? 0;
    }
    tables = { fieldLength, fields, docOf, shortOf, slotOf: new Int32Array(maxShort + 1).fill(-1) };
    tablesCache.set(engine, tables);
  }
  return tables;
}

/** One query term to score: its index key, its boost, and whether it may add new sentences. */
export type ScoredTerm = { key: string; boost: number; findsCandidates: boolean };

/** Sentences already scored elsewhere (Latin prefix/fuzzy terms, by `MiniSearch#search`). */
export type SeedScore = { doc: number; sum: number; matchedCount: number; covers: number[] };

/** Per-sentence sums for one query, over the sentences the candidate terms found. */
export type TermScores = {
  /** document ids (sentence refs) found, in the order first found */
  docs: number[];
  /** per doc (same order): the sum of its term scores */
  sum: Float64Array;
  /** per doc: how many of the query terms matched it in any field */
  matchedCount: Uint16Array;
  /**
   * `covered[slot * stride + term]` is 1 when the term (its position in the input, seeds'
   * terms after) covers the doc in that slot: matched in a field other than `aliases` (an
   * article's alias list does not make a sentence about it).
   */
  covered: Uint8Array;
  stride: number;
};

/**
 * Scores `terms` against the engine's index, field by field with `boosts`, as minisearch's
 * `search` would: term by term, fields in order, BM25 with the field's own document count.
 * Terms with `findsCandidates: false` only add to sentences found before them (put them last);
 * `seeds` are candidates found elsewhere, with term positions `terms.length` and up.
 */
export function scoreTerms(
  engine: MiniSearch,
  terms: readonly ScoredTerm[],
  boosts: Readonly<Record<string, number>>,
  seeds: readonly SeedScore[] = [],
  seedTerms = 0,
): TermScores {
  const internals = engine as unknown as EngineInternals;
  const tables = tablesOf(internals);
  const { fieldLength, fields, docOf, slotOf } = tables;
  const fieldList = Object.entries(boosts)
    .map(([name, boost]) => ({ id: internals._fieldIds[name] as number, boost, aliases: name === 'aliases' }))
    .filter((f) => f.id !== undefined);
  const total = internals._documentCount;
  // Per slot (a found sentence), in typed arrays grown by doubling: plain arrays written at
  // scattered indexes turn into hash tables in V8 (measured: 140 ms for one /battle at 200k).
  const stride = terms.length + seedTerms;
  let capacity = 256;
  let sums = new Float64Array(capacity);
  let counts = new Uint16Array(capacity);
  let termScore = new Float64Array(capacity);
  // which fields matched the current term: bit 1 any, bit 2 one other than `aliases`
  let termFields = new Uint8Array(capacity);
  let covered = new Uint8Array(capacity * Math.max(1, stride));
  const docs: number[] = [];
  const shortIds: number[] = [];
  const touched: number[] = [];
  const grow = () => {
    capacity *= 2;
    const more = <T extends Float64Array | Uint16Array | Uint8Array>(old: T, size: number): T => {
      const next = new (old.constructor as new (n: number) => T)(size);
      next.set(old);
      return next;
    };
    sums = more(sums, capacity);
    counts = more(counts, capacity);
    termScore = more(termScore, capacity);
    termFields = more(termFields, capacity);
    covered = more(covered, capacity * Math.max(1, stride));
  };
  const addSlot = (shortId: number, doc: number): number => {
    const slot = docs.length;
    if (slot >= capacity) grow();
    slotOf[shortId] = slot;
    docs.push(doc);
    shortIds.push(shortId);
    return slot;
  };
  const shortOf = tables.shortOf;
  try {
    for (const seed of seeds) {
      const shortId = shortOf.get(seed.doc);
      if (shortId === undefined || (slotOf[shortId] as number) >= 0) continue;
      const slot = addSlot(shortId, seed.doc);
      sums[slot] = seed.sum;
      counts[slot] = seed.matchedCount;
      for (const t of seed.covers) covered[slot * stride + t] = 1;
    }

    terms.forEach((term, t) => {
      const data = internals._index.get(term.key);
      if (!data) return;
      for (const field of fieldList) {
        const postings = data.get(field.id);
        if (!postings) continue;
        const matching = postings.size;
        const avg = internals._avgFieldLength[field.id] as number;
        const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
        const weight = term.boost * field.boost;
        const fieldBits = field.aliases ? 1 : 3;
        postings.forEach((freq, shortId) => {
          let slot = slotOf[shortId] ?? -1;
          if (slot < 0) {
            const doc = docOf[shortId] ?? -1;
            if (!term.findsCandidates || doc < 0) return;
            slot = addSlot(shortId, doc);
          }
          const length = fieldLength[shortId * fields + field.id] as number;
          const bm25 =
            idf * (BM25.d + (freq * (BM25.k + 1)) / (freq + BM25.k * (1 - BM25.b + (BM25.b * length) / avg)));
          if (termFields[slot] === 0) {
            touched.push(slot);
            termScore[slot] = 0;
          }
          termScore[slot] = (termScore[slot] as number) + weight * bm25;
          termFields[slot] = (termFields[slot] as number) | fieldBits;
        });
      }
      for (const slot of touched) {
        sums[slot] = (sums[slot] as number) + (termScore[slot] as number);
        counts[slot] = (counts[slot] as number) + 1;
        if ((termFields[slot] as number) & 2) covered[slot * stride + t] = 1;
        termFields[slot] = 0;
      }
      touched.length = 0;
    });
  } finally {
    // The slot table is shared by every query on this engine: leave it as found.
    for (const shortId of shortIds) slotOf[shortId] = -1;
  }

  return {
    docs,
    sum: sums.subarray(0, docs.length),
    matchedCount: counts.subarray(0, docs.length),
    covered,
    stride,
  };
}
