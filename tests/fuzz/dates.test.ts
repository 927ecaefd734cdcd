/**
 * Property-based tests of the date grammar: extractDates never throws, and every date it
 * returns is a real calendar date (or month, or year) whose text is the exact input substring.
 * Seeded: see arbitraries.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type DateContext, type ExtractedDate, extractDates } from '../../src/facts/dates';
import { fuzz, hostileText, hostileUnit } from './arbitraries';

/** Pieces of Chinese date expressions, glued in random order: most outputs are near-dates. */
const DATE_PIECES = [
  ...'0123456789０１２３４５６７８９',
  ...'〇零○一二三四五六七八九十百千两兩廿卅元',
  '年',
  '月',
  '日',
  '号',
  '號',
  '旬',
  '上',
  '中',
  '下',
  '初',
  '底',
  '末',
  '份',
  '到',
  '至',
  '—',
  '——',
  '–',
  '~',
  '～',
  '-',
  '－',
  '〜',
  ' ',
  '\u3000',
  '公元',
  '公元前',
  '西元',
  '前',
  '民国',
  '民國',
  '年代',
  '同年',
  '次年',
  '翌年',
  '第二年',
  '隔年',
  '是年',
  '该年',
  '同月',
  '次月',
  '当月',
  '同日',
  '当日',
  '当天',
  '当晚',
  '次日',
  '翌日',
  '第二天',
  '隔日',
  '日军',
  '日本',
  '月亮',
  '一月余',
  '历时',
  '约',
  '每',
  '第',
  '，',
  '。',
  '、',
  '（',
  '）',
  '：',
  '1945年',
  '10月18日',
  '11月9日',
  '12月',
  '2月29日',
  '2月30日',
  '1900年2月29日',
  '2000年2月29日',
  '9999年12月31日',
  '0年',
  '13月',
  '0月',
  '32日',
  '十月十八日',
  '一九四五年',
  '民国三十四年',
  '8月中旬',
  '中下旬',
  '10月30日到11月12日',
  '12月17日至20日',
  '1937—1945年',
];
const dateUnit = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...DATE_PIECES) },
  { weight: 1, arbitrary: hostileUnit },
);
const dateSentence = fc.oneof(
  { weight: 5, arbitrary: fc.array(dateUnit, { maxLength: 30 }).map((u) => u.join('')) },
  { weight: 1, arbitrary: hostileText(40) },
);
const contextArb: fc.Arbitrary<DateContext | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      year: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.integer(), fc.double()),
      month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer(), fc.double()),
      day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer(), fc.double()),
    },
    { requiredKeys: [] },
  ),
);

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Checks a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` value is a real date; returns [first day, last day]. */
function span(value: string): [string, string] {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  assert.ok(m, `malformed date ${value}`);
  const year = Number(m[1]);
  assert.ok(year >= 1 && year <= 9999, `year ${value}`);
  if (m[2] === undefined) return [`${m[1]}-01-01`, `${m[1]}-12-31`];
  const month = Number(m[2]);
  assert.ok(month >= 1 && month <= 12, `month ${value}`);
  const last = String(daysIn(year, month)).padStart(2, '0');
  if (m[3] === undefined) return [`${m[1]}-${m[2]}-01`, `${m[1]}-${m[2]}-${last}`];
  const day = Number(m[3]);
  assert.ok(day >= 1 && day <= daysIn(year, month), `day ${value}`);
  return [value, value];
}

function checkDates(sentence: string, dates: ExtractedDate[], context: DateContext): void {
  let previousEnd = 0;
  for (const d of dates) {
    assert.ok(['year', 'month', 'xun', 'day'].includes(d.precision), d.precision);
    assert.ok(d.text.length > 0);
    assert.equal(sentence.slice(d.offset, d.offset + d.text.length), d.text, 'text is the input substring');
    assert.ok(d.offset >= previousEnd, 'dates do not overlap and come in order');
    previousEnd = d.offset + d.text.length;
    const [startLo] = span(d.start);
    if (d.end !== undefined) {
      const [, endHi] = span(d.end);
      assert.ok(startLo <= endHi, `range ${d.start}..${d.end} runs backwards`);
    }
    if (d.precision === 'day') assert.match(d.start, /^\d{4}-\d{2}-\d{2}$/);
    if (d.precision === 'xun') assert.ok(d.end !== undefined, 'a 旬 has an end');
  }
  const { year, month, day } = context;
  if (year !== undefined) assert.ok(Number.isInteger(year) && year >= 1 && year <= 9999);
  if (month !== undefined) assert.ok(Number.isInteger(month) && month >= 1 && month <= 12);
  if (day !== undefined) {
    assert.ok(year !== undefined && month !== undefined, 'a day in context needs its month and year');
    assert.ok(Number.isInteger(day) && day >= 1 && day <= daysIn(year, month));
  }
}

describe('extractDates on arbitrary text', () => {
  it('never throws and returns only real calendar dates, as exact substrings (3,000 runs)', () => {
    let runs = 0;
    let withDates = 0;
    fc.assert(
      fc.property(dateSentence, contextArb, (sentence, context) => {
        const { dates, context: next } = extractDates(sentence, context);
        checkDates(sentence, dates, next);
        runs++;
        if (dates.length > 0) withDates++;
      }),
      fuzz(3_000),
    );
    // Not vacuous: a good share of the generated sentences do hold dates.
    assert.ok(withDates > runs * 0.1, `${withDates} of ${runs} inputs had a date`);
  });

  it('carries context through a paragraph of sentences without ever producing an invalid date (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(dateSentence, { minLength: 1, maxLength: 8 }), contextArb, (sentences, start) => {
        let context = start;
        for (const sentence of sentences) {
          const result = extractDates(sentence, context);
          checkDates(sentence, result.dates, result.context);
          context = result.context;
        }
      }),
      fuzz(1_000),
    );
  });

  it('stays fast on 6,000-character inputs (no catastrophic backtracking; 200 runs)', () => {
    fc.assert(
      fc.property(fc.array(dateUnit, { minLength: 1, maxLength: 12 }), (units) => {
        const chunk = units.join('') || '年';
        const sentence = chunk.repeat(Math.ceil(6_000 / chunk.length)).slice(0, 6_000);
        const started = performance.now();
        const { dates, context } = extractDates(sentence);
        const ms = performance.now() - started;
        checkDates(sentence, dates, context);
        assert.ok(ms < 500, `${ms.toFixed(0)} ms on ${JSON.stringify(chunk)}`);
      }),
      fuzz(200),
    );
  });

  it('treats non-string input and garbage context as "no dates", never throwing', () => {
    for (const bad of [undefined, null, 42, {}, [], '']) {
      const { dates } = extractDates(
        bad as unknown as string,
        { year: Number.NaN, month: -1, day: 99 } as DateContext,
      );
      assert.deepEqual(dates, []);
    }
  });
});
