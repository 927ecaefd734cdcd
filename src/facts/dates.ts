/**
 * Date-expression extraction for Chinese (Wikipedia) military-history sentences.
 *
 * Why a small hand-written grammar instead of extending chrono-node: chrono's `zh` parser misses
 * year-only mentions (`1945年`), 旬 (`上旬`/`中旬`/`下旬`), day-only continuations (`到25日`) and
 * carrying year/month over from the preceding sentences, and loading it costs start-up time. This
 * module has no dependencies, compiles every regex once at module load, and scans each sentence in
 * roughly linear time (it runs over ~200k corpus sentences).
 *
 * Design notes:
 * - A cheap global "candidate" regex finds places where a date atom could start; a tiny parser built
 *   from sticky (`y`) regexes then reads `[year][month][day | 旬 | 初/中/底]`, an optional range
 *   separator and a range end that inherits the missing year/month from the start.
 * - Precision over recall: an expression whose year/month/day cannot be known (no context) or that
 *   is not a real calendar date (`13月`, `2月30日`) is consumed and skipped, never guessed.
 * - Full-width digits are mapped to ASCII one code unit for one code unit (not NFKC: NFKC can
 *   compose/expand other characters and shift offsets even when the total length is unchanged), so
 *   `offset`/`text` always refer to the original input.
 */

/** Granularity of an {@link ExtractedDate}: a whole year, a month, a 旬 (ten-day period) or a day. */
export type DatePrecision = 'year' | 'month' | 'xun' | 'day';

/**
 * One date expression found in a sentence.
 *
 * `start`/`end` are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. `end` is present for ranges and for 旬
 * (whose `start`/`end` are its first and last day). For a range, `precision` is the coarser of its
 * two endpoints. `text` is the exact substring of the input and `offset` its index, so
 * `input.slice(offset, offset + text.length) === text`.
 *
 * @example
 * extractDates('在1945年8月中旬日军正式投降前').dates[0];
 * // { start: '1945-08-11', end: '1945-08-20', precision: 'xun', text: '1945年8月中旬', offset: 1 }
 */
export type ExtractedDate = {
  start: string;
  end?: string;
  precision: DatePrecision;
  text: string;
  offset: number;
};

/**
 * What the preceding text established: the last year, month and day mentioned. Passed into
 * {@link extractDates} to resolve partial (`10月18日`, `到25日`) and relative (`次日`) expressions,
 * and returned updated for the next sentence.
 *
 * @example
 * const { context } = extractDates('10月18日，聂贺部队开始进攻傅作义军。', { year: 1945 });
 * // context = { year: 1945, month: 10, day: 18 }
 */
export type DateContext = { year?: number; month?: number; day?: number };

// ---------------------------------------------------------------------------------------------
// Character classes and precompiled regexes (module level: never compiled per call).

const CN_DIGITS = '〇零○一二三四五六七八九';
const CN_NUMERALS = `${CN_DIGITS}十百千两兩廿卅`;
/** Chinese 1..31 as written for days: 一..九, 十, 十一.., 二十.., 廿.., 三十, 三十一, 卅... */
const CN_DAY = '(?:[一二三]?十|廿|卅)[一二三四五六七八九]?|[一二三四五六七八九]';
/** Words glued after 月 that make it "moon"/"monthly" or a duration (`一月余`) rather than a month. */
const NOT_MONTH_AFTER = '(?![亮光球台臺饼餅票薪刊余餘多]|有[余餘]|之[久内內])';
/** Words right before a month number that make it a duration (`历时一月`, `约3月`). */
const NOT_MONTH_BEFORE = '(?<![时時经經约約达達近仅僅逾续續满滿])';
/** Words glued after 日 that make it "Japan(ese)" or an idiom rather than a day. */
const NOT_DAY_AFTER = '(?![军軍寇本伪偽僞])';
/** Punctuation (or end) that lets a bare 中 after 月 mean "mid-month" (`8月中，` not `8月中国`). */
const MID_FOLLOW = '(?=[，,。；;、：:）)」』\\s]|$)';
const LUNAR_GUARD = '(?![一二三四五六七八九十])';

