import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerQuestion } from '../../src/answer';
import { analyzeQuery } from '../../src/search';
import { SEPARABLE_WORDS, SYNONYM_GROUPS, SYNONYMS, synonymWords } from '../../src/search/synonyms';
import { foldText } from '../../src/text/fold';
import { seedContext, wideContext } from '../helpers/corpora';

describe('synonyms', () => {
  it('maps every word of a group to the whole group, itself first, and no word to two groups', () => {
    const seen = new Map<string, number>();
    SYNONYM_GROUPS.forEach((group, g) => {
      for (const word of group) {
        assert.equal(seen.get(word), undefined, `${word} is in two groups`);
        seen.set(word, g);
        assert.equal(SYNONYMS.get(word)?.[0], word);
        assert.deepEqual([...(SYNONYMS.get(word) ?? [])].sort(), [...group].sort());
        // queries are folded before lookup: a word must already be in folded (simplified) form
        assert.equal(foldText(word), word);
      }
    });
  });

  it('finds group words longest first, without overlaps', () => {
    assert.deepEqual(
      synonymWords('他改名后病逝于北京').map((w) => w.word),
      ['改名', '病逝'],
    );
    assert.deepEqual(synonymWords('没有同义词'), []);
  });

  it('lets a question word match the synonym the corpus uses (改成 → 改为), typed word still a unit', () => {
    const ctx = wideContext();
    const q = analyzeQuery(ctx.index, '八路军的番号后来改成了什么？');
    const unit = q.units.find((u) => u.alternatives.some((alt) => alt.join() === '改为'));
    assert.ok(unit, JSON.stringify(q.units));
    assert.deepEqual(unit.alternatives[0], ['改成']);
  });

  it('reads a spoken word of a campaign as the written one of the seed (合兵 → 会师, 打下 → 攻占)', () => {
    const ctx = seedContext();
    for (const [question, written] of [
      ['聂贺什么时候合兵', '会师'],
      ['中共打下归绥了吗', '攻占'],
      ['聂贺想消灭谁的部队', '歼灭'],
      ['贺龙分兵去打了哪里', '转攻'],
      ['傅军撤走了吗', '撤退'],
    ] as const) {
      const q = analyzeQuery(ctx.index, question);
      assert.ok(
        q.units.some((u) => u.alternatives.some((alt) => alt.join('') === written)),
        `${question}: ${JSON.stringify(q.units)}`,
      );
    }
    assert.equal(answerQuestion('聂贺什么时候合兵', ctx).answers[0]?.id, '平绥路战役#p2.s5'); // 聂贺会师围攻归绥
    // a battle's start is its first attack: 10月18日，聂贺部队开始进攻傅作义军
    assert.equal(answerQuestion('聂贺什么时候开打', ctx).answers[0]?.id, '平绥路战役#p2.s2');
    // a title's short form: 政委 is 政治委员 in the wide corpus
    const wide = analyzeQuery(wideContext().index, '晋绥军区的政委是谁');
    assert.ok(wide.units.some((u) => u.alternatives.some((alt) => alt.join('+') === '政治+治委+委员')));
  });

  it('matches a verb-object word a spoken question splits with 的, 了 or 过 (入的党, 结了婚)', () => {
    assert.deepEqual(
      synonymWords('聂荣臻几几年入的党').map(({ word, start, end }) => [word, start, end]),
      [['入党', 6, 9]],
    );
    assert.deepEqual(
      synonymWords('他结了婚又参过军').map((w) => w.word),
      ['结婚', '参军'],
    );
    // every split word is a two-character word of a group (else it would never be looked for)
    for (const word of SEPARABLE_WORDS) assert.ok(SYNONYMS.has(word) && word.length === 2, word);
    // 的 between other characters joins nothing (入的 + 人)
    assert.deepEqual(synonymWords('加入的人'), []);
    // 于1923年3月加入中国共产党 answers the split question, as it does 聂荣臻哪年入党
    assert.equal(answerQuestion('聂荣臻几几年入的党', wideContext()).answers[0]?.id, '聂荣臻#p2.s1');
  });
});
