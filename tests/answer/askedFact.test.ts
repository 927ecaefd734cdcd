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
    // the wide corpus does say when 贺龙 was born
    assert.equal(answerQuestion('贺龙是哪一年出生的', wideContext()).status, 'ok');
  });

  it('does not read 发生于 as a birth', () => {
    assert.equal(answerQuestion('平绥路战役发生于哪一年', seedContext()).status, 'ok');
  });
});
