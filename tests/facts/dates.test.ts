/**
 * Tests for src/facts/dates.ts: table-driven rows with exact expected outputs for every supported
 * form, the corpus sentences of 平绥路战役 read in sequence, and fast-check properties (never throws,
 * well-formed and valid calendar dates, ordered ranges, text/offset point into the input).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type DateContext, type ExtractedDate, extractDates } from '../../src/facts/dates.js';

type Row = {
  name: string;
  input: string;
  context?: DateContext;
  dates: ExtractedDate[];
  /** Expected returned context; when omitted only `dates` is checked. */
  after?: DateContext;
};

function runRows(rows: Row[]): void {
  for (const row of rows) {
    it(`${row.name}: ${JSON.stringify(row.input)}`, () => {
      const result = extractDates(row.input, row.context);
      assert.deepStrictEqual(result.dates, row.dates);
      if (row.after) assert.deepStrictEqual(result.context, row.after);
    });
  }
}

const Y1945: DateContext = { year: 1945 };

describe('extractDates: absolute dates', () => {
  runRows([
    {
      name: 'year only',
      input: '1945年',
      dates: [{ start: '1945', precision: 'year', text: '1945年', offset: 0 }],
      after: { year: 1945 },
    },
    {
      name: 'year and month',
      input: '1945年8月',
      dates: [{ start: '1945-08', precision: 'month', text: '1945年8月', offset: 0 }],
      after: { year: 1945, month: 8 },
    },
    {
      name: 'month with 份',
      input: '1945年8月份',
      dates: [{ start: '1945-08', precision: 'month', text: '1945年8月份', offset: 0 }],
    },
    {
      name: 'full date',
      input: '1945年8月15日，日本宣布投降。',
      dates: [{ start: '1945-08-15', precision: 'day', text: '1945年8月15日', offset: 0 }],
      after: { year: 1945, month: 8, day: 15 },
    },
    {
      name: 'zero-padded month and day',
      input: '1945年08月05日',
      dates: [{ start: '1945-08-05', precision: 'day', text: '1945年08月05日', offset: 0 }],
    },
    {
      name: 'year inside a wiki category',
      input: '[Category:1945年10月](https://zh.wikipedia.org/wiki/Category:1945年10月 "wikilink")',
      dates: [
        { start: '1945-10', precision: 'month', text: '1945年10月', offset: 10 },
        { start: '1945-10', precision: 'month', text: '1945年10月', offset: 59 },
      ],
    },
    {
      name: 'year inside a wiki link',
      input: '是[1945年国共冲突](../Page/1945年国共冲突.md "wikilink")的一部分',
      dates: [
        { start: '1945', precision: 'year', text: '1945年', offset: 2 },
        { start: '1945', precision: 'year', text: '1945年', offset: 21 },
      ],
    },
    {
      name: 'two dates in one sentence',
      input: '1945年8月15日日本投降，9月2日签署投降书。',
      dates: [
        { start: '1945-08-15', precision: 'day', text: '1945年8月15日', offset: 0 },
        { start: '1945-09-02', precision: 'day', text: '9月2日', offset: 15 },
      ],
      after: { year: 1945, month: 9, day: 2 },
    },
    {
      name: 'month-day with context year',
      input: '10月18日',
      context: Y1945,
      dates: [{ start: '1945-10-18', precision: 'day', text: '10月18日', offset: 0 }],
      after: { year: 1945, month: 10, day: 18 },
    },
    {
      name: '于 + month-day with context year 1939',
      input: '于12月17日展开包头城的外围战斗',
      context: { year: 1939 },
      dates: [{ start: '1939-12-17', precision: 'day', text: '12月17日', offset: 1 }],
      after: { year: 1939, month: 12, day: 17 },
    },
    {
      name: 'explicit year overrides context',
      input: '1946年1月10日',
      context: { year: 1945, month: 12, day: 31 },
      dates: [{ start: '1946-01-10', precision: 'day', text: '1946年1月10日', offset: 0 }],
    },
    {
      name: '到 + month',
      input: '到12月，天气寒冷',
      context: Y1945,
      dates: [{ start: '1945-12', precision: 'month', text: '12月', offset: 1 }],
      after: { year: 1945, month: 12 },
    },
    {
      name: '公元 prefix',
      input: '公元1945年',
      dates: [{ start: '1945', precision: 'year', text: '公元1945年', offset: 0 }],
    },
    {
      name: 'three-digit year followed by a month',
      input: '755年12月16日，安禄山起兵',
      dates: [{ start: '0755-12-16', precision: 'day', text: '755年12月16日', offset: 0 }],
    },
    {
      name: 'leap day in a leap year',
      input: '1944年2月29日',
      dates: [{ start: '1944-02-29', precision: 'day', text: '1944年2月29日', offset: 0 }],
    },
  ]);
});

