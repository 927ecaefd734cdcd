import { dateTerms } from '../search';
import { foldText } from '../text/fold';
import { answerAbout } from './answerAbout';
import { answerBattle } from './answerBattle';
import { type AnswerContext, answerQuestion } from './answerQuestion';
import { answerSources } from './answerSources';
import { answerTimeline } from './answerTimeline';
import { answerWho } from './answerWho';
import { type NameKind, suggestNames } from './suggestNames';
import { suggestTitles } from './suggestTitles';

const NAME_KINDS: readonly NameKind[] = ['battle', 'person', 'any'];
// V8 optimizes a function after hundreds of calls: at 10k sentences the answers' latency
// settled after ~600 queries (the slowest of 160 went from 8–11 ms to 1–2 ms). The budget caps
// the warm-up on large corpora (a query costs several ms at 200k sentences).
const WARM_UP_QUERIES = 600;
const WARM_UP_BUDGET_MS = 1500;

/**
 * Gets a freshly loaded context ready to serve: builds the lookup tables that commands otherwise
 * build on first use (article names, name → sentences, battle names, the corpus timeline,
 * autocomplete candidates, the fuzzy term tree), then asks queries of every kind so that V8
 * compiles the answering paths before a user waits on them. A long-running process (the bot, a
 * benchmark's server) calls it once after loading; a one-shot CLI run does not, since it would
 * only add to its cold start. Measured at 10k sentences: without it the first `/ask`, the first
 * pinyin query and the first `/who` took 20–90 ms each, and queries stayed 3–10× slower than
 * their settled time for the first few hundred. Returns its ms.
 *
 * @example
 * const warmUpMs = warmAnswerContext(ctx); // then go online
 */
export function warmAnswerContext(ctx: AnswerContext): number {
  let spent = 0;
  for (const step of warmUpSteps(ctx, () => spent)) {
    const t = performance.now();
    step();
    spent += performance.now() - t;
  }
  return spent;
}

/**
 * {@link warmAnswerContext} in slices: `pause` is awaited between steps (by default the event
 * loop's next turn), so that a bot warming a reloaded corpus keeps answering from the old one
 * meanwhile. Resolves to the ms spent warming (the pauses not counted).
 */
export async function warmAnswerContextInSlices(
  ctx: AnswerContext,
  pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<number> {
  let spent = 0;
  for (const step of warmUpSteps(ctx, () => spent)) {
    const t = performance.now();
    step();
    spent += performance.now() - t;
    await pause();
  }
  return spent;
}

/** The warm-up as small steps; stops asking queries once `spentMs()` passes the budget. */
function* warmUpSteps(ctx: AnswerContext, spentMs: () => number): Generator<() => void> {
  const { index } = ctx;
  const title = index.articles[0]?.title ?? '';
  for (const kind of NAME_KINDS) yield () => suggestNames(index, '', kind);
  yield () => suggestTitles(index, title);
  const battle = suggestNames(index, '', 'battle')[0];
  const person = suggestNames(index, '', 'person')[0];
  const names = suggestNames(index, '', 'any');
  const name = names[0] ?? title;
  if (battle) yield () => answerBattle(battle, ctx);
  if (person) yield () => answerWho(person, ctx);
  yield () => answerAbout(name, ctx, 'ask');
  yield () => answerTimeline(undefined, ctx);
  yield () => answerSources(ctx);
  // A Latin word long enough for fuzzy matching builds the fuzzy term tree.
  yield () => answerQuestion('zhanyii', ctx);
  // V8 also drops optimized code when a call brings a kind of value it has not seen (no hits, a
  // Latin seed, a date): queries of every kind — questions made of sentences' opening words,
  // names, /battle and /who, pinyin keys, dates — spread over the corpus.
  const { sentences } = index;
  const pinyin = [...index.entities.byPinyin.keys()];
  const step = Math.max(1, Math.floor(sentences.length / WARM_UP_QUERIES));
  for (let i = 0; i < WARM_UP_QUERIES && spentMs() < WARM_UP_BUDGET_MS; i++) {
    const text = sentences[(i * step) % Math.max(1, sentences.length)]?.sentence.text ?? title;
    const opening = Array.from(text).slice(0, 12).join('');
    const someName = names[i % Math.max(1, names.length)] ?? title;
    switch (i % 6) {
      case 0:
        yield () => answerQuestion(`${opening}是什么？`, ctx);
        break;
      case 1:
        yield () => answerQuestion(`誰說${opening}？`, ctx);
        break;
      case 2:
        yield () => answerQuestion(someName, ctx);
        break;
      case 3:
        yield () => answerQuestion(pinyin[(i * 7) % Math.max(1, pinyin.length)] ?? 'baotou', ctx);
        break;
      case 4:
        yield () => answerQuestion(dateTerms(foldText(text))[0] ?? opening, ctx);
        break;
      default:
        yield () => (i % 12 === 5 ? answerBattle(someName, ctx) : answerWho(someName, ctx));
    }
  }
}
