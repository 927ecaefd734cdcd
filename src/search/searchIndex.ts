import type { SearchResult } from 'minisearch';
import type { CorpusIndex, IndexedSentence } from './buildIndex';
import type { AnalyzedQuery } from './query';
import { decodeTerm, encodeTerm, isLatinTerm } from './terms';

/** A sentence the index found, with how well it covers the query. */
export type SearchHit = {
  item: IndexedSentence;
  /** final lexical score: BM25 × coverage^COVERAGE_POWER */
  score: number;
  /** raw minisearch score */
  bm25: number;
  /** share (0–1) of the query's weighted units the sentence covers */
  coverage: number;
  /** matched terms, decoded (folded script) */
  matched: string[];
};

/**
 * Tuning knobs of the lexical ranker; defaults were chosen on the QA dev sets (README).
 * `title: 0` still lets title words count as covered (coverage is read from matched terms),
 * it only stops them adding BM25 a second time to every sentence of the article.
 */
export type SearchTuning = {
  fieldBoost: { text: number; chars: number; title: number; aliases: number; entities: number };
  /** How strongly a sentence is rewarded for covering more of the query. */
  coveragePower: number;
  /** BM25 is raised to this power: below 1 it compresses term-frequency and length effects,
   * so that once two sentences cover the question alike, intent features decide. */
  bm25Power: number;
  /** Hits kept after ranking. */
  limit: number;
};

/**
 * A term in more than 1/COMMON_SHARE of the sentences, and in more than COMMON_MIN_DF of them,
 * only scores candidates (see searchSentences). Small corpora are fast anyway: there every
 * term finds candidates.
 */
const COMMON_SHARE = 40;
const COMMON_MIN_DF = 200;
/**
 * The rarest terms find candidates until their postings would pass 1/BUDGET_SHARE of the
 * sentences (at least MIN_BUDGET): on the full CMRC/DRCD dev sets (10.5k sentences each)
 * hit@1 is the same from 1% of the sentences to unlimited, and drops at 0.3%.
 */
const BUDGET_SHARE = 100;
const MIN_BUDGET = 200;

export const DEFAULT_TUNING: SearchTuning = {
  fieldBoost: { text: 1, chars: 0.25, title: 0, aliases: 0.2, entities: 1 },
  coveragePower: 4,
  bm25Power: 0.25,
  limit: 50,
};

/**
 * Looks a query up in the sentence index and ranks the hits: minisearch's BM25 (with its own
 * matched-terms factor) times the weighted share of query units covered, raised to a power —
 * sentences that cover more of the question's distinct ideas win (chinese-search.md: the
 * strongest single technique on CMRC, +10.7 points hit@1).
 *
 * Two lookups, as search engines do for long queries: the query's rarest terms find the
 * candidate sentences, then its common terms (single characters, words like 作为 or 发生, and
 * whatever passes the posting budget) add their scores to those candidates only. A candidate's
 * score is exactly what one lookup of all terms would give it (minisearch sums term scores and
 * multiplies by the number of matched terms; the two sums are recombined the same way); only
 * sentences that hold none of the rare terms are never seen — they cover little of the
 * question. Measured: 210k sentences, search CPU per query 47 → 7 ms; 10.5k: 1.6 → 0.65 ms.
 *
 * @example
 * searchSentences(index, analyzeQuery(index, '贺龙转攻哪里'))[0]?.item.sentence.text // '11月9日，贺龙部转攻包头。'
 */