describe('extractDates: 旬 and month/year edges', () => {
  runRows([
    {
      name: '中旬',
      input: '1945年8月中旬',
      dates: [{ start: '1945-08-11', end: '1945-08-20', precision: 'xun', text: '1945年8月中旬', offset: 0 }],
      after: { year: 1945, month: 8 },
    },
    {
      name: '上旬',
      input: '1945年8月上旬',
      dates: [{ start: '1945-08-01', end: '1945-08-10', precision: 'xun', text: '1945年8月上旬', offset: 0 }],
    },
    {
      name: '下旬 of a 31-day month',
      input: '1945年8月下旬',
      dates: [{ start: '1945-08-21', end: '1945-08-31', precision: 'xun', text: '1945年8月下旬', offset: 0 }],
    },
    {
      name: '下旬 of a 30-day month',
      input: '1945年9月下旬',
      dates: [{ start: '1945-09-21', end: '1945-09-30', precision: 'xun', text: '1945年9月下旬', offset: 0 }],
    },
    {
      name: '下旬 of February, common year',
      input: '1945年2月下旬',
      dates: [{ start: '1945-02-21', end: '1945-02-28', precision: 'xun', text: '1945年2月下旬', offset: 0 }],
    },
    {
      name: '下旬 of February, leap year',
      input: '1944年2月下旬',
      dates: [{ start: '1944-02-21', end: '1944-02-29', precision: 'xun', text: '1944年2月下旬', offset: 0 }],
    },
    {
      name: '下旬 of February, 1900 is not leap',
      input: '1900年2月下旬',
      dates: [{ start: '1900-02-21', end: '1900-02-28', precision: 'xun', text: '1900年2月下旬', offset: 0 }],
    },
    {
      name: '下旬 of February, 2000 is leap',
      input: '2000年2月下旬',
      dates: [{ start: '2000-02-21', end: '2000-02-29', precision: 'xun', text: '2000年2月下旬', offset: 0 }],
    },
    {
      name: '中下旬',
      input: '1945年8月中下旬',
      dates: [
        { start: '1945-08-11', end: '1945-08-31', precision: 'xun', text: '1945年8月中下旬', offset: 0 },
      ],
    },
    {
      name: 'month + 底 is 下旬',
      input: '8月底',
      context: Y1945,
      dates: [{ start: '1945-08-21', end: '1945-08-31', precision: 'xun', text: '8月底', offset: 0 }],
    },
    {
      name: 'month + 初 is 上旬',
      input: '8月初，部队集结',
      context: Y1945,
      dates: [{ start: '1945-08-01', end: '1945-08-10', precision: 'xun', text: '8月初', offset: 0 }],
    },
    {
      name: 'month + 中 before punctuation is 中旬',
      input: '8月中，部队集结',
      context: Y1945,
      dates: [{ start: '1945-08-11', end: '1945-08-20', precision: 'xun', text: '8月中', offset: 0 }],
    },
    {
      name: '8月中国 is a month, not 中旬',
      input: '8月中国军队',
      context: Y1945,
      dates: [{ start: '1945-08', precision: 'month', text: '8月', offset: 0 }],
    },
    {
      name: 'bare 月底 uses the context month',
      input: '月底，傅军撤退',
      context: { year: 1945, month: 10 },
      dates: [{ start: '1945-10-21', end: '1945-10-31', precision: 'xun', text: '月底', offset: 0 }],
    },
    {
      name: 'bare 月初 uses the context month',
      input: '到月初',
      context: { year: 1945, month: 2 },
      dates: [{ start: '1945-02-01', end: '1945-02-10', precision: 'xun', text: '月初', offset: 1 }],
    },
    {
      name: 'bare 月中 uses the context month',
      input: '月中，',
      context: { year: 1945, month: 11 },
      dates: [{ start: '1945-11-11', end: '1945-11-20', precision: 'xun', text: '月中', offset: 0 }],
    },
    {
      name: 'bare 下旬 uses the context month',
      input: '下旬，双方停战',
      context: { year: 1944, month: 2 },
      dates: [{ start: '1944-02-21', end: '1944-02-29', precision: 'xun', text: '下旬', offset: 0 }],
    },
    {
      name: '年底',
      input: '1945年底',
      dates: [{ start: '1945-12', precision: 'month', text: '1945年底', offset: 0 }],
      after: { year: 1945, month: 12 },
    },
    {
      name: '年末',
      input: '1945年末',
      dates: [{ start: '1945-12', precision: 'month', text: '1945年末', offset: 0 }],
    },
    {
      name: '年初',
      input: '1946年初',
      dates: [{ start: '1946-01', precision: 'month', text: '1946年初', offset: 0 }],
      after: { year: 1946, month: 1 },
    },
    {
      name: 'bare 年底 uses the context year',
      input: '年底，国军反攻',
      context: { year: 1945, month: 10, day: 3 },
      dates: [{ start: '1945-12', precision: 'month', text: '年底', offset: 0 }],
      after: { year: 1945, month: 12 },
    },
    {
      name: 'bare 年初 after 到',
      input: '到年初',
      context: Y1945,
      dates: [{ start: '1945-01', precision: 'month', text: '年初', offset: 1 }],
    },
    {
      name: 'bare 年底 without context year is skipped',
      input: '年底',
      dates: [],
    },
    {
      name: 'bare 月底 without context month is skipped',
      input: '月底',
      context: Y1945,
      dates: [],
    },
  ]);
});

