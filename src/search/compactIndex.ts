import MiniSearch from 'minisearch';
import type SearchableMap from 'minisearch/SearchableMap';
import { decodeTerm, encodeTerm } from './terms';

/**
 * A read-only, compact stand-in for minisearch's inverted index (its private `_index`, a
 * radix tree of `Map`s: term → field id → document id → term frequency), for an index loaded
 * from disk. minisearch 7 keeps that tree as ~350,000 small `Map`s at 10k sentences (≈ 90 MB of
 * heap, ¾ of the process's index); this keeps the same data in a handful of typed arrays and
 * one sorted array of terms (≈ 10 MB), and answers exactly what minisearch asks of its index
 * during a search, in the same order:
 *
 * - `get(term)`: the term's fields, each a read-only map of document id → term frequency
 *   (documents in ascending id order, as after minisearch's `loadJS`);
 * - `atPrefix(prefix)`: the terms starting with `prefix`, in the radix tree's iteration order;
 * - `fuzzyGet(term, maxDistance)`: the terms within that Levenshtein distance with their
 *   distance, in the order minisearch's tree walk finds them.
 *
 * Both orders are those of the tree `loadJS` would have built; they are computed when saving
 * ({@link packPostings}) and stored as ranks, so that scores are summed in the same order and
 * come out bit for bit the same as minisearch's own (tests/io/indexStore.test.ts compares them).
 * Anything that would change the index (`add`, `remove`, `discard`, `vacuum`) first turns it
 * back into a real `SearchableMap`. The document frequencies of the index (`CorpusIndex.df`)
 * are stored per term alongside and read through a `Map` view ({@link PackedFrequencies}).
 *
 * This relies on minisearch 7's private `_index`; loading checks that it is there, and a
 * minisearch that keeps its index differently makes the prebuilt file be rebuilt instead.
 */

/** A packed array: Uint32, or Uint8 / Uint16 where the values fit. */
export type PackedArray = Uint8Array | Uint16Array | Uint32Array;

/**
 * A packed array as saved: the typed array itself (it turns into base64 in `JSON.stringify`),
 * or that base64 string after a JSON round trip.
 */
export type SavedArray = PackedArray | string;

/** The inverted index as saved; terms in code-unit order, everything else per sorted term. */
export type SavedPostings = {
  /** terms sorted by code unit */
  terms: string[];
  /** per term (sorted position): its position in the radix tree's iteration order (Uint32) */
  iterRank: SavedArray;
  /** per term: its position in the fuzzy tree walk's order (Uint32) */
  fuzzyRank: SavedArray;
  /** per term: index of its first field entry; one more entry at the end (Uint32) */
  fieldStart: SavedArray;
  /** per field entry: the minisearch field id (Uint8) */
  fieldIds: SavedArray;
  /** per field entry: index of its first posting; one more at the end (Uint32) */
  postingStart: SavedArray;
  /** per posting: document short id, ascending within a field entry (Uint32) */
  docs: SavedArray;
  /** per posting: term frequency (Uint8 when all < 256, else Uint16) */
  freqs: SavedArray;
  freqBytes: 1 | 2;
  /** per term: the document frequency of its decoded form (`CorpusIndex.df`; 0 = not there) (Uint32) */
  df: SavedArray;
  /** document frequencies of terms the engine does not hold (none, as the index is built) */
  dfExtra: [string, number][];
};

/** The typed-array fields of {@link SavedPostings}. */
export const PACKED_FIELDS = [
  'iterRank',
  'fuzzyRank',
  'fieldStart',
  'fieldIds',
  'postingStart',
  'docs',
  'freqs',
  'df',
] as const;

type Packed = {
  terms: string[];
  iterRank: Uint32Array;
  fuzzyRank: Uint32Array;
  fieldStart: Uint32Array;
  fieldIds: Uint8Array;
  postingStart: Uint32Array;
  docs: Uint32Array;
  freqs: Uint8Array | Uint16Array;
  df: Uint32Array;
  dfExtra: Map<string, number>;
};

