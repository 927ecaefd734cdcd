/**
 * Realistic questions a teacher or student would ask, with the sentence(s) that answer them, asked
 * through `answerQuestion` on the seed and on the seed + ../shared/corpus-wiki: how often the
 * first quoted sentence is one of them (or, for a question the corpus does not cover, how often
 * the answer is not_found).
 *
 * - The lists below were written by the developer after the code (session 3); a few of their
 *   misses then led to general changes, so they are no longer unseen.
 * - `realistic/set1.json` … `set4.json` were written in session 4 by helpers who read only the
 *   corpus, never the code (gold = verbatim substrings of every sentence that states the fact;
 *   `[]` = not in the corpus). Set 1's misses led to changes; sets 2 and 3 were first measured
 *   after those, then some of their misses led to more; set 4 was measured once, at the end.
 * - `set5.json` and `set6.json` were written in session 5 the same way. Set 5 was first measured
 *   after the session's first changes, and its misses then led to more; set 6 was measured once,
 *   at the end of the session.
 * - `set7.json` was written in session 6 the same way and held out: measured from the session's
 *   start (its totals show in every run), its misses never read, no change made for it. Its
 *   misses were printed at the start of session 7, so it counts as seen from then.
 * - `set8.json` was written in session 7 the same way and held out. Its misses were printed at the
 *   start of session 8, so it counts as seen from then.
 * - `set9.json` was written in session 8 the same way and held out. Its misses were printed at the
 *   start of session 9, so it counts as seen from then.
 * - `set10.json` was written in session 9 the same way and held out. Its seed questions ask again,
 *   in new words, facts that earlier sets asked (the seed holds about 13); two of them ask of the
 *   seed's table and categories, which are never quoted as answers. Its misses were printed at the
 *   start of session 10, so it counts as seen from then.
 * - `set11.json` was written in session 10 the same way and is held out: only its totals are
 *   printed (`HIDDEN_MISSES`), so that no change is made for one of its questions.
 *
 *   npx tsx bench/realisticQuestions.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type AnswerContext, answerQuestion, buildAnswerContext } from '../src/answer';
import { loadCorpus } from '../src/io/loadCorpus';

const SEED_DIR = fileURLToPath(new URL('../corpus', import.meta.url));
const WIKI_DIR = fileURLToPath(new URL('../../shared/corpus-wiki', import.meta.url));

/** [question, ids of the sentences that answer it] on the seed. */
export const SEED_QUESTIONS: [string, string[]][] = [
  ['平绥战役是什么时候开始的？', ['平绥路战役#p2.s2']],
  ['绥远战役的指挥官是谁？', ['平绥路战役#p1.s2']],
  ['中共为什么发动绥远战役？', ['平绥路战役#p1.s2']],
  ['归绥战役的结果如何？', ['平绥路战役#p3.s1']],
  ['傅作义的部队退到了哪里？', ['平绥路战役#p2.s4']],
  ['贺龙什么时候转攻包头？', ['平绥路战役#p3.s2']],
  ['为什么包头久攻不下？', ['平绥路战役#p3.s3']],
  ['聂贺部队为什么撤退？', ['平绥路战役#p3.s4']],
  ['吕正操进攻了哪里？', ['平绥路战役#p2.s1']],
  ['傅军是怎样守住归绥的？', ['平绥路战役#p2.s6']],
  ['归绥被围攻了多久？', ['平绥路战役#p2.s5']],
  ['平绥路战役在国共内战中有什么意义？', ['平绥路战役#p1.s1']],
  ['傅军撤退时损失大吗？', ['平绥路战役#p2.s3']],
  ['共军兵力占优势吗？', ['平绥路战役#p3.s1']],
  ['谁击退了吕正操？', ['平绥路战役#p2.s1']],
  ['中共想在绥远战役中夺取哪个省？', ['平绥路战役#p1.s2']],
  ['平綏路戰役何時結束？', ['平绥路战役#p3.s4']],
  ['聂荣臻和贺龙指挥了哪些部队？', ['平绥路战役#p1.s2']],
  ['马占山属于哪一方？', ['平绥路战役#p1.s2']],
  ['聂贺部队什么时候撤回？', ['平绥路战役#p3.s4']],
];

