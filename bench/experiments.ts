/**
 * Prototypes of ranking / not_found changes, measured without touching src/: each variant
 * pre-processes the question, post-processes `searchSentences` hits, or replaces the
 * not_found gate, then scores hit@1 like `qaEval.ts`.
 *
 *   npx tsx bench/experiments.ts [--set cmrc|drcd] [--limit N] [--only name,name] [--gate src|suffix|none]
 *     [--merge semicolon|short|both]
 *
 * Also asks the *other* set's questions (first 1,000) against this set's corpus: those are
 * nearly all unanswerable here, so "cross answered" estimates how often a gate lets a question
 * through that the corpus does not cover (lower is better; the ideal is near 0).
 */
import { pathToFileURL } from 'node:url';
import { type AnswerContext, buildAnswerContext, detectIntent, type Intent, rankHits } from '../src/answer';
import type { Article, Sentence } from '../src/corpus';
import {
  type AnalyzedQuery,
  analyzeQuery,
  bigrams,
  DEFAULT_TUNING,
  type IndexedSentence,
  idf,
  type SearchHit,
  searchSentences,
} from '../src/search';
import { textTerms } from '../src/search/buildIndex';
import { foldText } from '../src/text/fold';
import { isGoldSentence } from './qaEval';
import { loadQaSet, type QaQuestion, type QaSetName } from './qaSets';

export type Variant = {
  name: string;
  /** blank extra question words before analysis (哪一个, 何种, 甚么 …) */
  strip?: boolean;
  /** add 1–2 digit numbers of the question as terms and units (86线, 12届) */
  numbers?: boolean;
  /** look up every content character too (field `chars`), with this query boost */
  chars?: number;
  /** rescore hits: query terms the article title holds count max(text, τ·title), not text + title */
  titleMax?: number;
  /** BM25 length normalization of the rescoring (default 0.7, minisearch's) */
  b?: number;
  /** multiply the rescored BM25 by the number of matched terms, as minisearch does (default true) */
  quality?: boolean;
  /** demote a top sentence the question paraphrases almost entirely (novelty below this) */
  novelty?: number;
  /** multiply by (article coverage)^x: share of query units the hit's whole article covers */
  articleCoverage?: number;
  coveragePower?: number;
  /** overrides of DEFAULT_TUNING (fieldBoost entries merged) */
  tuning?: { title?: number; bm25Power?: number };
  gate: 'src' | 'suffix' | 'none';
};

const EXTRA_QUESTION_WORDS =
  /为甚么|甚么|什么样|哪一[个位种项门家本部条所座次届支首只国类段场年天月日]?|哪[个位种项门家本部条所座次届支首只国类段场]|何[种时地处人者]|多[大长久高重远深宽]|第几|几[个位种项次届年岁]|怎样|如何|是否|指的是|是指|被称为|称为|叫做|叫什么/g;
const PARTICLES = /[的了是吗呢着过也就都而及与和在]/;

/** Runs one variant over questions; returns hit@1, lenient hit@1 and not_found counts. */
export function runVariant(
  ctx: AnswerContext,
  questions: readonly QaQuestion[],
  v: Variant,
  cross: readonly string[] = [],
) {
  const scorer = new TitleScorer(ctx);
  let hit1 = 0;
  let notFound = 0;
  let crossAnswered = 0;
  for (const q of questions) {
    const top = answerTop(ctx, scorer, q.question, v);
    if (!top) notFound++;
    else if (isGoldSentence(ctx, top.item, q)) hit1++;
  }
  for (const question of cross) if (answerTop(ctx, scorer, question, v)) crossAnswered++;
  const n = Math.max(1, questions.length);
  return {
    hit1: hit1 / n,
    notFound: notFound / n,
    crossAnswered: cross.length ? crossAnswered / cross.length : undefined,
  };
}