/** minisearch's inverted index as it iterates: term → field id → document id → frequency. */
export type InvertedIndex = Iterable<[string, Iterable<[number, DocFrequencies]>]>;
/** document id → term frequency (a Map, or a packed field), read through `forEach` */
type DocFrequencies = { forEach(fn: (freq: number, doc: number) => void): void };

/**
 * Packs a minisearch instance for saving: its serialized form without the inverted index
 * (minisearch's own `toJSON`), and the inverted index packed. Reads minisearch's private
 * `_index` (a radix tree of Maps, or a {@link CompactTermIndex}) directly: `toJSON` would
 * first copy it into ~350,000 objects at 10k sentences.
 */
export function packMiniSearch(
  engine: MiniSearch<unknown>,
  df: ReadonlyMap<string, number>,
): { js: Record<string, unknown>; postings: SavedPostings } {
  const inverted = (engine as unknown as { _index: InvertedIndex })._index;
  if (!(isRadixTree(inverted) || inverted instanceof CompactTermIndex))
    throw new Error('compactIndex: this minisearch keeps its index differently');
  // toJSON on a view of the engine whose index is empty: every other field as minisearch saves it.
  const { index: _empty, ...js } = engine.toJSON.call(
    Object.create(engine, { _index: { value: [] } }),
  ) as unknown as Record<string, unknown>;
  return { js, postings: packPostings(inverted, df) };
}

/**
 * Packs an inverted index, in minisearch's iteration order, and the document frequencies of
 * the (decoded) terms. Builds the radix tree minisearch's `loadJS` would build from that
 * order once, only to record its two walk orders.
 */
export function packPostings(
  index: InvertedIndex,
  frequencies: ReadonlyMap<string, number> = new Map(),
): SavedPostings {
  type Fields = [number, DocFrequencies][];
  const entries: [string, Fields][] = [];
  const add = (term: string, data: Iterable<[number, DocFrequencies]>) => {
    // Ascending field ids, as minisearch's loadJS gives them.
    entries.push([term, [...data].sort((a, b) => a[0] - b[0])]);
  };
  if (isRadixTree(index)) walkInIterationOrder((index as unknown as { _tree: RadixNode })._tree, '', add);
  else for (const [term, data] of index) add(term, data);
  const n = entries.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const termAt = (i: number) => (entries[i] as [string, Fields])[0];
  order.sort((a, b) => compare(termAt(a), termAt(b)));
  const sortedOf = new Uint32Array(n); // iteration position → sorted position
  order.forEach((pos, sorted) => {
    sortedOf[pos] = sorted;
  });
  // The tree `loadJS` builds (terms inserted in this order); values are sorted positions.
  const tree = newRadixTree<number>();
  for (let pos = 0; pos < n; pos++) tree.set(termAt(pos), sortedOf[pos] as number);
  const iterRank = new Uint32Array(n);
  let k = 0;
  walkInIterationOrder((tree as unknown as { _tree: RadixNode })._tree, '', (_term, sorted: number) => {
    iterRank[sorted] = k++;
  });
  const fuzzyRank = new Uint32Array(n);
  k = 0;
  // minisearch's fuzzy search walks each node's keys in Map order ('' = a term ends here).
  const walk = (node: Map<string, unknown>) => {
    for (const [key, child] of node) {
      if (key === '') fuzzyRank[child as number] = k++;
      else walk(child as Map<string, unknown>);
    }
  };
  walk((tree as unknown as { _tree: Map<string, unknown> })._tree);

  let fieldEntries = 0;
  let postings = 0;
  let maxFreq = 0;
  for (const [, fields] of entries) {
    fieldEntries += fields.length;
    for (const [, docs] of fields) {
      docs.forEach((freq) => {
        postings++;
        if (freq > maxFreq) maxFreq = freq;
      });
    }
  }
  if (maxFreq > 0xffff) throw new Error(`compactIndex: term frequency ${maxFreq} does not fit 16 bits`);
  const fieldStart = new Uint32Array(n + 1);
  const fieldIds = new Uint8Array(fieldEntries);
  const postingStart = new Uint32Array(fieldEntries + 1);
  const docs = new Uint32Array(postings);
  const freqs = maxFreq < 0x100 ? new Uint8Array(postings) : new Uint16Array(postings);
  let e = 0;
  let p = 0;
  const terms: string[] = [];
  order.forEach((pos, sorted) => {
    const [term, fields] = entries[pos] as [string, Fields];
    terms.push(term);
    fieldStart[sorted] = e;
    for (const [fieldId, list] of fields) {
      fieldIds[e] = fieldId;
      const from = p;
      postingStart[e] = from;
      let ascending = true;
      list.forEach((freq, doc) => {
        if (p > from && (docs[p - 1] as number) > doc) ascending = false;
        docs[p] = doc;
        freqs[p] = freq;
        p++;
      });
      // Ascending document ids, as minisearch's loadJS gives them (an index built by addAll has them so).
      if (!ascending) {
        const pairs = Array.from({ length: p - from }, (_, i) => [
          docs[from + i] as number,
          freqs[from + i] as number,
        ]);
        pairs.sort((a, b) => (a[0] as number) - (b[0] as number));
        pairs.forEach(([doc, freq], i) => {
          docs[from + i] = doc as number;
          freqs[from + i] = freq as number;
        });
      }
      e++;
    }
  });
  fieldStart[n] = e;
  postingStart[e] = p;
  const df = new Uint32Array(n);
  const dfExtra: [string, number][] = [];
  const sortedAt = new Map(terms.map((term, at) => [term, at]));
  for (const [term, count] of frequencies) {
    const at = sortedAt.get(encodeTerm(term));
    // A zero would read as "absent"; a term the engine lacks is kept aside (never, as built).
    if (at !== undefined && count > 0 && decodeTerm(terms[at] as string) === term) df[at] = count;
    else dfExtra.push([term, count]);
  }
  return {
    terms,
    iterRank: savable(iterRank),
    fuzzyRank: savable(fuzzyRank),
    fieldStart: savable(fieldStart),
    fieldIds: savable(fieldIds),
    postingStart: savable(postingStart),
    docs: savable(docs),
    freqs: savable(freqs),
    freqBytes: freqs.BYTES_PER_ELEMENT as 1 | 2,
    df: savable(df),
    dfExtra,
  };
}

