import type { SearchResult } from 'minisearch';
import type { CorpusIndex, IndexedSentence } from './buildIndex';
import type { AnalyzedQuery } from './query';
import { type ScoredTerm, type SeedScore, scoreTerms } from './termScores';
import { decodeTerm, encodeTerm, hasCjk, isLatinTerm } from './terms';

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
 * A boost of 0 leaves the field out of the BM25 sum, but its matches still count as covered.
 * (`title` was tuned as 0 when minisearch read a 0 boost as 1: 1 is what was measured.)
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
  fieldBoost: { text: 1, chars: 0.25, title: 1, aliases: 0.2, entities: 1 },
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
  // Prefix and fuzzy matching only on Latin terms: on CJK bigrams they match far too much.
  // Prefixes only for longer words that are not a known name themselves: "baotou" must not
  // also match baotouzhanyi (an alias of the whole campaign), nor "gong" gongchandang. Fuzzy
  // only for a word the corpus does not hold as written (a misspelt pinyin name).
  // Letters only: prefixes and typos of numbers or codes (dev1003) match nothing useful.
  const word = (key: string) => key.length >= 5 && /^[a-z]+$/.test(key);
  const prefix = (key: string) => word(key) && !index.entities.byPinyin.has(key);
  // Typos only in a query typed in Latin letters (a pinyin name): an English word inside a
  // Chinese question is spelt as the corpus spells it, and its fuzzy walk of the whole term
  // tree cost a fifth of the search time on CMRC.
  const latinQuery = !hasCjk(query.folded);
  const fuzzy = (key: string) => latinQuery && word(key) && !knownLatin(index, key);

  const loose: { key: string; boost: number }[] = [];
  const common: ScoredTerm[] = [];
  const rare: (ScoredTerm & { df: number })[] = [];
  for (const [term, boost] of query.terms) {
    const key = encodeTerm(term);
    if (prefix(key) || fuzzy(key)) {
      loose.push({ key, boost });
      continue;
    }
    // Terms without a document frequency (entity ids, pinyin keys) are names: always rare.
    // Single characters are the query's fallback where no bigram exists: common by nature.
    const df = index.df.get(term) ?? 0;
    const single = !isLatinTerm(key) && Array.from(term).length === 1;
    if (single || (df > COMMON_MIN_DF && df * COMMON_SHARE > index.sentences.length))
      common.push({ key, boost, findsCandidates: false });
    else rare.push({ key, boost, df, findsCandidates: true });
  }
  // Rarest first, up to the budget (at least one term): it keeps a question from walking
  // tens of thousands of postings at 200k sentences (部队, 发生 …).
  rare.sort((a, b) => a.df - b.df);
  const budget = Math.max(MIN_BUDGET, index.sentences.length / BUDGET_SHARE);
  let postings = 0;
  const terms: ScoredTerm[] = [];
  for (const term of rare) {
    const within = terms.length === 0 || postings + term.df <= budget;
    postings += term.df;
    if (within) terms.push({ key: term.key, boost: term.boost, findsCandidates: true });
    else common.push({ key: term.key, boost: term.boost, findsCandidates: false });
  }
  // A query of common terms only (a single character, 的 and 年 …) lets them all find sentences.
  const anyFinder = terms.length > 0 || loose.length > 0;
  // One object shape for every term: mixed shapes deoptimized the scoring loop (wrong map).
  for (const term of common) terms.push({ key: term.key, boost: term.boost, findsCandidates: !anyFinder });

  const seeds = loose.length > 0 ? looseSeeds(index, loose, tuning, terms.length, prefix, fuzzy) : [];
  const scored = scoreTerms(index.engine, terms, tuning.fieldBoost, seeds, loose.length);

  // Terms by position (loose ones after the others), decoded once; units as term positions.
  const keys = [...terms.map((t) => t.key), ...loose.map((t) => t.key)];
  const position = new Map(keys.map((key, i) => [key, i]));
  const decoded = keys.map(decodeTerm);
  const unitIds = query.units.map((unit) => ({
    weight: unit.weight,
    alternatives: unit.alternatives
      .filter((alt) => alt.length > 0)
      .map((alt) => alt.map((t) => position.get(encodeTerm(t)) ?? -1)),
  }));
  const totalWeight = query.units.reduce((sum, u) => sum + u.weight, 0) || 1;

  const { covered: coveredBy, stride } = scored;
  const n = scored.docs.length;
  const bm25 = new Float64Array(n);
  const coverages = new Float64Array(n);
  const scores = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const kept: number[] = [];
  for (let slot = 0; slot < n; slot++) {
    const item = index.sentences[scored.docs[slot] as number];
    if (!item || (filter && !filter(item))) continue;
    let covered = 0;
    for (const unit of unitIds) {
      let best = 0;
      for (const alt of unit.alternatives) {
        let k = 0;
        for (const id of alt) if (id >= 0 && coveredBy[slot * stride + id] === 1) k++;
        const share = k / alt.length;
        if (share > best) best = share;
      }
      covered += best * unit.weight;
    }
    const coverage = query.units.length > 0 ? covered / totalWeight : 1;
    // minisearch's score: the sum of term scores × the number of query terms matched.
    const raw = (scored.sum[slot] as number) * (scored.matchedCount[slot] as number);
    bm25[slot] = raw;
    coverages[slot] = coverage;
    scores[slot] = raw ** tuning.bm25Power * coverage ** tuning.coveragePower;
    kept.push(slot);
  }
  // The best `limit` by score, ties by corpus order: a threshold from a native typed-array
  // sort, then a small sort of what passes it.
  let threshold = Number.NEGATIVE_INFINITY;
  if (kept.length > tuning.limit) {
    const sorted = Float64Array.from(kept, (slot) => scores[slot] as number).sort();
    threshold = sorted[kept.length - tuning.limit] as number;
  }
  const best = kept.filter((slot) => (scores[slot] as number) >= threshold);
  const refOf = (slot: number) => scored.docs[slot] as number;
  best.sort((a, b) => (scores[b] as number) - (scores[a] as number) || refOf(a) - refOf(b));
  return best.slice(0, tuning.limit).map((slot) => ({
    item: index.sentences[refOf(slot)] as IndexedSentence,
    bm25: bm25[slot] as number,
    coverage: coverages[slot] as number,
    score: scores[slot] as number,
    matched: decoded.filter((_, id) => coveredBy[slot * stride + id] === 1),
  }));
}

