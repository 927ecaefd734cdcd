import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitSentences } from '../../src/corpus';

describe('splitSentences', () => {
  const rows: [string, string[]][] = [
    ['傅军顽强抵抗，凭借堡垒固守。聂贺虽兵力占优。', ['傅军顽强抵抗，凭借堡垒固守。', '聂贺虽兵力占优。']],
    ['甲；乙！丙？丁', ['甲；', '乙！', '丙？', '丁']],
    ['他说：“撤退！”然后走了。', ['他说：“撤退！”然后走了。']],
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
