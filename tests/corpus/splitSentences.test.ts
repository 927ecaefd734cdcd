import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitSentences } from '../../src/corpus';

describe('splitSentences', () => {
  const rows: [string, string[]][] = [
    ['傅军顽强抵抗，凭借堡垒固守。聂贺虽兵力占优。', ['傅军顽强抵抗，凭借堡垒固守。', '聂贺虽兵力占优。']],
    ['甲；乙！丙？丁', ['甲；', '乙！', '丙？', '丁']],
    // a quote that ends its own sentence ends the one around it (…立了大功！”1974年…, as in 傅作义),
    // unless punctuation goes on after it
    ['他说：“撤退！”然后走了。', ['他说：“撤退！”', '然后走了。']],
    ['他高呼“万岁！”，随后离开。', ['他高呼“万岁！”，随后离开。']],
    // …and only speech ends its sentence: a quoted slogan, title or cry is part of the one around it
    ['他们提出“打倒日本帝国主义！”的口号，得到响应。', ['他们提出“打倒日本帝国主义！”的口号，得到响应。']],
    ['“为什么？”这个问题很难回答。', ['“为什么？”这个问题很难回答。']],
    ['他喊了一声“冲啊！”就冲了上去。', ['他喊了一声“冲啊！”就冲了上去。']],
    ['张三（曾说“我不去。”后改变主意）出发了。', ['张三（曾说“我不去。”后改变主意）出发了。']],
    ['“此处不留爷，自有留爷处。处处不留爷”是他的话。', ['“此处不留爷，自有留爷处。处处不留爷”是他的话。']],
    // a terminator inside brackets closed on the same line is part of a remark (傅作义's wives)
    ['大夫人：张金强（？—1994年），1909年结婚。', ['大夫人：张金强（？—1994年），1909年结婚。']],
    ['张爱萍（以副主任名义，上校衔。）后来', ['张爱萍（以副主任名义，上校衔。）', '后来']],
    ['生年（？）1909年结婚。', ['生年（？）1909年结婚。']],
    // an unclosed bracket does not hold the paragraph together
    ['（未闭合。下一句。', ['（未闭合。', '下一句。']],
    ['（注：见上文。）下一句。', ['（注：见上文。）', '下一句。']],
    ['第一行\n第二行。', ['第一行', '第二行。']],
    ['……。', []],
    ['Version 2.0 is out! Next', ['Version 2.0 is out!', 'Next']],
    ['', []],
  ];
  for (const [input, expected] of rows) {
    it(`splits ${JSON.stringify(input)}`, () => {
      assert.deepEqual(
        splitSentences(input).map((s) => s.text),
        expected,
      );
    });
  }

  it('returns offsets into the input', () => {
    const input = '  甲。 乙。';
    for (const s of splitSentences(input)) assert.equal(input.slice(s.start, s.end), s.text);
  });
});