// --- internal ---

/**
 * Latin terms that need prefix or fuzzy matching, looked up by minisearch's own `search`
 * (its weights for derived terms), as seeds for {@link scoreTerms}: per sentence the score sum,
 * the matched-term count and the covering terms at positions `first` and up.
 */
function looseSeeds(
  index: CorpusIndex,
  loose: readonly { key: string; boost: number }[],
  tuning: SearchTuning,
  first: number,
  prefix: (key: string) => boolean,
  fuzzy: (key: string) => boolean,
): SeedScore[] {
  const boosts = new Map(loose.map((t) => [t.key, t.boost]));
  const position = new Map(loose.map((t, i) => [t.key, first + i]));
  const results: SearchResult[] = index.engine.search(loose.map((t) => t.key).join(' '), {
    fields: Object.keys(tuning.fieldBoost),
    boost: tuning.fieldBoost,
    combineWith: 'OR',
    prefix,
    fuzzy: (key) => (fuzzy(key) ? 0.2 : false),
    // One typo: a walk of the term tree at distance 2 took ~20 ms at 10k sentences (jieliufa).
    maxFuzzy: 1,
    boostTerm: (key) => boosts.get(key) ?? 1,
  });
  return results.map((r) => ({
    doc: r.id as number,
    sum: r.score / Math.max(1, r.queryTerms.length),
    matchedCount: r.queryTerms.length,
    covers: r.queryTerms
      .filter((t) => !onlyAmongAliases(r, t))
      .map((t) => position.get(t) ?? -1)
      .filter((i) => i >= 0),
  }));
}

/** A Latin term the corpus holds exactly: a word of its text or a pinyin key of a name. */
function knownLatin(index: CorpusIndex, term: string): boolean {
  return index.df.has(term) || index.entities.byPinyin.has(term);
}

/**
 * A term found only among the article's aliases does not make the sentence cover it: the seed
 * lists 包头战役 as an alias, which must not make every seed sentence "about" 包头.
 */
function onlyAmongAliases(result: SearchResult, term: string): boolean {
  return result.match[term]?.every((field) => field === 'aliases') ?? false;
}