/** [question, ids of the sentences that answer it] on the seed + corpus-wiki. */
export const WIDE_QUESTIONS: [string, string[]][] = [
  ['上党战役又叫什么？', ['上党战役#p1.s1']],
  ['上党战役是谁发动的？', ['上党战役#p2.s1']],
  ['上党战役歼灭了阎锡山多少个师？', ['上党战役#p2.s2']],
  ['五原战役是由谁发动的？', ['五原战役#p1.s1']],
  ['五原战役是哪一天打响的？', ['五原战役#p1.s2']],
  ['傅作义是哪里人？', ['傅作义#p1.s1']],
  ['傅作义什么时候进入太原陆军小学？', ['傅作义#p2.s2']],
  ['八路军的番号后来改成了什么？', ['八路军#p1.s3']],
  ['吕正操什么时候加入中国共产党？', ['吕正操#p2.s1']],
  ['吕正操是哪一年去世的？', ['吕正操#p3.s1']],
  ['大同集宁战役中谁指挥了解放军？', ['大同集宁战役#p1.s2']],
  ['大同集宁战役造成了什么后果？', ['大同集宁战役#p1.s3']],
  ['晋绥军区的司令员是谁？', ['晋绥军区#p2.s3', '晋绥军区#p3.s2']],
  ['晋西北军区什么时候改称晋绥军区？', ['晋绥军区#p2.s2']],
  ['津浦战役又称什么？', ['津浦战役#p1.s1']],
  ['共军什么时候占领邹县？', ['津浦战役#p3.s1']],
  ['绥远省的省会是哪里？', ['綏遠省 (中華民國)#p1.s1']],
  ['绥远省什么时候被撤销？', ['綏遠省 (中華民國)#p1.s2']],
  ['绥西战役是谁发动的？', ['绥西战役#p1.s2']],
  ['聂荣臻什么时候加入中国共产党？', ['聂荣臻#p2.s1']],
  ['聂荣臻在哪里去世？', ['聂荣臻#p3.s3']],
  ['贺龙原名叫什么？', ['贺龙#p1.s1']],
  ['贺龙什么时候担任国家体委主任？', ['贺龙#p3.s2', '贺龙#p17.s1']],
  ['邯郸战役又称什么？', ['邯郸战役#p1.s1']],
  ['察哈尔省的省会是哪里？', ['察哈爾省 (中華民國)#p1.s1']],
  ['晋北战役是什么时候发生的？', ['晋北战役#p1.s1']],
  ['包头战役的目的是什么？', ['包头战役#p1.s2']],
  ['日军什么时候组建驻蒙兵团？', ['包头战役#p3.s1']],
  ['绥西战役的目的是什么', ['绥西战役#p1.s2']],
];

/** One question of a held-out set: the corpus it is asked of and what a right answer quotes. */
export const HeldOutQuestion = z.object({
  corpus: z.enum(['seed', 'wide']),
  question: z.string().min(1),
  /** verbatim substrings of each sentence that answers it; empty: the corpus does not cover it */
  gold: z.array(z.string().min(1)),
  kind: z.string(),
  note: z.string().optional(),
});
export type HeldOutQuestion = z.infer<typeof HeldOutQuestion>;

const HELD_OUT_SETS = [
  'set1',
  'set2',
  'set3',
  'set4',
  'set5',
  'set6',
  'set7',
  'set8',
  'set9',
  'set10',
  'set11',
];
// Sets whose misses are not printed: held out from tuning, so only their totals are read.
const HIDDEN_MISSES = new Set(['set11']);
// Right answers over every held-out set, per corpus.
const totals = { seed: { ok: 0, n: 0 }, wide: { ok: 0, n: 0 } };

function scoreHeldOut(name: string, contexts: Record<'seed' | 'wide', AnswerContext>): void {
  const file = fileURLToPath(new URL(`./realistic/${name}.json`, import.meta.url));
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return; // a set not written yet
  }
  const questions = z.array(HeldOutQuestion).parse(JSON.parse(raw));
  const tally = { seed: { ok: 0, n: 0, nf: 0, nfOk: 0 }, wide: { ok: 0, n: 0, nf: 0, nfOk: 0 } };
  for (const q of questions) {
    const answer = answerQuestion(q.question, contexts[q.corpus]);
    const first = answer.answers[0];
    const t = tally[q.corpus];
    const right =
      q.gold.length === 0
        ? answer.status === 'not_found'
        : answer.status === 'ok' && first !== undefined && q.gold.some((g) => first.text.includes(g));
    t.n++;
    if (q.gold.length === 0) t.nf++;
    if (right) {
      t.ok++;
      if (q.gold.length === 0) t.nfOk++;
    } else if (!HIDDEN_MISSES.has(name))
      console.log(`  miss  [${q.corpus}] ${q.question} → ${answer.status} ${first?.text.slice(0, 40) ?? ''}`);
  }
  for (const corpus of ['seed', 'wide'] as const) {
    const t = tally[corpus];
    totals[corpus].ok += t.ok;
    totals[corpus].n += t.n;
    console.log(
      `${name} ${corpus}: ${t.ok} / ${t.n} right (${t.ok - t.nfOk} / ${t.n - t.nf} answered with a right first sentence, ${t.nfOk} / ${t.nf} not in the corpus said not_found)`,
    );
  }
}

function score(name: string, questions: [string, string[]][], ctx: AnswerContext): void {
  let hits = 0;
  for (const [question, ids] of questions) {
    const first = answerQuestion(question, ctx).answers[0];
    if (first?.id && ids.includes(first.id)) hits++;
    else console.log(`  miss  ${question} → ${first?.id ?? '(none)'} ${first?.text.slice(0, 40) ?? ''}`);
  }
  console.log(`${name}: ${hits} / ${questions.length} first sentences answer the question`);
}

// Both corpora are loaded and indexed once, for every list and set.
const seed = loadCorpus(SEED_DIR);
const wiki = loadCorpus(WIKI_DIR);
const contexts = {
  seed: buildAnswerContext(seed.articles, seed.aliases),
  wide: buildAnswerContext([...seed.articles, ...wiki.articles], seed.aliases),
};
score('seed', SEED_QUESTIONS, contexts.seed);
score('seed + corpus-wiki', WIDE_QUESTIONS, contexts.wide);
for (const name of HELD_OUT_SETS) scoreHeldOut(name, contexts);
for (const corpus of ['seed', 'wide'] as const) {
  const { ok, n } = totals[corpus];
  console.log(
    `all held-out sets, ${corpus}: ${ok} / ${n} right (${((100 * ok) / Math.max(n, 1)).toFixed(0)}%)`,
  );
}
