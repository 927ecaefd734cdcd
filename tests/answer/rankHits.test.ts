import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  type AnswerContext,
  answerQuestion,
  buildAnswerContext,
  CONTEXT_WEIGHTS,
  detectIntent,
  intentBoost,
  rankForIntent,
  rankHits,
} from '../../src/answer';
import { type Article, parsePlainTextArticle } from '../../src/corpus';
import { analyzeQuery, searchSentences } from '../../src/search';
import { SHARED_DIR, seedContext, wideContext } from '../helpers/corpora';

const article = (text: string, file: string): Article => {
  const parsed = parsePlainTextArticle(text, file);
  assert.ok(parsed.article, file);
  return parsed.article;
};

const ranked = (ctx: AnswerContext, question: string, weights = CONTEXT_WEIGHTS) => {
  const query = analyzeQuery(ctx.index, question);
  return rankHits(searchSentences(ctx.index, query), query, detectIntent(query.folded), ctx, weights);
};

/** A paragraph of the DRCD dev set (../shared/qa-eval), as a plain-text article: its title, then its text. */
function drcdParagraph(id: string): string {
  const drcd = JSON.parse(readFileSync(`${SHARED_DIR}/qa-eval/DRCD_dev.json`, 'utf8')) as {
    data: { title: string; paragraphs: { id: string; context: string }[] }[];
  };
  for (const a of drcd.data)
    for (const p of a.paragraphs) if (p.id === id) return `${a.title}\n\n${p.context}\n`;
  throw new Error(`DRCD paragraph ${id} not found`);
}

/** The answer context of some DRCD paragraphs, each as its own article. */
function drcdContext(...ids: string[]): AnswerContext {
  return buildAnswerContext(ids.map((id) => article(drcdParagraph(id), `${id}.txt`)));
}