/**
 * Restores a minisearch instance from its serialized form without its inverted index, then
 * gives it the compact one. The result searches exactly like `MiniSearch.loadJS` of the full
 * serialized index with the same options.
 *
 * @throws Error when the packed arrays are inconsistent (a damaged file)
 */
export function loadCompactMiniSearch<T>(
  js: Omit<Parameters<typeof MiniSearch.loadJS>[0], 'index'>,
  postings: SavedPostings,
  options: ConstructorParameters<typeof MiniSearch<T>>[0],
): { engine: MiniSearch<T>; df: Map<string, number> } {
  const engine = MiniSearch.loadJS<T>(
    { ...js, index: [] } as Parameters<typeof MiniSearch.loadJS>[0],
    options,
  );
  const internals = engine as unknown as { _index: unknown };
  if (!isRadixTree(internals._index))
    throw new Error('compactIndex: this minisearch keeps its index differently');
  const index = new CompactTermIndex(unpack(postings, engine.documentCount));
  internals._index = index;
  return { engine, df: new PackedFrequencies(index) };
}

/** True when `engine` searches the packed arrays (loaded, and not changed since). */
export function isCompact(engine: MiniSearch<unknown>): boolean {
  const index = (engine as unknown as { _index: unknown })._index;
  return index instanceof CompactTermIndex && !index.changed;
}

// --- internal ---

/** A node of minisearch's radix tree: edge label → child node, '' → the value of a term ending here. */
type RadixNode = Map<string, unknown>;

/**
 * Calls `visit(term, value)` for every term of a radix tree in the order minisearch's
 * `TreeIterator` yields them (each node's keys last to first; '' = the node's own term) —
 * without building the key string of every entry from its path, as the iterator does.
 */
function walkInIterationOrder<V>(
  node: RadixNode,
  prefix: string,
  visit: (term: string, value: V) => void,
): void {
  const keys = [...node.keys()];
  for (let k = keys.length - 1; k >= 0; k--) {
    const key = keys[k] as string;
    if (key === '') visit(prefix, node.get(key) as V);
    else walkInIterationOrder(node.get(key) as RadixNode, prefix + key, visit);
  }
}