export function searchSentences(
  index: CorpusIndex,
  query: AnalyzedQuery,
  tuning: SearchTuning = DEFAULT_TUNING,
  filter?: (item: IndexedSentence) => boolean,
): SearchHit[] {
  if (query.terms.size === 0) return [];
  const encoded = new Map<string, number>();
  for (const [term, boost] of query.terms) encoded.set(encodeTerm(term), boost);
  const lookup = (terms: string[], only?: Set<number>): SearchResult[] =>
    index.engine.search(terms.join(' '), {
      fields: ['text', 'chars', 'title', 'aliases', 'entities'],
      boost: tuning.fieldBoost,
      combineWith: 'OR',
      // Prefix and fuzzy matching only on Latin terms: on CJK bigrams they match far too much.
      // Prefixes only for longer words that are not a known name themselves: "baotou" must not
      // also match baotouzhanyi (an alias of the whole campaign), nor "gong" gongchandang.
      prefix: (term) => isLatinTerm(term) && term.length >= 5 && !index.entities.byPinyin.has(term),
      fuzzy: (term) => (isLatinTerm(term) && term.length >= 5 ? 0.2 : false),
      boostTerm: (term) => encoded.get(term) ?? 1,
      // Second lookup: minisearch skips a posting whose document boost is 0 before it
      // allocates anything, so common terms cost little beyond the candidates.
      boostDocument: only ? (id) => (only.has(id as number) ? 1 : 0) : undefined,
      filter: filter ? (r) => filter(index.sentences[r.id as number] as IndexedSentence) : undefined,
    });
  const common: string[] = [];
  const rare: { key: string; df: number }[] = [];
  for (const [term] of query.terms) {
    const key = encodeTerm(term);
    // Terms without a document frequency (entity ids, pinyin keys) are names: always rare.
    // Single characters are the query's fallback where no bigram exists: common by nature.
    const df = index.df.get(term) ?? 0;
    const single = !isLatinTerm(key) && Array.from(term).length === 1;
    if (single || (df > COMMON_MIN_DF && df * COMMON_SHARE > index.sentences.length)) common.push(key);
    else rare.push({ key, df });
  }
  // Rarest first, up to the budget (at least one term): it keeps a question from walking
  // tens of thousands of postings at 200k sentences (部队, 发生 …).
  rare.sort((a, b) => a.df - b.df);
  const budget = Math.max(MIN_BUDGET, index.sentences.length / BUDGET_SHARE);
  let postings = 0;
  const candidateTerms: string[] = [];
  for (const { key, df } of rare) {
    if (candidateTerms.length > 0 && postings + df > budget) common.push(key);
    else candidateTerms.push(key);
    postings += df;
  }
  const results = lookup(candidateTerms.length > 0 ? candidateTerms : common);
  const extras = new Map<number, SearchResult>();
  if (candidateTerms.length > 0 && common.length > 0 && results.length > 0) {
    for (const extra of lookup(common, new Set(results.map((r) => r.id as number))))
      extras.set(extra.id as number, extra);
  }

  // Query terms are decoded and numbered once per query: the loop below runs for every hit
  // (thousands at 10k sentences), so it only touches small typed arrays; hit objects are built
  // for the best `limit` only.
  const termIds = new Map<string, number>();
  for (const term of encoded.keys()) termIds.set(term, termIds.size);
  const decoded = [...encoded.keys()].map(decodeTerm);
  const unitIds = query.units.map((unit) => ({
    weight: unit.weight,
    alternatives: unit.alternatives
      .filter((alt) => alt.length > 0)
      .map((alt) => alt.map((t) => termIds.get(encodeTerm(t)) ?? -1)),
  }));
  const totalWeight = query.units.reduce((sum, u) => sum + u.weight, 0) || 1;
  const matched = new Uint8Array(termIds.size);
  /** Marks the query terms a result covers (not those found only among the article's aliases). */
  const markMatched = (r: SearchResult): void => {
    for (const term of r.queryTerms) {
      if (onlyAmongAliases(r, term)) continue;
      const id = termIds.get(term);
      if (id !== undefined) matched[id] = 1;
    }
  };
  const n = results.length;
  const bm25 = new Float64Array(n);
  const coverages = new Float64Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = results[i] as SearchResult;
    const extra = extras.get(r.id as number);
    matched.fill(0);
    markMatched(r);
    let score = r.score;
    if (extra) {
      markMatched(extra);
      const q = r.queryTerms.length;
      const qExtra = extra.queryTerms.length;
      score = (r.score / q + extra.score / qExtra) * (q + qExtra);
    }
    let covered = 0;
    for (const unit of unitIds) {
      let best = 0;
      for (const alt of unit.alternatives) {
        let k = 0;
        for (const id of alt) if (id >= 0 && matched[id]) k++;
        const share = k / alt.length;
        if (share > best) best = share;
      }
      covered += best * unit.weight;
    }
    const coverage = query.units.length > 0 ? covered / totalWeight : 1;
    bm25[i] = score;
    coverages[i] = coverage;
    scores[i] = score ** tuning.bm25Power * coverage ** tuning.coveragePower;
  }
  // The best `limit` by score, ties by corpus order: a threshold from a native typed-array
  // sort, then a small sort of what passes it.
  let threshold = Number.NEGATIVE_INFINITY;
  if (n > tuning.limit)
    threshold = (Float64Array.from(scores).sort() as Float64Array)[n - tuning.limit] as number;
  const best: number[] = [];
  for (let i = 0; i < n; i++)
    if ((scores[i] as number) >= threshold && index.sentences[results[i]?.id as number]) best.push(i);
  const refOf = (i: number) => results[i]?.id as number;
  best.sort((a, b) => (scores[b] as number) - (scores[a] as number) || refOf(a) - refOf(b));
  return best.slice(0, tuning.limit).map((i) => {
    const r = results[i] as SearchResult;
    const extra = extras.get(r.id as number);
    const terms = new Set<string>();
    for (const source of extra ? [r, extra] : [r]) {
      for (const term of source.queryTerms) {
        if (onlyAmongAliases(source, term)) continue;
        const id = termIds.get(term);
        terms.add(id === undefined ? decodeTerm(term) : (decoded[id] as string));
      }
    }
    return {
      item: index.sentences[r.id as number] as IndexedSentence,
      bm25: bm25[i] as number,
      coverage: coverages[i] as number,
      score: scores[i] as number,
      matched: [...terms],
    };
  });
}

/**
 * A term found only among the article's aliases does not make the sentence cover it: the seed
 * lists 包头战役 as an alias, which must not make every seed sentence "about" 包头.
 */
function onlyAmongAliases(result: SearchResult, term: string): boolean {
  return result.match[term]?.every((field) => field === 'aliases') ?? false;
}
