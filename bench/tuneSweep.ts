/**
 * Sweeps the lexical ranker's tuning (fieldBoost.chars × coveragePower, then fieldBoost.title
 * and bm25Power around the default) on the first N questions of each QA set and prints hit@1 per setting.
 *
 *   npx tsx bench/tuneSweep.ts [--limit 1000] [--set cmrc|drcd|both]
 *
 * Each question is analyzed once (`analyzeQuery` does not depend on the tuning); each setting
 * runs `searchSentences` and the answer layer's re-ranking (`rankHits`: intent and context), i.e. the
 * list `answerQuestion` quotes from. Two numbers per setting:
 * - rank@1: the top sentence is gold, ignoring the not_found gate;
 * - gated@1: the same, counted only where `answerQuestion` with the default tuning answered
 *   (its not_found decisions barely depend on the tuning), i.e. an estimate of `/ask` hit@1.
 */
import { pathToFileURL } from 'node:url';
import { answerQuestion, buildAnswerContext, detectIntent, rankHits } from '../src/answer';
import {
  type AnalyzedQuery,
  analyzeQuery,
  DEFAULT_TUNING,
  type SearchTuning,
  searchSentences,
} from '../src/search';
import { isGoldSentence } from './qaEval';
import { loadQaSet, type QaSetName } from './qaSets';

export type SweepRow = {
  set: QaSetName;
  setting: number;
  chars: number;
  title: number;
  power: number;
  bm25Power: number;
  rank1: number;
  gated1: number;
  ms: number;
};

export function sweep(name: QaSetName, limit: number, settings: SearchTuning[]): SweepRow[] {
  const set = loadQaSet(name, limit);
  const ctx = buildAnswerContext(set.articles);
  const prepared = set.questions.map((q) => {
    const analyzed: AnalyzedQuery = analyzeQuery(ctx.index, q.question);
    return {
      q,
      analyzed,
      intent: detectIntent(analyzed.folded),
      answered: answerQuestion(q.question, ctx).status === 'ok',
    };
  });
  const rows: SweepRow[] = [];
  for (const [setting, tuning] of settings.entries()) {
    const t0 = performance.now();
    let rank1 = 0;
    let gated1 = 0;
    for (const p of prepared) {
      const top = rankHits(searchSentences(ctx.index, p.analyzed, tuning), p.analyzed, p.intent, ctx)[0];
      if (top && isGoldSentence(ctx, top.item, p.q)) {
        rank1++;
        if (p.answered) gated1++;
      }
    }
    const n = Math.max(1, prepared.length);
    rows.push({
      set: name,
      setting,
      bm25Power: tuning.bm25Power,
      chars: tuning.fieldBoost.chars,
      title: tuning.fieldBoost.title,
      power: tuning.coveragePower,
      rank1: rank1 / n,
      gated1: gated1 / n,
      ms: (performance.now() - t0) / n,
    });
  }
  return rows;
}

export function tuningOf(
  chars: number,
  power: number,
  title = DEFAULT_TUNING.fieldBoost.title,
  bm25Power = DEFAULT_TUNING.bm25Power,
): SearchTuning {
  return {
    ...DEFAULT_TUNING,
    fieldBoost: { ...DEFAULT_TUNING.fieldBoost, chars, title },
    coveragePower: power,
    bm25Power,
  };
}

function main(argv: string[]): void {
  let limit = 1000;
  let sets: QaSetName[] = ['cmrc', 'drcd'];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]?.split(/=(.*)/s, 2) ?? [];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--limit') limit = Number(value());
    else if (flag === '--set') {
      const v = value();
      sets = v === 'cmrc' || v === 'drcd' ? [v] : ['cmrc', 'drcd'];
    } else throw new Error(`unknown flag ${flag}`);
  }
  const grid: SearchTuning[] = [];
  for (const chars of [0, 0.1, 0.25, 0.5])
    for (const power of [1, 1.5, 2, 3, 4]) grid.push(tuningOf(chars, power));
  const d = DEFAULT_TUNING;
  for (const title of [0, 0.15, 0.7, 1]) grid.push(tuningOf(d.fieldBoost.chars, d.coveragePower, title));
  for (const bm25Power of [0.25, 0.75, 1])
    grid.push(tuningOf(d.fieldBoost.chars, d.coveragePower, d.fieldBoost.title, bm25Power));
  for (const bm25Power of [0.25, 1])
    grid.push(tuningOf(d.fieldBoost.chars, 4, d.fieldBoost.title, bm25Power));
  const started = performance.now();
  const all: SweepRow[] = [];
  for (const name of sets) {
    const rows = sweep(name, limit, grid);
    all.push(...rows);
    console.error(
      `${name}: ${rows.length} settings in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  const pct = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(1)}`);
  const header = sets.flatMap((s) => [`${s} rank@1`, `${s} gated@1`]);
  console.log(`| chars | title | coveragePower | bm25Power | ${header.join(' | ')} | mean gated |`);
  console.log(`|---|---|---|---|${header.map(() => '---|').join('')}---|`);
  for (const [i, t] of grid.entries()) {
    const rows = sets.map((s) => all.find((r) => r.set === s && r.setting === i));
    const cells = rows.flatMap((r) => [pct(r?.rank1), pct(r?.gated1)]);
    const mean = rows.reduce((sum, r) => sum + (r?.gated1 ?? 0), 0) / rows.length;
    const isDefault = JSON.stringify(t) === JSON.stringify(DEFAULT_TUNING);
    console.log(
      `| ${t.fieldBoost.chars} | ${t.fieldBoost.title} | ${t.coveragePower}${isDefault ? ' (default)' : ''} | ${t.bm25Power} | ${cells.join(' | ')} | ${pct(mean)} |`,
    );
  }
  console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
