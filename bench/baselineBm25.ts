/**
 * Plain BM25 (k1 = 1.2, b = 0.75) over CJK character bigrams, the reference point the QA
 * benchmark compares the sentence index against. Text is folded (NFKC, traditional →
 * simplified, lower case) like the real index, so the comparison is about ranking only.
 */
import { foldText } from '../src/text/fold';

const K1 = 1.2;
const B = 0.75;
const CJK_RUN = /[\p{Script=Han}〇]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export type Baseline = {
  /** term → [sentence position, term frequency] postings */
  postings: Map<string, [number, number][]>;
  lengths: Float64Array;
  avgLength: number;
};

/** Bigrams of every CJK run (a lone character stays a unigram), plus Latin words and numbers. */
export function baselineTerms(text: string): string[] {
  const folded = foldText(text);
  const terms: string[] = [];
  for (const run of folded.match(CJK_RUN) ?? []) {
    const chars = Array.from(run);
    if (chars.length === 1) terms.push(run);
    for (let i = 0; i + 1 < chars.length; i++) terms.push(`${chars[i]}${chars[i + 1]}`);
  }
  for (const w of folded.replace(CJK_RUN, ' ').match(WORD) ?? []) terms.push(w);
  return terms;
}

export function buildBaseline(sentences: readonly { text: string }[]): Baseline {
  const postings = new Map<string, [number, number][]>();
  const lengths = new Float64Array(sentences.length);
  let total = 0;
  sentences.forEach((s, pos) => {
    const terms = baselineTerms(s.text);
    lengths[pos] = terms.length;
    total += terms.length;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      const list = postings.get(t);
      if (list) list.push([pos, f]);
      else postings.set(t, [[pos, f]]);
    }
  });
  return { postings, lengths, avgLength: total / Math.max(1, sentences.length) };
}

/** Sentence positions ranked by BM25 against the query's distinct bigrams, best first. */
export function searchBaseline(baseline: Baseline, query: string, k = 10): number[] {
  const n = baseline.lengths.length;
  const scores = new Map<number, number>();
  for (const term of new Set(baselineTerms(query))) {
    const list = baseline.postings.get(term);
    if (!list) continue;
    const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
    for (const [pos, tf] of list) {
      const norm = K1 * (1 - B + (B * (baseline.lengths[pos] ?? 0)) / baseline.avgLength);
      scores.set(pos, (scores.get(pos) ?? 0) + (idf * tf * (K1 + 1)) / (tf + norm));
    }
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, k)
    .map(([pos]) => pos);
}