const RE_BC = new RegExp(`(公元前|西元前|紀元前|纪元前|前)(?:[0-9]{1,4}|[${CN_NUMERALS}]{1,6})年`, 'y');
const RE_YEAR_DIGITS = /(公元|西元)?([0-9]{1,4})年(?!代)/y;
/** `1937—1945年`: a span of two 4-digit years with 年 written only once. */
const RE_YEAR_SPAN = /([0-9]{4})[ \t\u3000]*(?:到|至|——|—|–|―|～|~|－|-|〜)[ \t\u3000]*([0-9]{4})年(?!代)/y;
const RE_YEAR_CN = new RegExp(`([${CN_NUMERALS}]{1,6})年(?!代)`, 'y');
const RE_YEAR_MINGUO = new RegExp(`(?:民国|民國)(元|[0-9]{1,3}|[${CN_NUMERALS}]{1,6})年`, 'y');
const RE_YEAR_RELATIVE =
  /(?<![于於此这這该該本每其首多数數几幾屡屢再依])(同年|是年|该年|該年|次年|翌年|第二年|隔年)(?![轻輕龄齡级級纪紀代间間])/y;
const RE_YEAR_EDGE = new RegExp(`([底末]|初${LUNAR_GUARD})`, 'y');

const RE_MONTH = new RegExp(
  `${NOT_MONTH_BEFORE}(?:([0-9]{1,2})|(十[一二]?|[一二三四五六七八九]|元))月份?${NOT_MONTH_AFTER}`,
  'y',
);
const RE_MONTH_RELATIVE = new RegExp(
  `(?<![每于於此这這])(同月|是月|该月|該月|当月|當月|次月|翌月)${NOT_MONTH_AFTER}`,
  'y',
);

const RE_DAY = new RegExp(`(?:([0-9]{1,2})|(${CN_DAY}))[日号號]`, 'y');
const RE_DAY_ONLY = new RegExp(`(?:([0-9]{1,2})|(${CN_DAY}))([日号號])${NOT_DAY_AFTER}`, 'y');
const RE_LUNAR_DAY = /初[一二三四五六七八九十]/y;
const RE_XUN = /([上中下])([上中下])?旬/y;
const RE_MONTH_EDGE = new RegExp(`(?:(初)${LUNAR_GUARD}|([底末])|(中)${MID_FOLLOW})`, 'y');
const RE_YEAR_EDGE_ONLY = new RegExp(`年([底末]|初${LUNAR_GUARD})`, 'y');
const RE_MONTH_EDGE_ONLY = new RegExp(`月(?:(初)${LUNAR_GUARD}|([底末])|(中)${MID_FOLLOW})`, 'y');

const RE_SAME_DAY =
  /(?<![每相于於])(?:同日|当日|當日|是日|当天|當天|当晚|當晚|当夜|當夜|是夜|是晚)(?![军軍寇本伪偽僞而气氣色亮黑明晴空夜])/y;
const RE_NEXT_DAY =
  /(?<![此这這该該本每其首二两兩三四五六七八九十多数數几幾屡屢上下再依名班批架层層一前同历歷])(?:次日|翌日|第二天|第二日|隔日|隔天|次晨|翌晨)(?![军軍寇本伪偽僞])/y;

const RE_RANGE_SEP = /[ \t\u3000]*(?:到|至|——|—|–|―|～|~|－|-|〜)[ \t\u3000]*/y;

/** Where a date atom may start; the parser decides. Loose on purpose, but skips most text fast. */
const RE_CANDIDATE = new RegExp(
  [
    '[0-9]{1,4}[年月日号號]',
    '[0-9]{4}[ \t\u3000]*[到至—–―～~－〜-]',
    `[${CN_NUMERALS}元]{1,6}[年月日号號]`,
    '民[国國]',
    '[公西紀纪]元',
    `前[0-9${CN_NUMERALS}]`,
    '同[年月日]',
    '是[年月日夜晚]',
    '[该該][年月]',
    '[当當][月日天晚夜]',
    '次[年月日晨]',
    '翌[年月日晨]',
    '第二[年天日]',
    '隔[年日天]',
    '年[底末初]',
    '月[底末初中]',
    '[上中下][上中下]?旬',
  ].join('|'),
  'g',
);

