import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  answerBattle,
  answerQuestion,
  answerTimeline,
  answerWho,
  buildAnswerContext,
  suggestNames,
  warmAnswerContext,
  warmAnswerContextInSlices,
} from '../../src/answer';
import { parsePlainTextArticle } from '../../src/corpus';
import { loadCorpus } from '../../src/io/loadCorpus';
import { SEED_DIR, WIKI_DIR } from '../helpers/corpora';

// A fresh context per test: warming one shared with other tests would hide what it changes.
function wideContextFresh() {
  const seed = loadCorpus(SEED_DIR);
  const wiki = loadCorpus(WIKI_DIR);
  return buildAnswerContext([...seed.articles, ...wiki.articles], seed.aliases);
}

const LINES = [
  (ctx: ReturnType<typeof wideContextFresh>) => answerQuestion('谁指挥了绥远战役？', ctx),
  (ctx: ReturnType<typeof wideContextFresh>) => answerQuestion('baotou', ctx),
  (ctx: ReturnType<typeof wideContextFresh>) => answerQuestion('fu zuoyi', ctx),
  (ctx: ReturnType<typeof wideContextFresh>) => answerQuestion('淮海战役的结果如何？', ctx),
  (ctx: ReturnType<typeof wideContextFresh>) => answerBattle('包头', ctx),
  (ctx: ReturnType<typeof wideContextFresh>) => answerWho('傅作义', ctx),
  (ctx: ReturnType<typeof wideContextFresh>) => answerTimeline(undefined, ctx),
  (ctx: ReturnType<typeof wideContextFresh>) => suggestNames(ctx.index, 'bao', 'battle'),
];

describe('warmAnswerContext', () => {
  it('changes no answer: a warmed context answers exactly as a cold one', () => {
    const cold = wideContextFresh();
    const warm = wideContextFresh();
    const ms = warmAnswerContext(warm);
    assert.ok(Number.isFinite(ms) && ms >= 0, `warm-up returns its ms, got ${ms}`);
    for (const line of LINES) assert.deepEqual(line(warm), line(cold));
  });

  it('does not fail on the smallest corpora: one sentence, no battles, no people, no links', () => {
    for (const text of ['一句话\n\n只有一句。', '标题\n\nOnly Latin text here.', '空\n\n。']) {
      const parsed = parsePlainTextArticle(text, 'tiny.txt');
      if (!parsed.article) continue;
      const ctx = buildAnswerContext([parsed.article]);
      assert.doesNotThrow(() => warmAnswerContext(ctx));
    }
  });

  it('in slices, hands the event loop back between steps and warms the same way', async () => {
    const cold = wideContextFresh();
    const warm = wideContextFresh();
    let pauses = 0;
    let interleaved = 0;
    const timer = setInterval(() => interleaved++, 0);
    try {
      await warmAnswerContextInSlices(warm, () => {
        pauses++;
        return new Promise((resolve) => setTimeout(resolve, 0));
      });
    } finally {
      clearInterval(timer);
    }
    assert.ok(pauses > 10, `pauses: ${pauses}`);
    assert.ok(interleaved > 0, 'other work ran while warming');
    for (const line of LINES) assert.deepEqual(line(warm), line(cold));
  });
});
