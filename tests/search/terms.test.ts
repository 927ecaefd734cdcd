import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bigrams, dateTerms, decodeTerm, encodeTerm, latinQueryKeys, pinyinKeys } from '../../src/search';
import { foldText } from '../../src/text/fold';

describe('foldText', () => {
  const rows: [string, string][] = [
    ['歸綏', '归绥'],
    ['傅作義', '傅作义'],
    ['平綏路戰役', '平绥路战役'],
    ['聶榮臻', '聂荣臻'],
    ['賀龍', '贺龙'],
    ['ＢＡＯＴＯＵ １９４５年', 'baotou 1945年'],
    ['包\u200b头', '包头'],
    ['a\ud800b', 'ab'],
  ];
  for (const [input, expected] of rows) {
    it(`folds ${JSON.stringify(input)} to ${expected}`, () => assert.equal(foldText(input), expected));
  }
});

describe('bigrams', () => {
  it('makes overlapping pairs', () => assert.deepEqual(bigrams('傅作义'), ['傅作', '作义']));
  it('gives nothing for one character', () => assert.deepEqual(bigrams('傅'), []));
});

describe('dateTerms', () => {
  it('indexes 12月 apart from the day in 11月12日', () => {
    assert.deepEqual(dateTerms('10月30日到11月12日'), [
      '10月30日',
      '10月',
      '30日',
      '11月12日',
      '11月',
      '12日',
    ]);
    assert.equal(dateTerms('10月30日到11月12日').includes('12月'), false);
    assert.deepEqual(dateTerms('到12月'), ['12月']);
  });
  it('reads Chinese numerals', () => {
    assert.deepEqual(dateTerms('一九四五年十月十八日'), ['1945年', '10月18日', '10月', '18日']);
  });
});

describe('encodeTerm', () => {
  it('round-trips CJK, astral and Latin terms, leaving Latin as is', () => {
    for (const term of ['包头', '10月18日', '𠀀字', 'baotou'])
      assert.equal(decodeTerm(encodeTerm(term)), term);
    assert.equal(encodeTerm('baotou'), 'baotou');
    assert.match(encodeTerm('包头'), /^~[0-9a-f]+$/);
  });
});

describe('pinyin', () => {
  it('spells names without tones, ü as v and u', () => {
    assert.deepEqual(pinyinKeys('傅作义'), ['fuzuoyi']);
    assert.deepEqual(pinyinKeys('吕正操'), ['lvzhengcao', 'luzhengcao']);
  });
  it('joins Latin query words', () => {
    assert.deepEqual(latinQueryKeys(['fu', 'zuoyi']), ['fu', 'zuoyi', 'fuzuoyi']);
  });
});