const RE_FULLWIDTH_DIGIT = /[\uFF10-\uFF19]/g;
const RE_HAS_FULLWIDTH_DIGIT = /[\uFF10-\uFF19]/;

/** Characters that, right before a digit atom, mean the digits belong to something else. */
const DIGIT_PREV_BLOCK = new Set('0123456789.第每初');
/** Characters that, right before a Chinese-numeral atom, mean it is part of a bigger number. */
const CN_PREV_BLOCK = new Set(`${CN_NUMERALS}万萬亿億几幾数數余餘多第每初半`);
/** Characters after which a bare `二十五日` / `年底` / `中旬` reads as a date, not a duration. */
const TRIGGER_PREV = new Set('到至于於在迄及和与與从從自、，,。；;：:（(「『“" \t\n\r\u3000');

const CN_DIGIT_VALUE = new Map<string, number>([
  ['〇', 0],
  ['零', 0],
  ['○', 0],
  ['一', 1],
  ['二', 2],
  ['两', 2],
  ['兩', 2],
  ['三', 3],
  ['四', 4],
  ['五', 5],
  ['六', 6],
  ['七', 7],
  ['八', 8],
  ['九', 9],
]);
const CN_UNIT_VALUE = new Map<string, number>([
  ['十', 10],
  ['百', 100],
  ['千', 1000],
]);

const XUN_INDEX = new Map<string, number>([
  ['上', 0],
  ['中', 1],
  ['下', 2],
]);
const XUN_FIRST_DAY = [1, 11, 21] as const;
const XUN_LAST_DAY = [10, 20, 31] as const; // 31 is clamped to the month's length
const PRECISION_RANK: Record<DatePrecision, number> = { year: 0, month: 1, xun: 2, day: 3 };

// ---------------------------------------------------------------------------------------------
// Small helpers.

type Xun = readonly [number, number];

interface Point {
  year: number;
  month?: number;
  day?: number;
  xun?: Xun;
  /** The year was written (or named relatively, `次年`), not inherited from context/range start. */
  explicitYear: boolean;
  /** The month was written (or implied by `年底`), not inherited. */
  explicitMonth: boolean;
  /** `同日`/`次日`/…: never the start of a range. */
  relativeDay: boolean;
}

type Parsed = { kind: 'point'; point: Point; end: number } | { kind: 'skip'; end: number; reset: boolean };

interface DayPart {
  day?: number;
  xun?: Xun;
  lunar: boolean;
  end: number;
}