describe('extractDates: context carry-over and relative expressions', () => {
  runRows([
    {
      name: 'day-only continuation',
      input: '到25日，傅军主力6个师退守归绥。',
      context: { year: 1945, month: 10, day: 18 },
      dates: [{ start: '1945-10-25', precision: 'day', text: '25日', offset: 1 }],
      after: { year: 1945, month: 10, day: 25 },
    },
    {
      name: 'day-only without context month is skipped',
      input: '到25日',
      context: Y1945,
      dates: [],
      after: Y1945,
    },
    {
      name: 'month without a known year is skipped',
      input: '12月',
      dates: [],
      after: {},
    },
    {
      name: 'month-day without a known year is skipped',
      input: '10月18日，聂贺部队开始进攻',
      dates: [],
      after: {},
    },
    {
      name: 'year mention resets month and day',
      input: '1946年',
      context: { year: 1945, month: 10, day: 18 },
      dates: [{ start: '1946', precision: 'year', text: '1946年', offset: 0 }],
      after: { year: 1946 },
    },
    {
      name: 'month mention resets day',
      input: '11月',
      context: { year: 1945, month: 10, day: 18 },
      dates: [{ start: '1945-11', precision: 'month', text: '11月', offset: 0 }],
      after: { year: 1945, month: 11 },
    },
    {
      name: '同日',
      input: '同日，贺龙部转攻包头',
      context: { year: 1945, month: 10, day: 18 },
      dates: [{ start: '1945-10-18', precision: 'day', text: '同日', offset: 0 }],
      after: { year: 1945, month: 10, day: 18 },
    },
    {
      name: '当日',
      input: '当日，',
      context: { year: 1945, month: 10, day: 18 },
      dates: [{ start: '1945-10-18', precision: 'day', text: '当日', offset: 0 }],
    },
    {
      name: '當日 (traditional)',
      input: '當日，',
      context: { year: 1945, month: 10, day: 18 },
      dates: [{ start: '1945-10-18', precision: 'day', text: '當日', offset: 0 }],
    },
    {
      name: '当天',
      input: '当天，',
      context: { year: 1945, month: 10, day: 18 },
      dates: [{ start: '1945-10-18', precision: 'day', text: '当天', offset: 0 }],
    },
    {
      name: '当晚',
      input: '当晚，共军撤退',
      context: { year: 1945, month: 10, day: 18 },
      dates: [{ start: '1945-10-18', precision: 'day', text: '当晚', offset: 0 }],
    },
    {
      name: '当夜',
      input: '当夜突围',
      context: { year: 1945, month: 10, day: 18 },
      dates: [{ start: '1945-10-18', precision: 'day', text: '当夜', offset: 0 }],
    },
    {
      name: '次日',
      input: '次日，傅军反击',
      context: { year: 1945, month: 10, day: 18 },
      dates: [{ start: '1945-10-19', precision: 'day', text: '次日', offset: 0 }],
      after: { year: 1945, month: 10, day: 19 },
    },
    {
      name: '次日 across a month end',
      input: '次日',
      context: { year: 1945, month: 10, day: 31 },
      dates: [{ start: '1945-11-01', precision: 'day', text: '次日', offset: 0 }],
    },
    {
      name: '翌日 across a year end',
      input: '翌日',
      context: { year: 1945, month: 12, day: 31 },
      dates: [{ start: '1946-01-01', precision: 'day', text: '翌日', offset: 0 }],
      after: { year: 1946, month: 1, day: 1 },
    },
    {
      name: '第二天 into a leap day',
      input: '第二天',
      context: { year: 1944, month: 2, day: 28 },
      dates: [{ start: '1944-02-29', precision: 'day', text: '第二天', offset: 0 }],
    },
    {
      name: '第二天 out of February in a common year',
      input: '第二天',
      context: { year: 1945, month: 2, day: 28 },
      dates: [{ start: '1945-03-01', precision: 'day', text: '第二天', offset: 0 }],
    },
    {
      name: '同日 without a context day is skipped',
      input: '同日',
      context: { year: 1945, month: 10 },
      dates: [],
    },
    {
      name: '次日 without a context day is skipped',
      input: '次日',
      context: Y1945,
      dates: [],
    },
    {
      name: '同年 + month',
      input: '同年10月',
      context: { year: 1945, month: 8 },
      dates: [{ start: '1945-10', precision: 'month', text: '同年10月', offset: 0 }],
    },
    {
      name: '次年 + month',
      input: '次年1月',
      context: { year: 1945, month: 12 },
      dates: [{ start: '1946-01', precision: 'month', text: '次年1月', offset: 0 }],
    },
    {
      name: '同年底',
      input: '同年底',
      context: Y1945,
      dates: [{ start: '1945-12', precision: 'month', text: '同年底', offset: 0 }],
    },
    {
      name: '同月 + day',
      input: '同月25日',
      context: { year: 1945, month: 10, day: 3 },
      dates: [{ start: '1945-10-25', precision: 'day', text: '同月25日', offset: 0 }],
    },
    {
      name: '次月 + 上旬 across a year end',
      input: '次月上旬',
      context: { year: 1945, month: 12 },
      dates: [{ start: '1946-01-01', end: '1946-01-10', precision: 'xun', text: '次月上旬', offset: 0 }],
    },
    {
      name: 'the input context object is not mutated',
      input: '1946年',
      context: Object.freeze({ year: 1945, month: 10, day: 18 }),
      dates: [{ start: '1946', precision: 'year', text: '1946年', offset: 0 }],
    },
    {
      name: 'invalid context values are ignored',
      input: '10月18日',
      context: { year: 1945.5, month: 13, day: 40 },
      dates: [],
      after: {},
    },
  ]);
});

