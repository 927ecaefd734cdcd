/**
 * The not_found gate on the QA sets: features of answerable questions (the set's own) against
 * nearly-unanswerable ones (the other set's questions asked of this corpus), and how candidate
 * rules trade answered-own against answered-cross.
 *
 *   npx tsx bench/gateStudy.ts [--set cmrc|drcd] [--limit N]
 */
import { pathToFileURL } from 'node:url';
import { answerQuestion, buildAnswerContext, detectIntent, rankHits } from '../src/answer';
import {
  type AnalyzedQuery,
  analyzeQuery,
  bigrams,
  type CorpusIndex,
  idf,
  searchSentences,
} from '../src/search';
import { isGoldSentence } from './qaEval';
import { loadQaSet, type QaSetName } from './qaSets';

type Row = {
  own: boolean;
  hit: boolean;
  srcAnswered: boolean;
  /** why answerQuestion refused: uncovered (unknown name) / coverage / passing / other */
  srcReason?: 'uncovered' | 'coverage' | 'passing' | 'other';
  coverage: number;
  /** coverage with the query's out-of-corpus bigrams counted as uncovered units (α = 0.5, 1) */
  covOov: [number, number];
  units: number;
  unknownChars: number;
  longestUnknown: number;
  contentChars: number;
  entities: number;
  suffixName: boolean;
};

const NAME_SUFFIX =
  /^(?:战役|战斗|会战|之战|战争|事变|起义|登陆|行动|大捷|惨案|条约|运动|省|市|县|城|镇|村|岛|湾|河|江|山|将军|主席|总统|元帅|先生|公司|大学|帝国|王朝)/;

function features(
  index: CorpusIndex,
  q: AnalyzedQuery,
  coverage: number,
): Omit<Row, 'own' | 'hit' | 'srcAnswered'> {
  const lens = q.unknownRuns.map((r) => Array.from(r).length);
  const total = q.units.reduce((sum, u) => sum + u.weight, 0);
  let oov = 0;
  for (const run of q.content.match(/\p{Script=Han}+/gu) ?? []) {
    for (const g of bigrams(run))
      if (!index.df.has(g) && !/[的了是吗呢着过也就都而及与和在]/.test(g)) oov += idf(index, g);
  }
  const covOov = (alpha: number) =>
    total + alpha * oov > 0 ? (coverage * total) / (total + alpha * oov) : 0;
  return {
    coverage,
    covOov: [covOov(0.5), covOov(1)],
    units: q.units.length,
    unknownChars: lens.reduce((a, b) => a + b, 0),
    longestUnknown: Math.max(0, ...lens),
    contentChars: (q.content.match(/\p{Script=Han}/gu) ?? []).length,
    entities: q.entities.length,
    suffixName: q.unknownRuns.some((run) => {
      const at = q.content.indexOf(run);
      return at >= 0 && NAME_SUFFIX.test(q.content.slice(at + run.length));
    }),
  };
}

type Rule = { name: string; refuse: (r: Row) => boolean };