function answerTop(
  ctx: AnswerContext,
  scorer: TitleScorer,
  question: string,
  v: Variant,
): SearchHit | undefined {
  const { index } = ctx;
  let text = question;
  if (v.strip) text = foldText(question).replace(EXTRA_QUESTION_WORDS, (w) => ' '.repeat(w.length));
  const analyzed = analyzeQuery(index, text);
  if (v.numbers) addNumbers(ctx, analyzed);
  if (v.chars) {
    for (const ch of analyzed.content.match(/\p{Script=Han}/gu) ?? []) {
      if (!PARTICLES.test(ch) && index.df.has(ch) && !analyzed.terms.has(ch)) analyzed.terms.set(ch, v.chars);
    }
  }
  const intent = detectIntent(foldText(question));
  if (v.gate !== 'none' && (uncoveredKeyName(analyzed, v.gate) || analyzed.units.length === 0))
    return undefined;
  const power = v.coveragePower ?? DEFAULT_TUNING.coveragePower;
  const fieldBoost = {
    ...DEFAULT_TUNING.fieldBoost,
    ...(v.tuning?.title !== undefined ? { title: v.tuning.title } : {}),
  };
  const bm25Power = v.tuning?.bm25Power ?? DEFAULT_TUNING.bm25Power;
  let hits = searchSentences(index, analyzed, {
    ...DEFAULT_TUNING,
    fieldBoost,
    bm25Power,
    coveragePower: power,
    limit: 300,
  });
  if (v.titleMax !== undefined) {
    hits = hits
      .map((h) => ({
        ...h,
        score:
          scorer.score(h, analyzed, v.titleMax ?? 1, v.b ?? 0.7, v.quality !== false) * h.coverage ** power,
      }))
      .sort((a, b) => b.score - a.score || a.item.ref - b.item.ref);
  }
  // The answer layer re-ranks the first DEFAULT_TUNING.limit hits, as /ask does.
  hits = hits.slice(0, DEFAULT_TUNING.limit);
  const lexicalBest = hits[0];
  if (v.articleCoverage) {
    const byArticle = new Map<number, Set<string>>();
    for (const h of hits) {
      const set = byArticle.get(h.item.articleIndex) ?? new Set<string>();
      for (const t of h.matched) set.add(t);
      byArticle.set(h.item.articleIndex, set);
    }
    hits = hits.map((h) => ({
      ...h,
      score:
        h.score *
        coverageOf(analyzed, byArticle.get(h.item.articleIndex) ?? new Set()) ** (v.articleCoverage ?? 1),
    }));
  }
  let ranked: SearchHit[] = rankHits(hits, analyzed, intent, ctx);
  const ranked0 = ranked[0];
  if (v.novelty !== undefined) ranked = demoteParaphrase(ctx, ranked, analyzed, v.novelty, intent);
  const best = ranked[0];
  if (!best || !lexicalBest || !ranked0) return undefined;
  if (v.gate !== 'none' && ranked0.coverage < (analyzed.units.length <= 2 ? 0.5 : 0.3)) return undefined;
  return best;
}

/** Scores hits by own BM25 over the sentence's text terms, with title-held terms counted once. */
class TitleScorer {
  private readonly titleTerms = new Map<number, Set<string>>();
  private readonly tf = new Map<number, Map<string, number>>();
  private readonly avg: number;
  constructor(private readonly ctx: AnswerContext) {
    let total = 0;
    for (const s of ctx.index.sentences) total += this.termsOf(s).size;
    this.avg = total / Math.max(1, ctx.index.sentences.length);
  }
  score(h: SearchHit, q: AnalyzedQuery, tau: number, b: number, quality: boolean): number {
    const tf = this.termsOf(h.item);
    const title = this.titleOf(h.item.articleIndex);
    let len = 0;
    for (const n of tf.values()) len += n;
    let sum = 0;
    let matched = 0;
    for (const [term, boost] of q.terms) {
      const f = tf.get(term) ?? 0;
      const w = idf(this.ctx.index, term);
      const text = f > 0 ? (w * (f * 2.2)) / (f + 1.2 * (1 - b + (b * len) / this.avg)) : 0;
      const inTitle = title.has(term) ? tau * w : 0;
      const best = Math.max(text, inTitle);
      if (best > 0) matched++;
      sum += boost * best;
    }
    return quality ? sum * Math.max(1, matched) : sum;
  }
  private termsOf(s: IndexedSentence): Map<string, number> {
    let m = this.tf.get(s.ref);
    if (!m) {
      m = new Map();
      for (const t of textTerms(s.folded)) m.set(t, (m.get(t) ?? 0) + 1);
      for (const ch of Array.from(s.folded)) if (/\p{Script=Han}/u.test(ch)) m.set(ch, (m.get(ch) ?? 0) + 1);
      this.tf.set(s.ref, m);
    }
    return m;
  }
  private titleOf(articleIndex: number): Set<string> {
    let set = this.titleTerms.get(articleIndex);
    if (!set) {
      const a = this.ctx.index.articles[articleIndex];
      set = new Set();
      for (const name of [a?.title.replace(/·[^·]*$/, '') ?? '', ...(a?.aliases ?? [])])
        for (const t of textTerms(foldText(name))) set.add(t);
      this.titleTerms.set(articleIndex, set);
    }
    return set;
  }
}