/**
 * Whether `other` starts with `term[0, length)`. (A module function, not a closure: nothing is
 * allocated per call in the fuzzy scan's hot loop.)
 */
function sharesPrefix(other: string, term: string, length: number): boolean {
  if (other.length < length) return false;
  for (let c = length - 1; c >= 0; c--) if (other.charCodeAt(c) !== term.charCodeAt(c)) return false;
  return true;
}

/**
 * A new, empty radix tree of the class minisearch itself uses (its ES build carries its own
 * copy of `SearchableMap`, distinct from the `minisearch/SearchableMap` export).
 */
function newRadixTree<V>(): SearchableMap<V> {
  const Tree = (new MiniSearch({ fields: ['_'] }) as unknown as { _index: SearchableMap<V> })._index
    .constructor as new () => SearchableMap<V>;
  return new Tree();
}

/**
 * Whether minisearch's private `_index` is what this module was written against (minisearch 7):
 * a radix tree answering `get`, `atPrefix` and `fuzzyGet`, its nodes `Map`s under `_tree`.
 */
function isRadixTree(index: unknown): boolean {
  const tree = index as
    | (Partial<Record<'get' | 'atPrefix' | 'fuzzyGet' | 'fetch', unknown>> & { _tree?: unknown })
    | undefined;
  return (
    typeof tree?.get === 'function' &&
    typeof tree.atPrefix === 'function' &&
    typeof tree.fuzzyGet === 'function' &&
    typeof tree.fetch === 'function' &&
    tree._tree instanceof Map
  );
}

/**
 * The packed arrays of a saved index, checked to fit together (lengths, offsets that only
 * grow, ranks that are permutations, terms strictly sorted, documents that exist): a damaged
 * file fails here, not in a search.
 */
function unpack(saved: SavedPostings, documents: number): Packed {
  const terms = saved.terms;
  const n = terms.length;
  if (!Array.isArray(terms) || !Array.isArray(saved.dfExtra))
    throw new Error('compactIndex: the packed postings are incomplete');
  const packed: Packed = {
    terms,
    iterRank: restoreArray(saved.iterRank, Uint32Array),
    fuzzyRank: restoreArray(saved.fuzzyRank, Uint32Array),
    fieldStart: restoreArray(saved.fieldStart, Uint32Array),
    fieldIds: restoreArray(saved.fieldIds, Uint8Array),
    postingStart: restoreArray(saved.postingStart, Uint32Array),
    docs: restoreArray(saved.docs, Uint32Array),
    freqs:
      saved.freqBytes === 2 ? restoreArray(saved.freqs, Uint16Array) : restoreArray(saved.freqs, Uint8Array),
    df: restoreArray(saved.df, Uint32Array),
    dfExtra: new Map(saved.dfExtra),
  };
  const entries = packed.fieldIds.length;
  const ok =
    packed.iterRank.length === n &&
    packed.fuzzyRank.length === n &&
    packed.df.length === n &&
    packed.fieldStart.length === n + 1 &&
    packed.fieldStart[n] === entries &&
    packed.postingStart.length === entries + 1 &&
    packed.postingStart[entries] === packed.docs.length &&
    packed.freqs.length === packed.docs.length;
  if (!ok || !consistent(packed, documents))
    throw new Error('compactIndex: the packed postings are inconsistent');
  return packed;
}

function consistent(packed: Packed, documents: number): boolean {
  const { terms, fieldStart, fieldIds, postingStart, docs } = packed;
  for (let at = 0; at < terms.length; at++) {
    const term = terms[at];
    if (typeof term !== 'string' || (at > 0 && !((terms[at - 1] as string) < term))) return false;
    if ((fieldStart[at] as number) > (fieldStart[at + 1] as number)) return false;
  }
  for (let e = 0; e < fieldIds.length; e++) {
    const from = postingStart[e] as number;
    const to = postingStart[e + 1] as number;
    if (from >= to) return false;
    for (let p = from; p < to; p++) {
      const doc = docs[p] as number;
      if (doc >= documents || (p > from && (docs[p - 1] as number) >= doc)) return false;
    }
  }
  return isPermutation(packed.iterRank) && isPermutation(packed.fuzzyRank);
}

