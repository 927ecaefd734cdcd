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

/** Field lengths by short id, and short id → our document id, copied once per engine. */
type EngineTables = { fieldLength: Float64Array; fields: number; docOf: Int32Array };
const tablesCache = new WeakMap<object, EngineTables>();

function tablesOf(engine: EngineInternals): EngineTables {
  let tables = tablesCache.get(engine);
  if (!tables) {
    let maxShort = -1;
    for (const shortId of engine._documentIds.keys()) if (shortId > maxShort) maxShort = shortId;
    const fields = Object.keys(engine._fieldIds).length;
    const fieldLength = new Float64Array((maxShort + 1) * fields);
    const docOf = new Int32Array(maxShort + 1).fill(-1);
    for (const [shortId, id] of engine._documentIds) {
      docOf[shortId] = id as number;
      const lengths = engine._fieldLength.get(shortId) ?? [];
      for (let f = 0; f < fields; f++) fieldLength[shortId * fields + f] = lengths[f] ?? 0;
    }
    tables = { fieldLength, fields, docOf };
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
  const { fieldLength, fields, docOf } = tablesOf(internals);
  const fieldList = Object.entries(boosts)
    .map(([name, boost]) => ({ id: internals._fieldIds[name] as number, boost, aliases: name === 'aliases' }))
    .filter((f) => f.id !== undefined);
  const total = internals._documentCount;
  const slotOf = new Map<number, number>();
  const docs: number[] = [];
  const sums: number[] = [];
  const counts: number[] = [];
  // covered[slot * stride + term]: 1 when the term covers that doc
  const stride = terms.length + seedTerms;
  let covered = new Uint8Array(64 * Math.max(1, stride));
  for (const seed of seeds) {
    const slot = docs.length;
    slotOf.set(seed.doc, slot);
    docs.push(seed.doc);
    sums.push(seed.sum);
    counts.push(seed.matchedCount);
    if ((slot + 1) * stride > covered.length) {
      const grown = new Uint8Array(Math.max(covered.length * 2, (slot + 1) * stride));
      grown.set(covered);
      covered = grown;
    }
    for (const t of seed.covers) covered[slot * stride + t] = 1;
  }
  // Per term: the term's score per slot, and which fields matched (bit 1: any, bit 2: non-aliases).
  const termScore: number[] = [];
  const termFields: number[] = [];
  const touched: number[] = [];

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
      postings.forEach((freq, shortId) => {
        const doc = docOf[shortId] ?? -1;
        if (doc < 0) return;
        let slot = slotOf.get(doc);
        if (slot === undefined) {
          if (!term.findsCandidates) return;
          slot = docs.length;
          slotOf.set(doc, slot);
          docs.push(doc);
          sums.push(0);
          counts.push(0);
          if ((slot + 1) * stride > covered.length) {
            const grown = new Uint8Array(Math.max(covered.length * 2, (slot + 1) * stride));
            grown.set(covered);
            covered = grown;
          }
        }
        const length = fieldLength[shortId * fields + field.id] as number;
        const bm25 =
          idf * (BM25.d + (freq * (BM25.k + 1)) / (freq + BM25.k * (1 - BM25.b + (BM25.b * length) / avg)));
        if (termFields[slot] === undefined || termFields[slot] === 0) {
          touched.push(slot);
          termScore[slot] = 0;
          termFields[slot] = 0;
        }
        termScore[slot] = (termScore[slot] as number) + weight * bm25;
        termFields[slot] = (termFields[slot] as number) | 1 | (field.aliases ? 0 : 2);
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

  return {
    docs,
    sum: Float64Array.from(sums),
    matchedCount: Uint16Array.from(counts),
    covered,
    stride,
  };
}