describe('rankHits', () => {
  const questions = [
    '谁指挥了绥远战役？',
    '贺龙什么时候进攻包头',
    '傅军主力退守哪里',
    '聂贺部队为什么撤回',
    '傅军有几个师退守归绥',
  ];

  it('returns every lexical hit exactly once', () => {
    const ctx = seedContext();
    for (const q of questions) {
      const query = analyzeQuery(ctx.index, q);
      const hits = searchSentences(ctx.index, query);
      const refs = rankHits(hits, query, detectIntent(query.folded), ctx).map((h) => h.item.ref);
      assert.deepEqual(
        [...refs].sort((a, b) => a - b),
        hits.map((h) => h.item.ref).sort((a, b) => a - b),
        q,
      );
    }
  });

  it('does not count a word the sentence holds only inside a name the question does not ask about', () => {
    // The seed's lead holds 包头 only inside its alias list (又称…包头战役); 11月9日，贺龙部转攻包头
    // says it. With inName off, the lead covers 包头 too.
    const ctx = seedContext();
    const q = '贺龙拿下包头没有';
    const coverage = (weights: typeof CONTEXT_WEIGHTS, id: string) =>
      ranked(ctx, q, weights).find((h) => h.item.sentence.id === id)?.coverage ?? Number.NaN;
    const off = { ...CONTEXT_WEIGHTS, inName: 0 };
    assert.ok(coverage(CONTEXT_WEIGHTS, '平绥路战役#p1.s1') < coverage(off, '平绥路战役#p1.s1'));
    assert.equal(coverage(CONTEXT_WEIGHTS, '平绥路战役#p3.s2'), coverage(off, '平绥路战役#p3.s2'));
    assert.equal(answerQuestion(q, ctx).answers[0]?.id, '平绥路战役#p3.s3'); // 进攻包头也久攻不下
  });

  it('reads an undated sentence as told in the year of the dated sentence before it', () => {
    // 聂贺虽兵力占优，但却无法攻占归绥 follows 10月30日到11月12日 (1945): it holds 1945年, not 1946年
    const ctx = seedContext();
    const coverage = (q: string) =>
      ranked(ctx, q).find((h) => h.item.sentence.id === '平绥路战役#p3.s1')?.coverage ?? Number.NaN;
    assert.ok(coverage('1945年聂贺攻下归绥了没有') > coverage('1946年聂贺攻下归绥了没有'));
    assert.equal(answerQuestion('1945年聂贺攻下归绥了没有', ctx).answers[0]?.id, '平绥路战役#p3.s1');
  });

  it('boosts a sentence that places something for a where-question (迁至, 安葬在), not one that does not', () => {
    const ctx = wideContext();
    const boost = (id: string) => {
      const item = ctx.index.sentences[ctx.index.byId.get(id) ?? -1];
      assert.ok(item, id);
      return intentBoost('where', { item, score: 1, bm25: 1, coverage: 1, matched: [] });
    };
    assert.ok(boost('1945年国共冲突#p7.s10') > 1); // 国府被迫将东北行营迁至山海关
    assert.ok(boost('聂荣臻#p33.s6') > 1); // 他的另一部分骨灰被安葬在酒泉卫星发射中心…
    assert.equal(boost('1945年国共冲突#p8.s1'), 1); // 国府东北行营南迁后，苏联态度变好…
  });

  it('puts a length of time first for a question asking how long', () => {
    const ctx = wideContext();
    const q = '涿州之战傅作义坚持了多久';
    assert.equal(ranked(ctx, q)[0]?.item.sentence.id, '傅作义#p4.s3'); // …傅作義指揮部队坚守3个月
    assert.notEqual(ranked(ctx, q, { ...CONTEXT_WEIGHTS, duration: 0 })[0]?.item.sentence.id, '傅作义#p4.s3');
  });

  it('ranks as the intent boost alone when every context weight is 0', () => {
    const ctx = seedContext();
    const zero = Object.fromEntries(
      Object.keys(CONTEXT_WEIGHTS).map((k) => [k, 0]),
    ) as typeof CONTEXT_WEIGHTS;
    for (const q of questions) {
      const query = analyzeQuery(ctx.index, q);
      const hits = searchSentences(ctx.index, query);
      assert.deepEqual(
        ranked(ctx, q, zero).map((h) => h.item.ref),
        rankForIntent(hits, detectIntent(query.folded), ctx).map((h) => h.item.ref),
        q,
      );
    }
  });

  // The question paraphrases the first sentence at length; the clause with the question word
  // (最后是由于哪个舰队…而缓和) is what the answer sentence covers.
  it('prefers the sentence covering the clause of the question word', () => {
    const ctx = buildAnswerContext([
      article(
        '台海危机\n\n1996年，中华人民共和国以东南海域为目标实施飞弹试射，台湾海峡局势紧张。危机最后由美国第七舰队进入台湾海峡而缓和。\n',
        'a.txt',
      ),
    ]);
    const question = '1996年实施飞弹试射后，最后是由于哪个舰队进入台湾海峡而缓和？';
    assert.equal(
      answerQuestion(question, ctx).answers[0]?.text,
      '危机最后由美国第七舰队进入台湾海峡而缓和。',
    );
    // the focus is what sets them apart: without it the sentence repeating the first clause
    // comes much closer (its lead of the answer shrinks)
    const margin = (weights: typeof CONTEXT_WEIGHTS) => {
      const hits = ranked(ctx, question, weights);
      const score = (n: number) => hits.find((h) => h.item.sentence.sentence === n)?.score ?? 0;
      return score(2) / score(1);
    };
    assert.ok(margin(CONTEXT_WEIGHTS) > 2 * margin({ ...CONTEXT_WEIGHTS, focus: 0 }));
  });

  // 其面积为… refers back to the topic that the sentence before names: the question's 关岛 is
  // carried over (the article's title does not name it).
  it('credits a sentence with the topic the sentence before it names', () => {
    const ctx = buildAnswerContext([
      article('北马利安纳群岛\n\n塞班岛是北马利安纳群岛最大的岛屿。塞班岛的面积为115平方公里。\n', 'c.txt'),
      article('西太平洋岛屿\n\n关岛是美国在西太平洋的海外领土。其面积为544平方公里。\n', 'b.txt'),
    ]);
    const question = '关岛的面积有多大？';
    assert.equal(answerQuestion(question, ctx).answers[0]?.text, '其面积为544平方公里。');
    const without = ranked(ctx, question, { ...CONTEXT_WEIGHTS, carried: 0, carriedAnaphor: 0 })[0];
    assert.equal(without?.item.sentence.text, '关岛是美国在西太平洋的海外领土。');
  });

  // 西元幾年 asks for a year but has no when-word: the sentence stating one should still win over
  // the one that repeats the question's words.
  it('prefers a sentence stating a year when the question asks which year', () => {
    const ctx = buildAnswerContext([
      article(
        '馬關條約\n\n清朝與日本簽訂馬關條約，結束了甲午戰爭。這份條約於1895年4月17日在下關簽訂。\n',
        'd.txt',
      ),
    ]);
    const question = '馬關條約是西元幾年簽訂的？';
    assert.equal(answerQuestion(question, ctx).answers[0]?.text, '這份條約於1895年4月17日在下關簽訂。');
    // Either feature alone puts it first: the year it states, or (yearContext) the sentence before
    // it stating none and this one referring back to it (這份條約).
    for (const off of [{ year: 0 }, { yearContext: 0 }])
      assert.equal(
        ranked(ctx, question, { ...CONTEXT_WEIGHTS, ...off })[0]?.item.sentence.text,
        '這份條約於1895年4月17日在下關簽訂。',
      );
    const without = ranked(ctx, question, { ...CONTEXT_WEIGHTS, year: 0, yearContext: 0 })[0];
    assert.equal(without?.item.sentence.text, '清朝與日本簽訂馬關條約，結束了甲午戰爭。');
  });

  // The seed: 10月18日，聂贺部队开始进攻傅作义军。鉴于形势不利，傅军迅速撤退，损失不大。
  it('puts the sequel first when the question asks what came of an event (…以后…怎么应对)', () => {
    const ctx = seedContext();
    for (const question of ['聂贺部队进攻以后傅军是怎么应对的', '聂贺一开打，傅作义那边是怎么应对的？']) {
      assert.equal(ranked(ctx, question)[0]?.item.sentence.id, '平绥路战役#p2.s3', question);
      assert.equal(ranked(ctx, question)[1]?.item.sentence.id, '平绥路战役#p2.s2', question);
      assert.equal(
        ranked(ctx, question, { ...CONTEXT_WEIGHTS, afterward: 0 })[0]?.item.sentence.id,
        '平绥路战役#p2.s2',
      );
    }
    // …not when it asks about the event itself, or how it was done: the event's sentence answers
    assert.equal(ranked(ctx, '聂贺部队什么时候开始进攻')[0]?.item.sentence.id, '平绥路战役#p2.s2');
    assert.equal(ranked(ctx, '战役一开始聂贺部队是怎么进攻的')[0]?.item.sentence.id, '平绥路战役#p2.s2');
    assert.equal(ranked(ctx, '聂贺会师以后怎样围攻归绥')[0]?.item.sentence.id, '平绥路战役#p2.s5');
  });

  // Two DRCD paragraphs, read from ../shared/qa-eval: the sentence repeating a who/which question
  // opens with a pronoun (他呼籲…, 這是…); the name it stands for is in the sentence before.
  it('puts first the sentence naming who a pronoun stands for, when the question asks who or which', () => {
    const ctx = drcdContext('6491-5', '3562-3');
    const off = { ...CONTEXT_WEIGHTS, antecedent: 0 };

    const who = '何人呼籲在繁殖季節立法禁止狩獵來保護動物?';
    const answers = answerQuestion(who, ctx).answers.map((a) => a.text);
    assert.match(answers[0] ?? '', /^動物學家艾爾弗雷德•牛頓/);
    assert.match(answers[1] ?? '', /^他呼籲在繁殖季節/);
    assert.match(ranked(ctx, who, off)[0]?.item.sentence.text ?? '', /^他呼籲在繁殖季節/);

    const which = '中國報紙第一次獲得最佳報紙稱號是哪一家報紙?';
    assert.match(answerQuestion(which, ctx).answers[0]?.text ?? '', /^《大公報》自創辦以來/);
    assert.match(ranked(ctx, which, off)[0]?.item.sentence.text ?? '', /^這是中國報紙第一次/);

    // Asked when, not who: the pronoun's sentence holds the answer (1869年) and stays first.
    const when = '他呼籲立法之後，世界第一部自然保護法於何年通過?';
    assert.match(answerQuestion(when, ctx).answers[0]?.text ?? '', /^他呼籲在繁殖季節/);
  });

  // A DRCD paragraph: 早期的文字都是在石碑或建築物上的銘刻。這種書體被稱為「銘刻體」。 The
  // question's 被稱之為 is a question phrase, not a word to match: the first sentence repeats more
  // of the question, the second names the script.
  it('prefers a sentence that names something when the question asks what it is called', () => {
    const ctx = drcdContext('5577-2', '3524-4');
    const question = '在早期被刻在石碑或建築物上的書體被稱之為?';
    assert.equal(answerQuestion(question, ctx).answers[0]?.text, '這種書體被稱為「銘刻體」。');
    const without = ranked(ctx, question, { ...CONTEXT_WEIGHTS, naming: 0 })[0];
    assert.equal(without?.item.sentence.text, '早期的文字都是在石碑或建築物上的銘刻。');
  });

  // Two DRCD paragraphs; the first: 1943年，盟軍進行義大利戰役…。同年，杜林爆發了規模空前的大罷工…
  it('puts first the sentence stating the year when the question asks which year and the best one states none', () => {
    const ctx = drcdContext('6005-8', '5453-8');
    const off = { ...CONTEXT_WEIGHTS, yearContext: 0 };

    const strike = '杜林在哪一年爆發了規模空前的大罷工?';
    const answers = answerQuestion(strike, ctx).answers.map((a) => a.text);
    assert.match(answers[0] ?? '', /^1943年，盟軍進行義大利戰役/);
    assert.match(answers[1] ?? '', /^同年，杜林爆發了/);
    assert.match(ranked(ctx, strike, off)[0]?.item.sentence.text ?? '', /^同年，杜林爆發了/);

    // Asked when, with a month and a day in the best sentence: it stays first.
    const liberated = '義大利抵抗運動在哪一天解放杜林?';
    assert.match(answerQuestion(liberated, ctx).answers[0]?.text ?? '', /^1945年4月25日/);
  });
});
