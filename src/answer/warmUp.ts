import { answerAbout } from './answerAbout';
import { answerBattle } from './answerBattle';
import { type AnswerContext, answerQuestion } from './answerQuestion';
import { answerSources } from './answerSources';
import { answerTimeline } from './answerTimeline';
import { answerWho } from './answerWho';
import { type NameKind, suggestNames } from './suggestNames';
import { suggestTitles } from './suggestTitles';

const NAME_KINDS: readonly NameKind[] = ['battle', 'person', 'any'];

/**
 * Gets a freshly loaded context ready to serve: builds the lookup tables that commands otherwise
 * build on first use (article names, name → sentences, battle names, the corpus timeline,
 * autocomplete candidates, the fuzzy term tree) and asks one question of each kind, so that V8
 * compiles the answering paths before a user waits on them. A long-running process (the bot, a
 * benchmark's server) calls it once after loading; a one-shot CLI run does not, since it would
 * only add to its cold start. Measured at 10k sentences, without it the first `/ask`, the first
 * pinyin query and the first `/who` each took 20–40 ms instead of ~1 ms. Returns its ms.
 *
 * @example
 * const warmUpMs = warmAnswerContext(ctx); // then go online
 */
export function warmAnswerContext(ctx: AnswerContext): number {
  const started = performance.now();
  const { index } = ctx;
  const title = index.articles[0]?.title ?? '';
  for (const kind of NAME_KINDS) suggestNames(index, '', kind);
  suggestTitles(index, title);
  const battle = suggestNames(index, '', 'battle')[0];
  const person = suggestNames(index, '', 'person')[0];
  const name = suggestNames(index, '', 'any')[0] ?? title;
  if (battle) answerBattle(battle, ctx);
  if (person) answerWho(person, ctx);
  answerAbout(name, ctx, 'ask');
  answerTimeline(undefined, ctx);
  answerSources(ctx);
  // A question, a question in traditional script about a name, and a Latin word long enough
  // for fuzzy matching (the first one builds the fuzzy term tree).
  for (const question of [`${title}是什么时候开始的？`, `誰指揮了${name}？`, 'zhanyii', `${title}的结果如何`]) {
    answerQuestion(question, ctx);
  }
  // V8 optimizes a function after many calls: questions made of sentences spread over the
  // corpus (their opening words), until WARM_UP_QUESTIONS or WARM_UP_BUDGET_MS.
  const { sentences } = index;
  const step = Math.max(1, Math.floor(sentences.length / WARM_UP_QUESTIONS));
  for (let ref = 0, asked = 0; ref < sentences.length && asked < WARM_UP_QUESTIONS; ref += step, asked++) {
    if (performance.now() - started > WARM_UP_BUDGET_MS) break;
    const opening = Array.from(sentences[ref]?.sentence.text ?? '').slice(0, 12).join('');
    answerQuestion(`${opening}是什么？`, ctx);
  }
  return performance.now() - started;
}

const WARM_UP_QUESTIONS = 64;
const WARM_UP_BUDGET_MS = 500;