describe('extractDates: ranges', () => {
  const C: DateContext = Y1945;
  const rangeRow = (input: string, start: string, end: string, text = input): Row => ({
    name: 'range',
    input,
    context: C,
    dates: [{ start, end, precision: 'day', text, offset: 0 }],
  });
  runRows([
    {
      ...rangeRow('10月30日到11月12日', '1945-10-30', '1945-11-12'),
      after: { year: 1945, month: 11, day: 12 },
    },
    rangeRow('10月30日至11月12日', '1945-10-30', '1945-11-12'),
    rangeRow('10月30日—11月12日', '1945-10-30', '1945-11-12'),
    rangeRow('10月30日——11月12日', '1945-10-30', '1945-11-12'),
    rangeRow('10月30日–11月12日', '1945-10-30', '1945-11-12'),
    rangeRow('10月30日～11月12日', '1945-10-30', '1945-11-12'),
    rangeRow('10月30日~11月12日', '1945-10-30', '1945-11-12'),
    rangeRow('10月30日-11月12日', '1945-10-30', '1945-11-12'),
    rangeRow('10月30日 - 11月12日', '1945-10-30', '1945-11-12'),
    rangeRow('10月30日到11月12日为止', '1945-10-30', '1945-11-12', '10月30日到11月12日'),
    rangeRow('9月10日至10月12日', '1945-09-10', '1945-10-12'),
    rangeRow('1945年9月10日—10月12日', '1945-09-10', '1945-10-12'),
    { ...rangeRow('12月17日至20日', '1945-12-17', '1945-12-20'), after: { year: 1945, month: 12, day: 20 } },
    rangeRow('十月十八日至二十五日', '1945-10-18', '1945-10-25'),
    rangeRow('10月1日至5日', '1945-10-01', '1945-10-05'),
    {
      name: 'range rolls into the next year',
      input: '12月25日至1月5日',
      context: { year: 1944 },
      dates: [
        { start: '1944-12-25', end: '1945-01-05', precision: 'day', text: '12月25日至1月5日', offset: 0 },
      ],
      after: { year: 1945, month: 1, day: 5 },
    },
    {
      name: 'day-only range end rolls into the next month',
      input: '10月28日至2日',
      context: C,
      dates: [{ start: '1945-10-28', end: '1945-11-02', precision: 'day', text: '10月28日至2日', offset: 0 }],
    },
    {
      name: 'year range',
      input: '1944年至1945年',
      dates: [{ start: '1944', end: '1945', precision: 'year', text: '1944年至1945年', offset: 0 }],
      after: { year: 1945 },
    },
    {
      name: 'year span with 年 written once',
      input: '1937—1945年',
      context: { year: 1950, month: 3 },
      dates: [{ start: '1937', end: '1945', precision: 'year', text: '1937—1945年', offset: 0 }],
      after: { year: 1945 },
    },
    {
      name: 'full dates across years',
      input: '1937年7月7日至1945年8月15日',
      dates: [
        {
          start: '1937-07-07',
          end: '1945-08-15',
          precision: 'day',
          text: '1937年7月7日至1945年8月15日',
          offset: 0,
        },
      ],
    },
    {
      name: '同年 + day range',
      input: '同年10月10日至11日',
      context: { year: 1945, month: 8 },
      dates: [
        { start: '1945-10-10', end: '1945-10-11', precision: 'day', text: '同年10月10日至11日', offset: 0 },
      ],
    },
    {
      name: 'bare 旬 as a range end',
      input: '10月中旬至下旬',
      context: C,
      dates: [
        { start: '1945-10-11', end: '1945-10-31', precision: 'xun', text: '10月中旬至下旬', offset: 0 },
      ],
    },
    {
      name: 'month range',
      input: '1945年10月至12月',
      dates: [{ start: '1945-10', end: '1945-12', precision: 'month', text: '1945年10月至12月', offset: 0 }],
      after: { year: 1945, month: 12 },
    },
    {
      name: '旬 range',
      input: '8月中旬至9月上旬',
      context: C,
      dates: [
        { start: '1945-08-11', end: '1945-09-10', precision: 'xun', text: '8月中旬至9月上旬', offset: 0 },
      ],
    },
    {
      name: 'mixed precisions take the coarser one',
      input: '1945年8月至9月15日',
      dates: [
        { start: '1945-08', end: '1945-09-15', precision: 'month', text: '1945年8月至9月15日', offset: 0 },
      ],
    },
    {
      name: 'backwards explicit years are two dates, not a range',
      input: '1946年至1945年',
      dates: [
        { start: '1946', precision: 'year', text: '1946年', offset: 0 },
        { start: '1945', precision: 'year', text: '1945年', offset: 6 },
      ],
    },
    {
      name: '到 not followed by a date is not a range',
      input: '12月17日到达包头',
      context: C,
      dates: [{ start: '1945-12-17', precision: 'day', text: '12月17日', offset: 0 }],
    },
    {
      name: 'range end on an invalid day falls back to the start alone',
      input: '2月27日至30日',
      context: C,
      dates: [{ start: '1945-02-27', precision: 'day', text: '2月27日', offset: 0 }],
    },
  ]);
});

