import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerQuestion } from '../../src/answer';
import { seedContext, wideContext } from '../helpers/corpora';

// A birth, a death, an origin, casualties, a signing: only a sentence in the fact's own words
// states it, and when none does the answer is not_found rather than the least-bad sentence.
describe('questions asking a birth, a death, an origin, casualties', () => {
  it('quotes the sentence stating the fact, though it shares no other word with the question', () => {
    const origin = answerQuestion('吕正操是哪里人？', wideContext());
    assert.equal(origin.status, 'ok');
    assert.match(origin.answers[0]?.text ?? '', /辽宁/); // 是一位生於辽宁海城的…开国上将
    assert.equal(answerQuestion('聂荣臻哪年逝世', wideContext()).answers[0]?.id, '聂荣臻#p3.s3');
    // asked in English, with the name in pinyin: the same facts (贺文常出生在…, 傅作義在北京病逝)
    assert.match(answerQuestion('When was He Long born?', wideContext()).answers[0]?.text ?? '', /1896年/);
    assert.match(
      answerQuestion('When did Fu Zuoyi die?', wideContext()).answers[0]?.text ?? '',
      /1974年4月19日/,
    );
    assert.match(answerQuestion('Where is Fu Zuoyi from?', wideContext()).answers[0]?.text ?? '', /山西省/);
    // …but "where … from" of an act is no origin question: 11月9日，贺龙部转攻包头
    assert.equal(
      answerQuestion('Where did He Long attack Baotou from?', seedContext()).answers[0]?.id,
      '平绥路战役#p3.s2',
    );
    // an anniversary of a death dates a ceremony (在贺龙逝世6周年之际，…骨灰安放仪式), not the death
    assert.match(answerQuestion('贺龙什么时候去世', wideContext()).answers[0]?.text ?? '', /1969年6月9日/);
  });

  it('says not_found when the corpus names the person but never states the fact', () => {
    // 粟裕 is named (聂荣臻…对粟裕的批判) but nothing says when he died
    const death = answerQuestion('粟裕是哪一年去世的', wideContext());
    assert.equal(death.status, 'not_found');
    assert.equal(death.reason?.code, 'not_stated');
    assert.match(death.message ?? '', /粟裕/);
    // the seed names 贺龙 and 马占山 but says nothing of their births or origins
    assert.equal(answerQuestion('贺龙是哪一年出生的', seedContext()).status, 'not_found');
    assert.equal(answerQuestion('马占山籍贯是哪里', seedContext()).status, 'not_found');
    // the strength of 聂贺部队 is never given (两大军区主力 is no count); 傅军's is: 傅军主力6个师
    assert.equal(answerQuestion('聂贺部队有多少人', seedContext()).reason?.code, 'not_stated');
    assert.equal(answerQuestion('傅军主力有多少人', seedContext()).answers[0]?.id, '平绥路战役#p2.s4');
    // how many were captured is no strength: …3.1万人被俘, not 其軍部率3個師駐守長治
    assert.equal(
      answerQuestion('上党战役中国军部队有多少人被俘', wideContext()).answers[0]?.id,
      '上党战役#p7.s1',
    );
    // a wife: 吕正操's is never named
    assert.equal(answerQuestion('吕正操的夫人叫什么名字', wideContext()).reason?.code, 'not_stated');
    // the wide corpus does say when 贺龙 was born
    assert.equal(answerQuestion('贺龙是哪一年出生的', wideContext()).status, 'ok');
  });

  it('answers where a name comes from with the sentence that says it (故名, 命名), else not_stated', () => {
    const origin = answerQuestion('绥远省为什么叫绥远', wideContext());
    assert.match(origin.answers[0]?.text ?? '', /故名綏遠/); // 因設有綏遠將軍駐守此地，故名綏遠
    assert.match(answerQuestion('察哈尔省 名字 由来', wideContext()).answers[0]?.text ?? '', /命名/);
    // the 贺龙 article gives 贺胡子 as a nickname but never says why
    assert.equal(answerQuestion('贺龙为什么叫贺胡子', wideContext()).reason?.code, 'not_stated');
  });

  it("reads a death only in words saying the person died, not someone else's (弟弟被蒸死)", () => {
    // 1920年，賀龍父親被土匪截殺，弟弟被蒸死… names 贺龙 and 死, of his brother
    const death = answerQuestion('贺龙是怎么死的？', wideContext());
    assert.match(death.answers[0]?.text ?? '', /迫害致死/);
    // which year: the date must be next to the death, not 陈独秀在1930年认为…最终被迫害致死
    assert.equal(answerQuestion('贺龙是哪一年死的', wideContext()).answers[0]?.id, '贺龙#p3.s6');
  });

  it('says not_found for a birth or a death of someone the corpus never names', () => {
    // 1976年，周恩来、朱德、毛泽东相继去世 states deaths, of other people
    const answer = answerQuestion('王小明是哪年去世的', wideContext());
    assert.equal(answer.status, 'not_found');
    assert.deepEqual(answer.reason, { code: 'unknown_subject', subject: '王小明' });
  });

  it('answers what became of someone only with a sentence saying it', () => {
    // the corpus names 孙连仲 but never says where he went; 马占山's article says he died in 北京
    assert.equal(answerQuestion('孙连仲最后有没有去台湾', wideContext()).reason?.code, 'not_stated');
    assert.match(answerQuestion('马占山后来的结局', wideContext()).answers[0]?.text ?? '', /逝世/);
    // a battle's 结局 is its outcome, not a person's fate
    assert.equal(answerQuestion('上党战役的结局', wideContext()).status, 'ok');
  });

  it('takes a name from the sentence before, as the ranking does', () => {
    // 11日晚，独立第二旅在扫除了崞县外围据点后… / …独二旅也付出了伤亡七十八人的代价
    const answer = answerQuestion('崞县攻城战斗中独二旅伤亡了多少', wideContext());
    assert.equal(answer.answers[0]?.id, '晋北战役#p11.s6');
  });

  it('does not read an aim as the fact stated', () => {
    // 中共…力图凭借兵力优势歼灭国军傅作义和马占山部 names 中共 and 歼灭, but as what it aimed at
    const casualties = answerQuestion('绥远战役里中共死伤了多少人', seedContext());
    assert.equal(casualties.reason?.code, 'not_stated');
    // a loss that happened is stated: 傅军迅速撤退，损失不大
    assert.equal(answerQuestion('傅军撤退时损失大吗', seedContext()).answers[0]?.id, '平绥路战役#p2.s3');
  });

  it('answers how many only with a sentence giving a count of what was asked', () => {
    // 损失不大 says the loss was small, not how many; the seed gives no figure for either side
    for (const question of [
      '傅军撤退时伤亡了多少',
      '聂贺部队伤亡了多少人',
      '平绥路战役傅作义部死伤了几个人',
    ]) {
      const answer = answerQuestion(question, seedContext());
      assert.equal(answer.reason?.code, 'not_stated', question);
    }
    // the seed counts 傅军's divisions (傅军主力6个师退守归绥), never the strength of 聂贺's
    // armies (两大军区主力, 兵力占优): a count of the other side does not answer
    assert.equal(answerQuestion('聂贺部队投入了多少兵力', seedContext()).reason?.code, 'not_stated');
    assert.equal(answerQuestion('傅军主力有几个师', seedContext()).answers[0]?.id, '平绥路战役#p2.s4');
    // a count written 5.3万 (萬) with no unit after it: 晉綏區軍進結5.3萬主力對傅作義發起攻擊
    const strength = answerQuestion('1945年中共集结了多少主力去打傅作义', wideContext());
    assert.match(strength.answers[0]?.text ?? '', /5\.3萬主力/);
    // a unit's number is no count: 新編三十二師…殲灭, 新31师…损失惨重 answer no how-many question
    for (const question of ['傅作义部队伤亡人数是多少', '五原战役守军伤亡了多少人']) {
      const text = answerQuestion(question, wideContext()).answers[0]?.text ?? '';
      assert.doesNotMatch(text, /新編三十二師|新31师/, question);
    }
    // 哪几个师 asks which divisions, not how many: not refused for want of a count
    assert.equal(answerQuestion('绥远战役国军哪几个师参加了', wideContext()).status, 'ok');
    // 陈赓部及冀南一部共约2.8万人进行上党战役
    assert.match(
      answerQuestion('上党战役刘邓出动了多少兵力', wideContext()).answers[0]?.text ?? '',
      /2\.8万人/,
    );
  });

  it("prefers the subject's lead for where they are from, and reads only their own life dates", () => {
    // 是一位生於山西省榮河縣的…, not 傅作義出生在一个富农家庭 nor 傅作义生于此
    assert.equal(answerQuestion('傅作义是哪里人', wideContext()).answers[0]?.id, '傅作义#p1.s1');
    // 商震(1926年9月-1927年9月)屬晉軍閻錫山部下 is a term of office, not 阎锡山's life
    assert.equal(answerQuestion('阎锡山是哪一年去世的', wideContext()).status, 'not_found');
    // a capital: 绥远省's is stated, 热河省's is not (only its border is)
    assert.equal(answerQuestion('绥远省的省会是哪里', wideContext()).status, 'ok');
    assert.equal(answerQuestion('热河省省会在哪', wideContext()).status, 'not_found');
  });

  it('says not_found for a name known only from the alias file', () => {
    // 大同集宁战役 is a curated name; the seed alone never mentions it
    const answer = answerQuestion('大同集宁战役的结果是什么', seedContext());
    assert.equal(answer.status, 'not_found');
    assert.equal(answer.reason?.code, 'never_mentioned');
  });

  it('reads a death in its many words, and a birthplace as where someone is from', () => {
    // 兵败自杀, 击毙, 殉国: deaths without 死
    assert.match(answerQuestion('35军军长鲁英麟是怎么死的', wideContext()).answers[0]?.text ?? '', /自杀/);
    assert.match(answerQuestion('左权是怎么牺牲的', wideContext()).answers[0]?.text ?? '', /殉国/);
    // 在哪里出生 asks a place: the lead's 生於奉天府怀德县, not 满洲国从此誕生
    assert.match(answerQuestion('馬占山是在哪裡出生的', wideContext()).answers[0]?.text ?? '', /怀德县/);
  });

  it('does not read 发生于 as a birth', () => {
    assert.equal(answerQuestion('平绥路战役发生于哪一年', seedContext()).status, 'ok');
  });
});
