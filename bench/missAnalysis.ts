/**
 * Sorts `/ask` misses on a QA set into rough causes, with counts and examples.
 *
 *   npx tsx bench/missAnalysis.ts [--set cmrc|drcd] [--limit N] [--examples 3]
 *
 * A miss is a question whose first answer is not the gold sentence. Causes, first match wins:
 * - not_found:uncovered / not_found:coverage — refused although the set is all answerable;
 * - answer-also-in-ours — the first sentence holds the answer string too (a lenient hit);
 * - other-article:* — the first sentence comes from another paragraph;
 * - neighbour:* — same paragraph, the gold sentence is next to ours and covers fewer query units
 *   (the question paraphrases our sentence, the answer sits in the one before/after);
 * - fewer-terms — same paragraph, not adjacent, gold covers fewer query units than ours;
 * - ranking — gold covers at least as many query units but ranks lower (length, idf, intent).
 */
import { pathToFileURL } from 'node:url';
import { answerQuestion, buildAnswerContext } from '../src/answer';
import { type AnalyzedQuery, analyzeQuery, bigrams, type IndexedSentence } from '../src/search';
import { foldText } from '../src/text/fold';
import { isGoldSentence } from './qaEval';
import { loadQaSet, type QaSetName } from './qaSets';

const ANAPHOR =
  /^(?:[^，,]{0,6}[，,])?(?:此|这|這|该|該|其|他|她|它|牠|同年|同时|从此|次年|后来|之后|随后|其后)/;

/** Weighted share of the query's units whose terms all occur in the folded sentence. */
export function unitCoverage(q: AnalyzedQuery, folded: string): number {
  const grams = new Set(bigrams(folded));
  let covered = 0;
  let total = 0;
  for (const u of q.units) {
    total += u.weight;
    const hit = u.alternatives.some(
      (alt) => alt.length > 0 && alt.every((t) => grams.has(t) || folded.includes(t)),
    );
    if (hit) covered += u.weight;
  }
  return total > 0 ? covered / total : 0;
}

type Miss = { cause: string; question: string; answer: string; gold: string; ours: string; flags: string[] };

export function analyzeMisses(name: QaSetName, limit?: number): { total: number; misses: Miss[] } {
  const set = loadQaSet(name, limit);
  const ctx = buildAnswerContext(set.articles);
  const { index } = ctx;
  const titleRef = new Map(index.articles.map((a, i) => [a.title, i]));
  const misses: Miss[] = [];
  for (const q of set.questions) {
    const answer = answerQuestion(q.question, ctx);
    const firstRef = answer.answers[0]?.id === undefined ? undefined : index.byId.get(answer.answers[0].id);
    const first = firstRef === undefined ? undefined : index.sentences[firstRef];
    if (first && isGoldSentence(ctx, first, q)) continue;
    const range = index.articleRanges[titleRef.get(q.title) ?? -1] ?? [0, 0];
    const golds = index.sentences.slice(range[0], range[1]).filter((s) => isGoldSentence(ctx, s, q));
    const gold = golds[0] as IndexedSentence;
    const analyzed = analyzeQuery(index, q.question);
    const flags: string[] = [];
    if (/\s[一种種个個位部本所条條家届屆首支座只隻项項次]/.test(analyzed.content))
      flags.push('qword-residue');
    if (/[；;]$/.test(gold.sentence.text)) flags.push('gold-ends-；');
    if (gold.sentence.text.length <= 15) flags.push('gold-short');
    let cause: string;
    if (!first)
      cause = answer.message?.startsWith('The corpus says nothing')
        ? 'not_found:uncovered'
        : 'not_found:coverage';
    else {
      const goldCov = unitCoverage(analyzed, gold.folded);
      const oursCov = unitCoverage(analyzed, first.folded);
      if (first.sentence.text.includes(q.answer)) cause = 'answer-also-in-ours';
      else if (first.articleIndex !== gold.articleIndex) {
        const titleHit = analyzed.units.some((u) =>
          u.alternatives.some(
            (alt) =>
              alt.length > 0 &&
              alt.every((t) => foldedTitle(ctx.index.articles[gold.articleIndex]?.title).includes(t)),
          ),
        );
        cause = `other-article:${goldCov >= oursCov ? 'gold-covers-as-much' : 'gold-covers-less'}${titleHit ? '' : ':subject-not-in-title'}`;
      } else if (goldCov < oursCov && Math.abs(first.sentence.sentence - gold.sentence.sentence) === 1) {
        cause =
          ANAPHOR.test(first.sentence.text) || ANAPHOR.test(gold.sentence.text)
            ? 'neighbour:anaphor'
            : 'neighbour';
      } else if (goldCov < oursCov) cause = 'fewer-terms';
      else cause = 'ranking';
      if (
        first.articleIndex === gold.articleIndex &&
        first.sentence.sentence === 1 &&
        gold.sentence.sentence !== 1
      )
        flags.push('ours-is-lead');
      if (first.sentence.text.length > 2 * gold.sentence.text.length) flags.push('ours-longer');
      if (gold.sentence.text.length > 2 * first.sentence.text.length) flags.push('gold-longer');
    }
    misses.push({
      cause,
      question: q.question,
      answer: q.answer,
      gold: gold.sentence.text,
      ours: first?.sentence.text ?? `(${answer.status}: ${answer.message})`,
      flags,
    });
  }
  return { total: set.questions.length, misses };
}

function foldedTitle(title: string | undefined): string {
  return title ? foldText(title.replace(/·[^·]*$/, '')) : '';
}

function main(argv: string[]): void {
  let sets: QaSetName[] = ['cmrc', 'drcd'];
  let limit: number | undefined;
  let examples = 3;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]?.split(/=(.*)/s, 2) ?? [];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--set') sets = [value() as QaSetName];
    else if (flag === '--limit') limit = Number(value());
    else if (flag === '--examples') examples = Number(value());
  }
  for (const name of sets) {
    const { total, misses } = analyzeMisses(name, limit);
    console.log(`\n## ${name}: ${misses.length} misses of ${total} questions`);
    const byCause = new Map<string, Miss[]>();
    for (const m of misses) byCause.set(m.cause, [...(byCause.get(m.cause) ?? []), m]);
    const flagCounts = new Map<string, number>();
    for (const m of misses) for (const f of m.flags) flagCounts.set(f, (flagCounts.get(f) ?? 0) + 1);
    for (const [cause, list] of [...byCause].sort((a, b) => b[1].length - a[1].length)) {
      console.log(`\n### ${cause}: ${list.length} (${((100 * list.length) / total).toFixed(1)} pts)`);
      const step = Math.max(1, Math.floor(list.length / examples));
      for (const m of list.filter((_, i) => i % step === 0).slice(0, examples)) {
        console.log(
          `- Q: ${m.question}  (A: ${m.answer})${m.flags.length ? ` [${m.flags.join(', ')}]` : ''}\n  gold: ${m.gold}\n  ours: ${m.ours}`,
        );
      }
    }
    console.log(`\nflags: ${[...flagCounts].map(([f, n]) => `${f} ${n}`).join(', ')}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