/**
 * When the top sentence is (nearly) all question — few of its content bigrams are new — the
 * answer is not in it: put its best-scoring neighbour (±1, same paragraph) first.
 */
function demoteParaphrase(
  ctx: AnswerContext,
  ranked: SearchHit[],
  q: AnalyzedQuery,
  threshold: number,
  _intent: Intent,
): SearchHit[] {
  const top = ranked[0];
  if (!top) return ranked;
  const questionGrams = new Set(bigrams(q.folded.replace(/[^\p{Script=Han}]/gu, '')));
  const grams = contentBigrams(top.item.folded);
  if (grams.length === 0) return ranked;
  const novel = grams.filter((g) => !questionGrams.has(g)).length / grams.length;
  if (novel >= threshold) return ranked;
  const neighbours = [top.item.ref - 1, top.item.ref + 1]
    .map((ref) => ctx.index.sentences[ref])
    .filter(
      (s): s is IndexedSentence =>
        s !== undefined &&
        s.articleIndex === top.item.articleIndex &&
        s.sentence.paragraph === top.item.sentence.paragraph,
    );
  if (neighbours.length === 0) return ranked;
  // Prefer the neighbour the ranking already liked; else the previous sentence (antecedent).
  const pick =
    ranked.find((h) => neighbours.some((n) => n.ref === h.item.ref)) ??
    ({
      item: neighbours.find((n) => n.ref === top.item.ref - 1) ?? neighbours[0],
      score: 0,
      bm25: 0,
      coverage: top.coverage,
      matched: [],
    } as SearchHit);
  return [pick, ...ranked.filter((h) => h.item.ref !== pick.item.ref)];
}

function contentBigrams(folded: string): string[] {
  const out: string[] = [];
  for (const run of folded.match(/\p{Script=Han}+/gu) ?? [])
    out.push(...bigrams(run).filter((g) => !PARTICLES.test(g)));
  return out;
}

function coverageOf(q: AnalyzedQuery, matched: Set<string>): number {
  let covered = 0;
  let total = 0;
  for (const u of q.units) {
    total += u.weight;
    let best = 0;
    for (const alt of u.alternatives)
      if (alt.length) best = Math.max(best, alt.filter((t) => matched.has(t)).length / alt.length);
    covered += best * u.weight;
  }
  return total > 0 ? covered / total : 1;
}

function addNumbers(ctx: AnswerContext, q: AnalyzedQuery): void {
  const dates = q.folded.replace(/\d+\s*[年月日号]/g, ' ');
  for (const m of dates.matchAll(/(?<![\d.])\d{1,2}(?![\d.])/g)) {
    const n = String(Number(m[0]));
    if (!ctx.index.df.has(n)) continue;
    q.terms.set(n, 1);
    q.units.push({ alternatives: [[n]], weight: idf(ctx.index, n), kind: 'latin' });
  }
}

// The src gate (answerQuestion.ts uncoveredKeyName), and a narrower one: only an unknown run
// followed by a name head (淮海|战役) proves the corpus lacks the subject.
const NAME_SUFFIX =
  /^(?:战役|战斗|会战|之战|战争|事变|起义|登陆|行动|大捷|惨案|条约|运动|省|市|县|城|镇|村|岛|湾|河|江|山|将军|主席|总统|元帅|先生|公司|大学|帝国|王朝)/;
function uncoveredKeyName(q: AnalyzedQuery, gate: 'src' | 'suffix'): string | undefined {
  for (const run of q.unknownRuns) {
    const at = q.content.indexOf(run);
    const suffix = at >= 0 ? NAME_SUFFIX.exec(q.content.slice(at + run.length)) : null;
    if (suffix) return run + suffix[0];
  }
  if (gate === 'suffix') {
    // Unknown runs of 3+ characters with nothing else known: a name the corpus lacks.
    const known = q.units.filter((u) => u.kind !== 'latin').length;
    const long = q.unknownRuns.find((r) => Array.from(r).length >= 3);
    return long && known <= 1 ? long : undefined;
  }
  if (q.entities.length > 0) return undefined;
  const knownUnits = q.units.filter((u) => u.kind !== 'latin').length;
  if (q.unknownRuns.length > 0) return q.unknownRuns[0];
  if (q.unknownWords.length > 0 && knownUnits === 0) return q.unknownWords[0];
  return undefined;
}