export const RULES: Rule[] = [
  { name: 'src gate (answerQuestion)', refuse: (r) => !r.srcAnswered },
  { name: 'none', refuse: () => false },
  ...[0.3, 0.35, 0.4, 0.45].flatMap((t) => [
    {
      name: `suffix name, or coverage-with-OOV (α 0.5) < ${t}`,
      refuse: (r: Row) => r.suffixName || r.covOov[0] < t,
    },
    {
      name: `suffix name, or coverage-with-OOV (α 1) < ${t}`,
      refuse: (r: Row) => r.suffixName || r.covOov[1] < t,
    },
  ]),
  ...[0.6, 0.7, 0.8].map((t) => ({
    name: `src, but an unknown run refuses only when coverage < ${t}`,
    refuse: (r: Row) => (r.srcReason === 'uncovered' ? r.suffixName || r.coverage < t : !r.srcAnswered),
  })),
  {
    name: 'coverage only (0.5 if ≤2 units, else 0.3)',
    refuse: (r) => r.coverage < (r.units <= 2 ? 0.5 : 0.3),
  },
  ...[0.4, 0.45, 0.5, 0.55, 0.6].map((t) => ({
    name: `coverage < ${t}`,
    refuse: (r: Row) => r.coverage < t,
  })),
  ...[0.45, 0.5, 0.55].map((t) => ({
    name: `suffix name, or coverage < ${t}, or unknown ≥ 40% of content`,
    refuse: (r: Row) => r.suffixName || r.coverage < t || r.unknownChars >= 0.4 * r.contentChars,
  })),
  ...[0.45, 0.5].map((t) => ({
    name: `suffix name, or coverage < ${t}, or unknown run ≥ 3 chars`,
    refuse: (r: Row) => r.suffixName || r.coverage < t || r.longestUnknown >= 3,
  })),
  ...[0.4, 0.5].map((t) => ({
    name: `suffix name, or coverage < ${t} + 0.1 per unknown run char (max 0.7)`,
    refuse: (r: Row) => r.suffixName || r.coverage < Math.min(0.7, t + 0.1 * r.unknownChars),
  })),
];

export function gateStudy(name: QaSetName, limit?: number): { rows: Row[]; table: string } {
  const set = loadQaSet(name, limit);
  const other = loadQaSet(name === 'cmrc' ? 'drcd' : 'cmrc', 1000);
  const ctx = buildAnswerContext(set.articles);
  const rows: Row[] = [];
  const ask = (question: string, own: boolean, gold?: (typeof set.questions)[number]) => {
    const q = analyzeQuery(ctx.index, question);
    const top = rankHits(searchSentences(ctx.index, q), q, detectIntent(q.folded), ctx)[0];
    const hit = gold !== undefined && top !== undefined && isGoldSentence(ctx, top.item, gold);
    const answer = answerQuestion(question, ctx);
    const m = answer.message ?? '';
    const srcReason =
      answer.status === 'ok'
        ? undefined
        : m.includes('says nothing')
          ? 'uncovered'
          : m.includes('well enough')
            ? 'coverage'
            : m.includes('in passing')
              ? 'passing'
              : 'other';
    rows.push({
      own,
      hit,
      srcAnswered: answer.status === 'ok',
      srcReason,
      ...features(ctx.index, q, top?.coverage ?? 0),
    });
  };
  for (const q of set.questions) ask(q.question, true, q);
  for (const q of other.questions) ask(q.question, false);
  const own = rows.filter((r) => r.own);
  const cross = rows.filter((r) => !r.own);
  const pct = (n: number, d: number) => ((100 * n) / Math.max(1, d)).toFixed(1);
  const lines = [
    `| rule (${name}: ${own.length} own, ${cross.length} cross) | hit@1 | own refused | own hits refused | cross answered |`,
    '|---|---|---|---|---|',
  ];
  for (const rule of RULES) {
    const hits = own.filter((r) => r.hit && !rule.refuse(r)).length;
    lines.push(
      `| ${rule.name} | ${pct(hits, own.length)} | ${pct(own.filter(rule.refuse).length, own.length)} | ${pct(own.filter((r) => r.hit && rule.refuse(r)).length, own.length)} | ${pct(cross.filter((r) => !rule.refuse(r)).length, cross.length)} |`,
    );
  }
  return { rows, table: lines.join('\n') };
}

function main(argv: string[]): void {
  let name: QaSetName = 'cmrc';
  let limit: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]?.split(/=(.*)/s, 2) ?? [];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--set') name = value() as QaSetName;
    else if (flag === '--limit') limit = Number(value());
  }
  const { rows, table } = gateStudy(name, limit);
  console.log(table);
  const q = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))]?.toFixed(2);
  for (const own of [true, false]) {
    const cov = rows.filter((r) => r.own === own).map((r) => r.coverage);
    console.log(
      `${own ? 'own' : 'cross'} coverage quantiles 10/25/50/75/90%: ${[0.1, 0.25, 0.5, 0.75, 0.9].map((p) => q(cov, p)).join(' ')}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