describe('extractDates: Chinese numerals, traditional forms, full-width digits', () => {
  runRows([
    {
      name: 'Chinese month and day',
      input: '十月十八日',
      context: Y1945,
      dates: [{ start: '1945-10-18', precision: 'day', text: '十月十八日', offset: 0 }],
    },
    {
      name: 'digit-by-digit Chinese year',
      input: '一九四五年',
      dates: [{ start: '1945', precision: 'year', text: '一九四五年', offset: 0 }],
    },
    {
      name: 'full Chinese date',
      input: '一九四五年十二月三十一日',
      dates: [{ start: '1945-12-31', precision: 'day', text: '一九四五年十二月三十一日', offset: 0 }],
    },
    {
      name: 'Chinese year with 〇',
      input: '一九〇五年',
      dates: [{ start: '1905', precision: 'year', text: '一九〇五年', offset: 0 }],
    },
    {
      name: 'Chinese year with 零',
      input: '二零零一年',
      dates: [{ start: '2001', precision: 'year', text: '二零零一年', offset: 0 }],
    },
    {
      name: 'Chinese year with ○',
      input: '一九○○年',
      dates: [{ start: '1900', precision: 'year', text: '一九○○年', offset: 0 }],
    },
    {
      name: 'Chinese day-only after a trigger',
      input: '至二十五日',
      context: { year: 1945, month: 10 },
      dates: [{ start: '1945-10-25', precision: 'day', text: '二十五日', offset: 1 }],
    },
    {
      name: 'Chinese 三十一日',
      input: '十月三十一日',
      context: Y1945,
      dates: [{ start: '1945-10-31', precision: 'day', text: '十月三十一日', offset: 0 }],
    },
    {
      name: 'Chinese 廿五日',
      input: '十月廿五日',
      context: Y1945,
      dates: [{ start: '1945-10-25', precision: 'day', text: '十月廿五日', offset: 0 }],
    },
    {
      name: '民国 year',
      input: '民国三十四年',
      dates: [{ start: '1945', precision: 'year', text: '民国三十四年', offset: 0 }],
    },
    {
      name: '民國 year with digits and month (traditional)',
      input: '民國34年10月',
      dates: [{ start: '1945-10', precision: 'month', text: '民國34年10月', offset: 0 }],
    },
    {
      name: '民国元年',
      input: '民国元年',
      dates: [{ start: '1912', precision: 'year', text: '民国元年', offset: 0 }],
    },
    {
      name: '號 as day marker',
      input: '1945年10月18號',
      dates: [{ start: '1945-10-18', precision: 'day', text: '1945年10月18號', offset: 0 }],
    },
    {
      name: '号 as day marker',
      input: '10月1号',
      context: Y1945,
      dates: [{ start: '1945-10-01', precision: 'day', text: '10月1号', offset: 0 }],
    },
    {
      name: '元月',
      input: '1946年元月',
      dates: [{ start: '1946-01', precision: 'month', text: '1946年元月', offset: 0 }],
    },
    {
      name: 'full-width digits keep original text and offset',
      input: '于１９４５年８月１５日',
      dates: [{ start: '1945-08-15', precision: 'day', text: '１９４５年８月１５日', offset: 1 }],
    },
  ]);
});