function isPermutation(ranks: Uint32Array): boolean {
  const seen = new Uint8Array(ranks.length);
  for (const rank of ranks) {
    if (rank >= ranks.length || seen[rank]) return false;
    seen[rank] = 1;
  }
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The array, made to turn into its bytes in base64 in `JSON.stringify` (instead of `{"0":…}`). */
function savable<A extends PackedArray>(array: A): A {
  Object.defineProperty(array, 'toJSON', {
    value: () => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64'),
  });
  return array;
}

function restoreArray<A extends PackedArray>(
  saved: SavedArray,
  Type: {
    new (length: number): A;
    new (buffer: ArrayBuffer, offset: number, length: number): A;
    BYTES_PER_ELEMENT: number;
  },
): A {
  if (typeof saved !== 'string') {
    if (!(saved instanceof Type)) throw new Error('compactIndex: a packed array has the wrong type');
    return saved;
  }
  const bytes = Buffer.from(saved, 'base64');
  if (bytes.length % Type.BYTES_PER_ELEMENT !== 0) throw new Error('compactIndex: truncated array');
  // A copy into its own buffer: aligned, and not a view into Node's shared pool.
  const array = new Type(bytes.length / Type.BYTES_PER_ELEMENT);
  new Uint8Array(array.buffer).set(bytes);
  return array;
}

/** One field of one term: document short id → term frequency, read-only, ascending ids. */
class FieldPostings {
  /** where the next `get` most likely looks: just after the last one (minisearch reads in order) */
  private cursor: number;
  constructor(
    private readonly packed: Packed,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.cursor = from;
  }

  get size(): number {
    return this.to - this.from;
  }

  /** Document ids, ascending (a view into the packed array: iterating it allocates nothing). */
  keys(): IterableIterator<number> {
    return this.packed.docs.subarray(this.from, this.to).values();
  }

  get(doc: number): number | undefined {
    const at = this.find(doc);
    if (at < 0) return undefined;
    this.cursor = at + 1;
    return this.packed.freqs[at];
  }

  has(doc: number): boolean {
    return this.find(doc) >= 0;
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = this.from; i < this.to; i++)
      yield [this.packed.docs[i] as number, this.packed.freqs[i] as number];
  }

  values(): IterableIterator<number> {
    return this.packed.freqs.subarray(this.from, this.to).values();
  }

  forEach(fn: (freq: number, doc: number) => void): void {
    const { docs, freqs } = this.packed;
    for (let i = this.from; i < this.to; i++) fn(freqs[i] as number, docs[i] as number);
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }

  private find(doc: number): number {
    const { docs } = this.packed;
    const next = this.cursor;
    if (next < this.to && docs[next] === doc) return next;
    let lo = this.from;
    let hi = this.to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = docs[mid] as number;
      if (value === doc) return mid;
      if (value < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** The fields of one term: field id → {@link FieldPostings}, read-only, ascending field ids. */
class TermFields {
  constructor(
    private readonly packed: Packed,
    private readonly term: number,
  ) {}

  get size(): number {
    return (this.packed.fieldStart[this.term + 1] as number) - (this.packed.fieldStart[this.term] as number);
  }

  get(fieldId: number): FieldPostings | undefined {
    const { fieldStart, fieldIds, postingStart } = this.packed;
    const end = fieldStart[this.term + 1] as number;
    for (let e = fieldStart[this.term] as number; e < end; e++) {
      if (fieldIds[e] === fieldId)
        return new FieldPostings(this.packed, postingStart[e] as number, postingStart[e + 1] as number);
    }
    return undefined;
  }

  has(fieldId: number): boolean {
    return this.get(fieldId) !== undefined;
  }

  *entries(): IterableIterator<[number, FieldPostings]> {
    const { fieldStart, fieldIds, postingStart } = this.packed;
    const end = fieldStart[this.term + 1] as number;
    for (let e = fieldStart[this.term] as number; e < end; e++) {
      yield [
        fieldIds[e] as number,
        new FieldPostings(this.packed, postingStart[e] as number, postingStart[e + 1] as number),
      ];
    }
  }

  *keys(): IterableIterator<number> {
    for (const [fieldId] of this.entries()) yield fieldId;
  }

  *values(): IterableIterator<FieldPostings> {
    for (const [, postings] of this.entries()) yield postings;
  }

  forEach(fn: (postings: FieldPostings, fieldId: number) => void): void {
    for (const [fieldId, postings] of this.entries()) fn(postings, fieldId);
  }

  [Symbol.iterator](): IterableIterator<[number, FieldPostings]> {
    return this.entries();
  }
}

type FieldTermData = Map<number, Map<number, number>>;

/**
 * `CorpusIndex.df` over the packed arrays: the document frequency of a (decoded) term, read
 * from the count saved next to its encoded form — instead of a Map of ~100,000 strings at 10k
 * sentences. A `Map` for its readers; read-only.
 */
class PackedFrequencies extends Map<string, number> {
  constructor(private readonly index: CompactTermIndex) {
    super();
  }

  override get(term: string): number | undefined {
    const { df, dfExtra } = this.index.packed;
    const at = this.index.find(encodeTerm(term));
    const count = at < 0 ? 0 : (df[at] as number);
    return count > 0 ? count : dfExtra.get(term);
  }

  override has(term: string): boolean {
    return this.get(term) !== undefined;
  }

  override get size(): number {
    let size = this.index.packed.dfExtra.size;
    for (const count of this.index.packed.df) if (count > 0) size++;
    return size;
  }

  override *entries(): MapIterator<[string, number]> {
    const { terms, df, dfExtra } = this.index.packed;
    for (let at = 0; at < terms.length; at++)
      if ((df[at] as number) > 0) yield [decodeTerm(terms[at] as string), df[at] as number];
    yield* dfExtra;
  }

  override *keys(): MapIterator<string> {
    for (const [term] of this.entries()) yield term;
  }

  override *values(): MapIterator<number> {
    for (const [, count] of this.entries()) yield count;
  }

  override forEach(fn: (count: number, term: string, map: Map<string, number>) => void): void {
    for (const [term, count] of this.entries()) fn(count, term, this);
  }

  override [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  override set(): this {
    throw new Error('compactIndex: the document frequencies of a loaded index are read-only');
  }

  override delete(): boolean {
    throw new Error('compactIndex: the document frequencies of a loaded index are read-only');
  }

  override clear(): void {
    throw new Error('compactIndex: the document frequencies of a loaded index are read-only');
  }
}

/** What minisearch's `_index` (a `SearchableMap`) answers, over the packed arrays. */
class CompactTermIndex {
  /** set once anything asks to change the index: from then on, a real tree answers */
  private tree: SearchableMap<FieldTermData> | undefined;
  /** sorted positions in iteration order, built on first full iteration */
  private byIterRank: Uint32Array | undefined;
  /** the encoded terms' start and alphabet, and a tree of the terms before them (first fuzzy search) */
  private encoded: { start: number; alphabet: Uint8Array; head: SearchableMap<number> } | undefined;

  constructor(readonly packed: Packed) {}

  /** true once something changed the index: a real tree answers from then on */
  get changed(): boolean {
    return this.tree !== undefined;
  }

  get size(): number {
    return this.tree ? this.tree.size : this.packed.terms.length;
  }

  get(term: string): TermFields | FieldTermData | undefined {
    if (this.tree) return this.tree.get(term);
    const at = this.find(term);
    return at < 0 ? undefined : new TermFields(this.packed, at);
  }

  has(term: string): boolean {
    return this.tree ? this.tree.has(term) : this.find(term) >= 0;
  }

  atPrefix(prefix: string): Iterable<[string, TermFields | FieldTermData]> {
    if (this.tree) return this.tree.atPrefix(prefix);
    const { terms, iterRank } = this.packed;
    const matches: number[] = [];
    for (let i = this.lowerBound(prefix); i < terms.length && (terms[i] as string).startsWith(prefix); i++)
      matches.push(i);
    matches.sort((a, b) => (iterRank[a] as number) - (iterRank[b] as number));
    return new Map(matches.map((i) => [terms[i] as string, new TermFields(this.packed, i)]));
  }

  /**
   * Terms within `maxDistance` edits of `query` → [their fields, the distance], in the order
   * minisearch's radix-tree walk finds them. Two parts, split where the encoded CJK terms
   * (`~4e00…`, ~90% of the sorted terms) begin:
   * - the terms before them (pinyin, English, numbers: a few thousand) in a radix tree of
   *   minisearch's own, built on the first fuzzy search and walked by its own `fuzzyGet`;
   * - the encoded terms, scanned in sorted order ({@link fuzzyScan}) — and only when the query
   *   could come within the distance of one at all: each query character outside their
   *   alphabet costs an edit, so pinyin and English words never scan them.
   */
  fuzzyGet(query: string, maxDistance: number): Map<string, [TermFields | FieldTermData, number]> {
    if (this.tree) return this.tree.fuzzyGet(query, maxDistance) as Map<string, [FieldTermData, number]>;
    const { terms, fuzzyRank } = this.packed;
    const block = this.encodedBlock();
    const found: [number, number][] = [];
    for (const [at, distance] of block.head.fuzzyGet(query, maxDistance).values()) found.push([at, distance]);
    let outside = 0;
    for (let c = 0; c < query.length; c++) if (!block.alphabet[query.charCodeAt(c)]) outside++;
    if (outside <= maxDistance) this.fuzzyScan(query, maxDistance, block.start, terms.length, found);
    found.sort((a, b) => (fuzzyRank[a[0]] as number) - (fuzzyRank[b[0]] as number));
    return new Map(
      found.map(([at, distance]) => [terms[at] as string, [new TermFields(this.packed, at), distance]]),
    );
  }

  /**
   * The sorted terms in [from, to) within `maxDistance` edits of `query`, added to `found` as
   * [position, distance]: one Levenshtein row per character, rows shared along common
   * prefixes, and every term under a prefix whose row already exceeds the distance skipped.
   */
  private fuzzyScan(
    query: string,
    maxDistance: number,
    from: number,
    to: number,
    found: [number, number][],
  ): void {
    const { terms } = this.packed;
    const n = query.length + 1;
    // Longer terms are never within the distance (minisearch's matrix has no rows for them).
    const maxLength = query.length + maxDistance;
    // rows[r * n + j]: distance between the first r characters of the current term and query[0, j)
    const rows = new Uint16Array((maxLength + 1) * n);
    for (let j = 0; j < n; j++) rows[j] = j;
    let previous = '';
    let valid = 0; // rows 0..valid hold previous[0, valid)
    let i = from;
    while (i < to) {
      const term = terms[i] as string;
      let r = 0;
      const limit = Math.min(valid, term.length);
      while (r < limit && previous.charCodeAt(r) === term.charCodeAt(r)) r++;
      const end = Math.min(term.length, maxLength);
      let skip = 0;
      for (; r < end; r++) {
        const code = term.charCodeAt(r);
        const prev = r * n;
        const row = prev + n;
        rows[row] = r + 1;
        let min = r + 1;
        for (let j = 1; j < n; j++) {
          const cost = query.charCodeAt(j - 1) === code ? 0 : 1;
          const value = Math.min(
            (rows[prev + j - 1] as number) + cost,
            (rows[prev + j] as number) + 1,
            (rows[row + j - 1] as number) + 1,
          );
          rows[row + j] = value;
          if (value < min) min = value;
        }
        if (min > maxDistance) {
          skip = r + 1; // no term starting with term[0, r] comes within the distance
          break;
        }
      }
      previous = term;
      valid = r;
      if (skip === 0 && term.length > maxLength) skip = maxLength;
      if (skip > 0) {
        valid = skip;
        i = this.endOfPrefix(term, skip, i);
        continue;
      }
      const distance = rows[term.length * n + n - 1] as number;
      if (distance <= maxDistance) found.push([i, distance]);
      i++;
    }
  }

  *entries(): IterableIterator<[string, TermFields | FieldTermData]> {
    if (this.tree) {
      yield* this.tree.entries();
      return;
    }
    for (const at of this.iterationOrder())
      yield [this.packed.terms[at] as string, new TermFields(this.packed, at)];
  }

  *keys(): IterableIterator<string> {
    for (const [term] of this.entries()) yield term;
  }

  *values(): IterableIterator<TermFields | FieldTermData> {
    for (const [, data] of this.entries()) yield data;
  }

  forEach(fn: (data: TermFields | FieldTermData, term: string) => void): void {
    for (const [term, data] of this.entries()) fn(data, term);
  }

  [Symbol.iterator](): IterableIterator<[string, TermFields | FieldTermData]> {
    return this.entries();
  }

  // Changes: turn into a real tree first (never needed by this project: loaded indexes are not edited).
  set(term: string, value: FieldTermData): this {
    this.materialize().set(term, value);
    return this;
  }

  fetch(term: string, initial: () => FieldTermData): FieldTermData {
    return this.materialize().fetch(term, initial);
  }

  update(term: string, fn: (value: FieldTermData | undefined) => FieldTermData): this {
    this.materialize().update(term, fn);
    return this;
  }

  delete(term: string): void {
    this.materialize().delete(term);
  }

  clear(): void {
    this.materialize().clear();
  }

  private materialize(): SearchableMap<FieldTermData> {
    if (!this.tree) {
      const tree = newRadixTree<FieldTermData>();
      for (const [term, fields] of this.entries()) {
        tree.set(
          term,
          new Map([...(fields as TermFields)].map(([fieldId, postings]) => [fieldId, new Map(postings)])),
        );
      }
      this.tree = tree;
    }
    return this.tree;
  }

  private iterationOrder(): Uint32Array {
    if (!this.byIterRank) {
      const { iterRank } = this.packed;
      const order = new Uint32Array(iterRank.length);
      iterRank.forEach((rank, at) => {
        order[rank] = at;
      });
      this.byIterRank = order;
    }
    return this.byIterRank;
  }

  /** Sorted position of a term, or -1. */
  find(term: string): number {
    const at = this.lowerBound(term);
    return this.packed.terms[at] === term ? at : -1;
  }

  /** First sorted position whose term is ≥ `key`. */
  private lowerBound(key: string): number {
    const { terms } = this.packed;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((terms[mid] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Where the encoded CJK terms (`~…`) begin, every character they use, and a radix tree of
   * minisearch's own over the terms before them (values: sorted positions). Built on the first
   * fuzzy search (a few ms).
   */
  private encodedBlock(): { start: number; alphabet: Uint8Array; head: SearchableMap<number> } {
    if (!this.encoded) {
      const { terms } = this.packed;
      const start = this.lowerBound('~');
      const alphabet = new Uint8Array(0x10000);
      for (let i = start; i < terms.length; i++) {
        const term = terms[i] as string;
        for (let c = 0; c < term.length; c++) alphabet[term.charCodeAt(c)] = 1;
      }
      // In sorted order: the insertion order only decides the order of the matches, and
      // fuzzyGet puts them in minisearch's order by their saved rank anyway.
      const head = newRadixTree<number>();
      for (let at = 0; at < start; at++) head.set(terms[at] as string, at);
      this.encoded = { start, alphabet, head };
    }
    return this.encoded;
  }

  /**
   * First sorted position after `from` (whose term is `term`) whose term does not start with
   * `term[0, length)`: a galloping search, as the run of such terms is usually short.
   */
  private endOfPrefix(term: string, length: number, from: number): number {
    const { terms } = this.packed;
    let inside = from; // a position known to share the prefix
    let step = 1;
    let outside = from + 1;
    while (outside < terms.length && sharesPrefix(terms[outside] as string, term, length)) {
      inside = outside;
      step *= 2;
      outside = from + step;
    }
    if (outside > terms.length) outside = terms.length;
    // `inside` shares the prefix, `outside` is past the run or the end: bisect between them.
    while (outside - inside > 1) {
      const mid = (inside + outside) >>> 1;
      if (sharesPrefix(terms[mid] as string, term, length)) inside = mid;
      else outside = mid;
    }
    return outside;
  }
}