export const VARIANTS: Variant[] = [
  { name: 'src (as /ask)', gate: 'src' },
  { name: 'strip qwords', strip: true, gate: 'src' },
  { name: 'numbers', numbers: true, gate: 'src' },
  { name: 'query chars 0.3', chars: 0.3, gate: 'src' },
  { name: 'query chars 1', chars: 1, gate: 'src' },
  { name: 'titleMax τ=1', titleMax: 1, gate: 'src' },
  { name: 'titleMax τ=1 power 4', titleMax: 1, coveragePower: 4, gate: 'src' },
  { name: 'title boost 0', tuning: { title: 0 }, gate: 'src' },
  { name: 'power 4', coveragePower: 4, gate: 'src' },
  {
    name: 'title 0 + power 4 + bm25Power 0.25',
    tuning: { title: 0, bm25Power: 0.25 },
    coveragePower: 4,
    gate: 'src',
  },
  { name: 'articleCov^1', articleCoverage: 1, gate: 'src' },
  { name: 'novelty<0.05', novelty: 0.05, gate: 'src' },
  {
    name: 'combo',
    strip: true,
    numbers: true,
    tuning: { title: 0, bm25Power: 0.25 },
    coveragePower: 4,
    gate: 'src',
  },
];

/**
 * Re-splits the articles' sentences the way a changed splitter would: `semicolon` joins a
 * clause ending in ；/; with the one after it, `short` joins a sentence of ≤ 12 characters
 * to the one before it (蒙古族。 / 著有《邵氏闻见录》。).
 */
export function mergeSentences(
  articles: readonly Article[],
  mode: 'semicolon' | 'short' | 'both',
): Article[] {
  return articles.map((a) => ({
    ...a,
    paragraphs: a.paragraphs.map((p) => {
      const groups: Sentence[][] = [];
      for (const s of p.sentences) {
        const prev = groups[groups.length - 1];
        const last = prev?.[prev.length - 1];
        const joinSemicolon = mode !== 'short' && last && /[；;]$/.test(last.text);
        const joinShort = mode !== 'semicolon' && last && s.text.length <= 12;
        if (prev && (joinSemicolon || joinShort)) prev.push(s);
        else groups.push([s]);
      }
      const sentences = groups.map((g, i): Sentence => {
        const first = g[0] as Sentence;
        const end = (g[g.length - 1] as Sentence).end;
        return {
          ...first,
          id: `${a.title}#p${p.index}.s${i + 1}`,
          sentence: i + 1,
          end,
          text: p.text.slice(first.start, end),
          mentions: [],
        };
      });
      return { ...p, sentences };
    }),
  }));
}

function main(argv: string[]): void {
  let name: QaSetName = 'cmrc';
  let limit: number | undefined;
  let only: string[] | undefined;
  let gate: Variant['gate'] | undefined;
  let merge: 'semicolon' | 'short' | 'both' | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]?.split(/=(.*)/s, 2) ?? [];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--set') name = value() as QaSetName;
    else if (flag === '--limit') limit = Number(value());
    else if (flag === '--only') only = value().split(',');
    else if (flag === '--gate') gate = value() as Variant['gate'];
    else if (flag === '--merge') merge = value() as 'semicolon' | 'short' | 'both';
  }
  const set = loadQaSet(name, limit);
  const other = loadQaSet(name === 'cmrc' ? 'drcd' : 'cmrc', 1000).questions.map((q) => q.question);
  const ctx = buildAnswerContext(merge ? mergeSentences(set.articles, merge) : set.articles);
  console.log(
    `| ${name}${merge ? ` merge=${merge}` : ''} (${set.questions.length} q) | hit@1 | not_found | cross answered | s |`,
  );
  console.log('|---|---|---|---|---|');
  for (const v of VARIANTS.filter((x) => !only || only.includes(x.name))) {
    const t0 = performance.now();
    const r = runVariant(ctx, set.questions, gate ? { ...v, gate } : v, gate === 'none' ? [] : other);
    const pct = (x: number | undefined) => (x === undefined ? '–' : (x * 100).toFixed(1));
    console.log(
      `| ${v.name} | ${pct(r.hit1)} | ${pct(r.notFound)} | ${pct(r.crossAnswered)} | ${((performance.now() - t0) / 1000).toFixed(0)} |`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