describe('extractDates: not dates / invalid / unsupported', () => {
  const full: DateContext = { year: 1945, month: 10, day: 18 };
  runRows([
    { name: 'divisions', input: '傅军主力6个师退守归绥', context: full, dates: [], after: full },
    { name: 'army number', input: '35军', context: full, dates: [] },
    { name: 'troop count', input: '12万人', context: full, dates: [] },
    { name: 'duration in digits', input: '8年抗战', context: full, dates: [], after: full },
    { name: 'duration in Chinese', input: '历时三年', context: full, dates: [] },
    { name: 'three days', input: '激战三日', context: full, dates: [] },
    { name: 'month as duration (余)', input: '一月余后', context: full, dates: [] },
    { name: 'month as duration (历时)', input: '历时一月', context: full, dates: [] },
    { name: 'month as duration (有余)', input: '三月有余', context: full, dates: [] },
    { name: 'ISO dates are not parsed', input: '1945-10-18', context: full, dates: [] },
    { name: 'ordinal day', input: '第3日', context: full, dates: [] },
    { name: 'decade', input: '1940年代', context: full, dates: [] },
    { name: '于是日军 is not 是日', input: '于是日军撤退', context: full, dates: [] },
    { name: '当日军 is "when the Japanese army"', input: '当日军进攻时', context: full, dates: [] },
    { name: '同日而语 idiom', input: '不可同日而语', context: full, dates: [] },
    { name: '此次日军 is not 次日', input: '此次日军进攻', context: full, dates: [] },
    { name: 'every month', input: '每月15日', context: full, dates: [] },
    { name: 'month 13', input: '13月', context: full, dates: [], after: full },
    { name: 'year with month 13', input: '1945年13月', dates: [], after: {} },
    { name: '2月30日', input: '2月30日', context: full, dates: [], after: full },
    { name: '29 February in a common year', input: '1945年2月29日', dates: [] },
    { name: '10月32日', input: '10月32日', context: full, dates: [] },
    { name: 'lunar 初一', input: '十月初一', context: full, dates: [] },
    {
      name: 'BC year is skipped and forgets the context',
      input: '前221年10月，秦统一六国',
      context: full,
      dates: [],
      after: {},
    },
    {
      name: '公元前 is skipped',
      input: '公元前1046年，牧野之战',
      context: full,
      dates: [],
      after: {},
    },
    {
      name: 'unsupported era year with a month forgets the context',
      input: '昭和20年8月15日',
      context: full,
      dates: [],
      after: {},
    },
    { name: 'empty string', input: '', context: full, dates: [], after: full },
  ]);
});