function execAt(re: RegExp, s: string, index: number): RegExpExecArray | null {
  re.lastIndex = index;
  return re.exec(s);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isIntIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Chinese numeral to integer: digit by digit (`一九四五`) or positional (`三十四`, `廿五`, `一百一十四`). */
function chineseToInt(text: string): number {
  let positional = false;
  for (const ch of text) {
    if (CN_UNIT_VALUE.has(ch) || ch === '廿' || ch === '卅') positional = true;
  }
  if (!positional) {
    let n = 0;
    for (const ch of text) n = n * 10 + (CN_DIGIT_VALUE.get(ch) ?? 0);
    return n;
  }
  let total = 0;
  let current = 0;
  for (const ch of text) {
    const digit = CN_DIGIT_VALUE.get(ch);
    const unit = CN_UNIT_VALUE.get(ch);
    if (digit !== undefined) current = digit;
    else if (unit !== undefined) {
      total += (current || 1) * unit;
      current = 0;
    } else if (ch === '廿') total += 20;
    else if (ch === '卅') total += 30;
  }
  return total + current;
}

function isAllChineseDigits(text: string): boolean {
  for (const ch of text) if (!CN_DIGITS.includes(ch)) return false;
  return true;
}

function isCjkIdeograph(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '\u3400' && ch <= '\u9fff';
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format(year: number, month?: number, day?: number): string {
  let out = pad(year, 4);
  if (month !== undefined) out += `-${pad(month, 2)}`;
  if (month !== undefined && day !== undefined) out += `-${pad(day, 2)}`;
  return out;
}

function isValidPoint(p: Point): boolean {
  if (!isIntIn(p.year, 1, 9999)) return false;
  if (p.month === undefined) return p.day === undefined && p.xun === undefined;
  if (!isIntIn(p.month, 1, 12)) return false;
  if (p.day !== undefined && !isIntIn(p.day, 1, daysInMonth(p.year, p.month))) return false;
  if (p.xun !== undefined && !(p.xun[0] >= 0 && p.xun[0] <= p.xun[1] && p.xun[1] <= 2)) return false;
  return true;
}

function precisionOf(p: Point): DatePrecision {
  if (p.day !== undefined) return 'day';
  if (p.xun !== undefined) return 'xun';
  return p.month !== undefined ? 'month' : 'year';
}

function firstDayOf(p: Point): number | undefined {
  return p.day ?? (p.xun ? XUN_FIRST_DAY[p.xun[0]] : undefined);
}

function startString(p: Point): string {
  return format(p.year, p.month, firstDayOf(p));
}

function endString(p: Point): string {
  if (p.xun && p.month !== undefined) {
    return format(p.year, p.month, Math.min(XUN_LAST_DAY[p.xun[1]] ?? 31, daysInMonth(p.year, p.month)));
  }
  return startString(p);
}

function sortKey(p: Point): number {
  return p.year * 10_000 + (p.month ?? 0) * 100 + (firstDayOf(p) ?? 0);
}

function contextOf(p: Point): DateContext {
  const ctx: DateContext = { year: p.year };
  if (p.month !== undefined) ctx.month = p.month;
  if (p.month !== undefined && p.day !== undefined) ctx.day = p.day;
  return ctx;
}

function sanitizeContext(context: DateContext | undefined): DateContext {
  const ctx: DateContext = {};
  if (context === null || typeof context !== 'object') return ctx;
  const { year, month, day } = context;
  if (isIntIn(year, 1, 9999)) ctx.year = year;
  if (isIntIn(month, 1, 12)) ctx.month = month;
  if (
    ctx.year !== undefined &&
    ctx.month !== undefined &&
    isIntIn(day, 1, daysInMonth(ctx.year, ctx.month))
  ) {
    ctx.day = day;
  }
  return ctx;
}

/** Maps full-width digits to ASCII, one UTF-16 unit for one, so offsets into the original hold. */
function normalizeDigits(s: string): string {
  if (!RE_HAS_FULLWIDTH_DIGIT.test(s)) return s;
  const out = s.replace(RE_FULLWIDTH_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return out.length === s.length ? out : s;
}

// ---------------------------------------------------------------------------------------------
// The grammar.

/** After a month: `N日` / `N号`, `上旬`…`中下旬`, lunar `初N` (flagged), or `初`/`中`/`底`/`末`. */
function parseDayPart(s: string, k: number): DayPart {
  let m = execAt(RE_DAY, s, k);
  if (m)
    return {
      day: m[1] !== undefined ? Number(m[1]) : chineseToInt(m[2] ?? ''),
      lunar: false,
      end: k + m[0].length,
    };
  m = execAt(RE_XUN, s, k);
  if (m) {
    const a = XUN_INDEX.get(m[1] ?? '') ?? 0;
    const b = m[2] !== undefined ? (XUN_INDEX.get(m[2]) ?? 0) : a;
    return { xun: [a, b], lunar: false, end: k + m[0].length };
  }
  m = execAt(RE_LUNAR_DAY, s, k);
  if (m) return { lunar: true, end: k + m[0].length };
  m = execAt(RE_MONTH_EDGE, s, k);
  if (m) return { xun: edgeXun(m), lunar: false, end: k + m[0].length };
  return { lunar: false, end: k };
}

/** Groups (初)(底|末)(中) of the month-edge regexes as a 旬. */
function edgeXun(m: RegExpExecArray): Xun {
  if (m[1] !== undefined) return [0, 0];
  if (m[2] !== undefined) return [2, 2];
  return [1, 1];
}

/** A month atom at `j` (digits, Chinese numeral or 元月) and whatever day part follows it. */
function parseMonthTail(s: string, j: number): (DayPart & { month: number }) | null {
  const m = execAt(RE_MONTH, s, j);
  if (!m) return null;
  const month = m[1] !== undefined ? Number(m[1]) : m[2] === '元' ? 1 : chineseToInt(m[2] ?? '');
  return { month, ...parseDayPart(s, j + m[0].length) };
}

function pointOrSkip(point: Point, end: number, lunar = false): Parsed {
  if (lunar || !isValidPoint(point)) return { kind: 'skip', end, reset: false };
  return { kind: 'point', point, end };
}

/** Continues after a year (written or relative) ending at `j`: `底`/`末`/`初`, or a month tail. */
function finishYear(s: string, year: number, j: number): Parsed {
  const base = { year, explicitYear: true, relativeDay: false };
  const edge = execAt(RE_YEAR_EDGE, s, j);
  if (edge) {
    const month = edge[1] === '初' ? 1 : 12;
    return pointOrSkip({ ...base, month, explicitMonth: true }, j + edge[0].length);
  }
  const tail = parseMonthTail(s, j);
  if (!tail) return pointOrSkip({ ...base, explicitMonth: false }, j);
  const point: Point = { ...base, month: tail.month, explicitMonth: true };
  if (tail.day !== undefined) point.day = tail.day;
  if (tail.xun !== undefined) point.xun = tail.xun;
  return pointOrSkip(point, tail.end, tail.lunar);
}

/**
 * A number followed by 年 that is not an accepted year. Followed by a month it is an unsupported
 * era (BC, 昭和20年8月, an abbreviated year…): consume it and forget the context, since a stale
 * year would mislabel what follows. Otherwise it is a duration (`8年抗战`): not a date.
 */
function unsupportedYear(s: string, end: number): Parsed | null {
  const tail = parseMonthTail(s, end);
  return tail ? { kind: 'skip', end: tail.end, reset: true } : null;
}

/** Year atoms at `i`: digits, 公元…, 一九四五, 民国三十四年, and relative years (同年, 次年…). */
function parseYear(s: string, i: number, base: DateContext, rangeEnd: boolean): Parsed | null {
  const prev = s[i - 1];
  let m = execAt(RE_YEAR_DIGITS, s, i);
  if (m) {
    const prefixed = m[1] !== undefined;
    if (!prefixed && prev !== undefined && DIGIT_PREV_BLOCK.has(prev)) return null;
    const digits = m[2] ?? '';
    const n = Number(digits);
    const end = i + m[0].length;
    const plausible = prefixed ? n >= 1 && n <= 2100 : digits.length === 4 && n >= 1000 && n <= 2100;
    if (plausible) return finishYear(s, n, end);
    // A 3-digit year is accepted only when a month follows (`755年12月`), never alone (`300年`).
    if (digits.length === 3 && n >= 100 && parseMonthTail(s, end)) return finishYear(s, n, end);
    return unsupportedYear(s, end);
  }
  m = execAt(RE_YEAR_MINGUO, s, i);
  if (m) {
    const raw = m[1] ?? '';
    const n = raw === '元' ? 1 : /^[0-9]/.test(raw) ? Number(raw) : chineseToInt(raw);
    const end = i + m[0].length;
    return n >= 1 && n <= 189 ? finishYear(s, n + 1911, end) : unsupportedYear(s, end);
  }
  m = execAt(RE_YEAR_CN, s, i);
  if (m) {
    if (prev !== undefined && CN_PREV_BLOCK.has(prev)) return null;
    const raw = m[1] ?? '';
    const end = i + m[0].length;
    if (raw.length === 4 && isAllChineseDigits(raw)) {
      const n = chineseToInt(raw);
      if (n >= 1000 && n <= 2100) return finishYear(s, n, end);
    }
    return unsupportedYear(s, end);
  }
  if (rangeEnd) return null;
  m = execAt(RE_YEAR_RELATIVE, s, i);
  if (m) {
    const end = i + m[0].length;
    if (base.year === undefined) return { kind: 'skip', end, reset: false };
    const word = m[1] ?? '';
    const sameYear = word === '同年' || word === '是年' || word === '该年' || word === '該年';
    return finishYear(s, sameYear ? base.year : base.year + 1, end);
  }
  return null;
}

/** `1937—1945年` at `i`: both years plausible, forward, and no month after the second year. */
function parseYearSpan(s: string, i: number): { first: number; last: number; end: number } | null {
  const prev = s[i - 1];
  if (prev !== undefined && DIGIT_PREV_BLOCK.has(prev)) return null;
  const m = execAt(RE_YEAR_SPAN, s, i);
  if (!m) return null;
  const first = Number(m[1]);
  const last = Number(m[2]);
  const end = i + m[0].length;
  if (!(first >= 1000 && last <= 2100 && first < last)) return null;
  if (execAt(RE_YEAR_EDGE, s, end) || parseMonthTail(s, end)) return null;
  return { first, last, end };
}

function isTrigger(s: string, i: number): boolean {
  const prev = s[i - 1];
  return prev === undefined || TRIGGER_PREV.has(prev);
}

function monthBlockedBefore(s: string, i: number, digits: boolean): boolean {
  const prev = s[i - 1];
  if (prev === undefined) return false;
  return digits ? DIGIT_PREV_BLOCK.has(prev) : CN_PREV_BLOCK.has(prev);
}

/**
 * Parses one date point at `i`. `base` supplies the year/month (and day) a partial expression
 * inherits: the running context, or the range start when `rangeEnd` is set. In range-end position
 * relative expressions are not accepted and bare day/旬/年底 forms need no trigger word before them.
 */
function parsePoint(s: string, i: number, base: DateContext, rangeEnd: boolean): Parsed | null {
  const prev = s[i - 1];

  if (!rangeEnd) {
    const bc = execAt(RE_BC, s, i);
    if (bc && (bc[1] !== '前' || !isCjkIdeograph(prev))) {
      const end = i + bc[0].length;
      const tail = parseMonthTail(s, end);
      return { kind: 'skip', end: tail ? tail.end : end, reset: true };
    }
  }

  const year = parseYear(s, i, base, rangeEnd);
  if (year) return year;

  // Month without a year: `10月18日`, `到12月`, `同月25日`.
  let m = execAt(RE_MONTH, s, i);
  if (m && !monthBlockedBefore(s, i, m[1] !== undefined)) {
    const tail = parseMonthTail(s, i);
    if (tail) {
      if (base.year === undefined) return { kind: 'skip', end: tail.end, reset: false };
      const point: Point = {
        year: base.year,
        month: tail.month,
        explicitYear: false,
        explicitMonth: true,
        relativeDay: false,
      };
      if (tail.day !== undefined) point.day = tail.day;
      if (tail.xun !== undefined) point.xun = tail.xun;
      return pointOrSkip(point, tail.end, tail.lunar);
    }
  }
  if (!rangeEnd) {
    m = execAt(RE_MONTH_RELATIVE, s, i);
    if (m) {
      const after = parseDayPart(s, i + m[0].length);
      if (base.year === undefined || base.month === undefined)
        return { kind: 'skip', end: after.end, reset: false };
      const word = m[1] ?? '';
      let year = base.year;
      let month = base.month;
      if (word === '次月' || word === '翌月') {
        month += 1;
        if (month > 12) {
          month = 1;
          year += 1;
        }
      }
      const point: Point = { year, month, explicitYear: true, explicitMonth: true, relativeDay: false };
      if (after.day !== undefined) point.day = after.day;
      if (after.xun !== undefined) point.xun = after.xun;
      return pointOrSkip(point, after.end, after.lunar);
    }
  }

  // Day without a month: `到25日`, `至二十日` (range end: `17日至20日`).
  m = execAt(RE_DAY_ONLY, s, i);
  if (m) {
    const digits = m[1] !== undefined;
    const end = i + m[0].length;
    const blocked = prev !== undefined && (digits ? DIGIT_PREV_BLOCK : CN_PREV_BLOCK).has(prev);
    const everyMonth = prev === '月' && s[i - 2] === '每';
    const acceptable =
      rangeEnd || (m[3] === '日' && (digits || (isTrigger(s, i) && (m[2] ?? '').length >= 2)));
    if (!blocked && !everyMonth && acceptable) {
      if (base.year === undefined || base.month === undefined) return { kind: 'skip', end, reset: false };
      const day = digits ? Number(m[1]) : chineseToInt(m[2] ?? '');
      return pointOrSkip(
        {
          year: base.year,
          month: base.month,
          day,
          explicitYear: false,
          explicitMonth: false,
          relativeDay: false,
        },
        end,
      );
    }
  }

  const triggered = rangeEnd || isTrigger(s, i);
  if (triggered) {
    // Bare 旬 / 月底 / 月初 / 月中 of the current month, 年底 / 年初 of the current year.
    m = execAt(RE_XUN, s, i);
    let xun: Xun | undefined;
    if (m) {
      const a = XUN_INDEX.get(m[1] ?? '') ?? 0;
      xun = [a, m[2] !== undefined ? (XUN_INDEX.get(m[2]) ?? 0) : a];
    } else {
      m = execAt(RE_MONTH_EDGE_ONLY, s, i);
      if (m) xun = edgeXun(m);
    }
    if (m && xun) {
      const end = i + m[0].length;
      if (base.year === undefined || base.month === undefined) return { kind: 'skip', end, reset: false };
      return pointOrSkip(
        {
          year: base.year,
          month: base.month,
          xun,
          explicitYear: false,
          explicitMonth: false,
          relativeDay: false,
        },
        end,
      );
    }
    m = execAt(RE_YEAR_EDGE_ONLY, s, i);
    if (m) {
      const end = i + m[0].length;
      if (base.year === undefined) return { kind: 'skip', end, reset: false };
      const month = m[1] === '初' ? 1 : 12;
      return pointOrSkip(
        { year: base.year, month, explicitYear: false, explicitMonth: true, relativeDay: false },
        end,
      );
    }
  }

  if (!rangeEnd) {
    // 同日/当日/当天/当晚/当夜/是日 (same day) and 次日/翌日/第二天 (next day).
    const same = execAt(RE_SAME_DAY, s, i);
    const next = same ? null : execAt(RE_NEXT_DAY, s, i);
    const rel = same ?? next;
    if (rel) {
      const end = i + rel[0].length;
      if (base.year === undefined || base.month === undefined || base.day === undefined) {
        return { kind: 'skip', end, reset: false };
      }
      let { year, month, day } = base;
      if (next) {
        day += 1;
        if (day > daysInMonth(year, month)) {
          day = 1;
          month += 1;
          if (month > 12) {
            month = 1;
            year += 1;
          }
        }
      }
      return pointOrSkip(
        { year, month, day, explicitYear: true, explicitMonth: true, relativeDay: true },
        end,
      );
    }
  }
  return null;
}

/**
 * Resolves a range end against its start: rolls an end that would precede the start into the
 * next year (`12月25日至1月5日`) or month (`30日至2日`) when that part was inherited. Returns the
 * adjusted end, or null if the two do not form a forward range.
 */
function resolveRangeEnd(start: Point, end: Point): Point | null {
  const q: Point = { ...end };
  if (!q.explicitYear && sortKey(q) < sortKey(start)) {
    if (q.explicitMonth) q.year += 1;
    else if (q.month !== undefined) {
      q.month += 1;
      if (q.month > 12) {
        q.month = 1;
        q.year += 1;
      }
    } else return null;
  }
  if (!isValidPoint(q)) return null;
  return endString(q) > startString(start) ? q : null;
}

function toExtracted(p: Point, original: string, offset: number, end: number): ExtractedDate {
  const out: ExtractedDate = {
    start: startString(p),
    precision: precisionOf(p),
    text: original.slice(offset, end),
    offset,
  };
  if (p.xun !== undefined) out.end = endString(p);
  return out;
}

/**
 * Extracts every date expression from one sentence, carrying year/month from `context` (the preceding
 * text), and returns the updated context for the next sentence.
 *
 * Why: corpus sentences become dated facts; most of them name only `10月18日` or `到25日`, so the
 * year and month must come from what was read before. Call it sentence by sentence, feeding each
 * returned `context` into the next call. Expressions whose missing parts the context cannot supply,
 * and invalid calendar dates, are skipped (never guessed). Never throws.
 *
 * Supported: `1945年`, `1945年8月`, `1945年8月中旬` (also `上旬`/`下旬`/`中下旬`, `8月初`/`8月中`/`8月底`),
 * `1945年8月15日`/`15号`, `10月18日`, `到25日`, `年底`/`年初`/`月底`/`月初`/`月中`/`中旬` of the context,
 * `同年`/`次年`, `同月`/`次月`, `同日`/`当日`/`当天`/`当晚`/`当夜`/`次日`/`翌日`/`第二天`; ranges with
 * `到`/`至`/`—`/`–`/`～`/`~`/`-` (`10月30日到11月12日`, `12月17日至20日`); Chinese numerals (`一九四五年十月十八日`),
 * `民国三十四年`, full-width digits.
 *
 * @example
 * const first = extractDates('在1945年8月中旬日军正式投降前，八路军吕正操部进攻归绥城。');
 * // first.dates = [{ start: '1945-08-11', end: '1945-08-20', precision: 'xun', text: '1945年8月中旬', offset: 1 }]
 * const second = extractDates('10月30日到11月12日，聂贺会师围攻归绥。', first.context);
 * // second.dates = [{ start: '1945-10-30', end: '1945-11-12', precision: 'day', text: '10月30日到11月12日', offset: 0 }]
 * // second.context = { year: 1945, month: 11, day: 12 }
 */
export function extractDates(
  sentence: string,
  context?: DateContext,
): { dates: ExtractedDate[]; context: DateContext } {
  let ctx = sanitizeContext(context);
  const dates: ExtractedDate[] = [];
  if (typeof sentence !== 'string' || sentence.length === 0) return { dates, context: ctx };
  const s = normalizeDigits(sentence);

  let pos = 0;
  while (pos < s.length) {
    RE_CANDIDATE.lastIndex = pos;
    const candidate = RE_CANDIDATE.exec(s);
    if (!candidate) break;
    const i = candidate.index;
    const span = parseYearSpan(s, i);
    if (span) {
      dates.push({
        start: format(span.first),
        end: format(span.last),
        precision: 'year',
        text: sentence.slice(i, span.end),
        offset: i,
      });
      ctx = { year: span.last };
      pos = span.end;
      continue;
    }
    const parsed = parsePoint(s, i, ctx, false);
    if (!parsed) {
      pos = i + 1;
      continue;
    }
    if (parsed.kind === 'skip') {
      if (parsed.reset) ctx = {};
      pos = Math.max(parsed.end, i + 1);
      continue;
    }

    const first = parsed.point;
    if (!first.relativeDay) {
      const sep = execAt(RE_RANGE_SEP, s, parsed.end);
      if (sep) {
        const inherited: DateContext = { year: first.year };
        if (first.month !== undefined) inherited.month = first.month;
        const second = parsePoint(s, parsed.end + sep[0].length, inherited, true);
        const last = second && second.kind === 'point' ? resolveRangeEnd(first, second.point) : null;
        if (second && last) {
          const a = precisionOf(first);
          const b = precisionOf(last);
          dates.push({
            start: startString(first),
            end: endString(last),
            precision: PRECISION_RANK[a] <= PRECISION_RANK[b] ? a : b,
            text: sentence.slice(i, second.end),
            offset: i,
          });
          ctx = contextOf(last);
          pos = second.end;
          continue;
        }
      }
    }
    dates.push(toExtracted(first, sentence, i, parsed.end));
    ctx = contextOf(first);
    pos = Math.max(parsed.end, i + 1);
  }
  return { dates, context: ctx };
}