describe('extractDates: corpus 平绥路战役 read in order', () => {
  it('carries the context sentence to sentence', () => {
    const steps: Array<{ input: string; dates: ExtractedDate[]; after: DateContext }> = [
      {
        input: '在1945年8月中旬日军正式投降前，八路军吕正操部进攻傅作义驻防的归绥城，被傅作义军击退。',
        dates: [
          { start: '1945-08-11', end: '1945-08-20', precision: 'xun', text: '1945年8月中旬', offset: 1 },
        ],
        after: { year: 1945, month: 8 },
      },
      {
        input: '10月18日，聂贺部队开始进攻傅作义军。',
        dates: [{ start: '1945-10-18', precision: 'day', text: '10月18日', offset: 0 }],
        after: { year: 1945, month: 10, day: 18 },
      },
      {
        input: '鉴于形势不利，傅军迅速撤退，损失不大。',
        dates: [],
        after: { year: 1945, month: 10, day: 18 },
      },
      {
        input: '到25日，傅军主力6个师退守归绥。',
        dates: [{ start: '1945-10-25', precision: 'day', text: '25日', offset: 1 }],
        after: { year: 1945, month: 10, day: 25 },
      },
      {
        input: '10月30日到11月12日，聂贺会师围攻归绥。',
        dates: [
          { start: '1945-10-30', end: '1945-11-12', precision: 'day', text: '10月30日到11月12日', offset: 0 },
        ],
        after: { year: 1945, month: 11, day: 12 },
      },
      {
        input: '11月9日，贺龙部转攻包头。',
        dates: [{ start: '1945-11-09', precision: 'day', text: '11月9日', offset: 0 }],
        after: { year: 1945, month: 11, day: 9 },
      },
      {
        input: '到12月，天气寒冷，粮草缺乏，聂贺部队只好撤回。',
        dates: [{ start: '1945-12', precision: 'month', text: '12月', offset: 1 }],
        after: { year: 1945, month: 12 },
      },
    ];
    let context: DateContext = {};
    for (const step of steps) {
      const result = extractDates(step.input, context);
      assert.deepStrictEqual(result.dates, step.dates, step.input);
      assert.deepStrictEqual(result.context, step.after, step.input);
      context = result.context;
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

const DATE_SHAPE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Independent calendar check through Date (setUTCFullYear avoids the 0..99 → 19xx quirk). */
function isRealCalendarDate(value: string): boolean {
  if (!DATE_SHAPE.test(value)) return false;
  const [y, m = 1, d = 1] = value.split('-').map(Number) as [number, number?, number?];
  if (y < 1) return false;
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function checkInvariants(input: string, context: DateContext | undefined): void {
  const result = extractDates(input, context);
  let lastEnd = 0;
  for (const date of result.dates) {
    assert.ok(isRealCalendarDate(date.start), `bad start ${date.start}`);
    if (date.end !== undefined) {
      assert.ok(isRealCalendarDate(date.end), `bad end ${date.end}`);
      assert.ok(date.end >= date.start, `end ${date.end} before start ${date.start}`);
    } else {
      const expectedLength = { year: 4, month: 7, day: 10, xun: -1 }[date.precision];
      assert.equal(date.start.length, expectedLength, `precision ${date.precision} vs ${date.start}`);
    }
    assert.ok(date.text.length > 0);
    assert.equal(input.slice(date.offset, date.offset + date.text.length), date.text);
    assert.ok(date.offset >= lastEnd, 'dates overlap or are out of order');
    lastEnd = date.offset + date.text.length;
  }
  const { year, month, day } = result.context;
  if (year !== undefined) assert.ok(Number.isInteger(year) && year >= 1 && year <= 9999);
  if (month !== undefined) assert.ok(Number.isInteger(month) && month >= 1 && month <= 12);
  if (day !== undefined) {
    assert.ok(year !== undefined && month !== undefined);
    assert.ok(isRealCalendarDate(format(year, month, day)));
  }
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const FRAGMENTS = [
  ...'0123456789',
  '１',
  '９',
  ...'年月日号號旬上中下底末初份',
  ...'〇零○一二三四五六七八九十廿卅百两',
  ...'到至—–～~-',
  '为止',
  '，',
  '。',
  ' ',
  '民国',
  '民國',
  '公元',
  '前',
  '同',
  '次',
  '翌',
  '第二天',
  '当',
  '是',
  '于',
  '每',
  '第',
  '军',
  '代',
  '元',
  '\uD800',
  '\uDC00',
  '1945年',
  '2月',
  '29日',
  '31日',
  '12月',
];

const arbitraryContext: fc.Arbitrary<DateContext | undefined> = fc.option(
  fc.record(
    {
      year: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.integer(), fc.double()),
      month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer()),
      day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer()),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

describe('extractDates: properties', () => {
  it('arbitrary binary (full Unicode) strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), arbitraryContext, (input, context) => {
        checkInvariants(input, context);
      }),
      { numRuns: 2000 },
    );
  });

  it('arbitrary UTF-16 code units, including lone surrogates and control characters', () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 200 }), arbitraryContext, (input, context) => {
        checkInvariants(input, context);
      }),
      { numRuns: 2000 },
    );
  });

  it('strings built from date-like fragments', () => {
    const fragmentString = fc
      .array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fragmentString, arbitraryContext, (input, context) => {
        checkInvariants(input, context);
      }),
      { numRuns: 2000 },
    );
  });

  it('chained sentences keep producing valid output', () => {
    const fragmentString = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 20 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(fragmentString, { maxLength: 10 }), (sentences) => {
        let context: DateContext = {};
        for (const sentence of sentences) {
          checkInvariants(sentence, context);
          context = extractDates(sentence, context).context;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('extractDates: performance', () => {
  it('scans large and pathological inputs in roughly linear time', () => {
    const sentence = '10月30日到11月12日，聂贺会师围攻归绥。傅军主力6个师退守归绥，于是日军撤退。';
    const inputs = [
      sentence.repeat(20_000),
      '1'.repeat(500_000),
      '一'.repeat(500_000),
      '一年'.repeat(250_000),
      '1年'.repeat(250_000),
      '年底'.repeat(250_000),
      '1945年'.repeat(100_000),
    ];
    const started = performance.now();
    for (const input of inputs) extractDates(input, { year: 1945 });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 10_000, `took ${elapsed.toFixed(0)} ms`);
  });
});
