/**
 * Terms: what the index stores and what a query looks up. Text is folded first (NFKC,
 * traditional → simplified, lower case; `foldText`), then:
 * - CJK runs → overlapping character bigrams (field `text`) and single characters (field
 *   `chars`). Bigrams need no dictionary, so unknown names (聂荣臻) are found as reliably as
 *   common words; single characters catch one-character queries. (chinese-search.md: bigrams
 *   tied or beat Intl.Segmenter and jieba on this corpus, without jieba's 320 ms load.)
 * - Latin words and numbers as whole terms.
 * - Date compounds (`10月18日`, `10月`, `18日`, `1945年`) so that "12月" does not match 11月12日.
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}〇]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}〇]+/gu;
const WORD_RUN = /[\p{L}\p{N}]+/gu;
const DATE_COMPOUND = /(\d{1,2})月(\d{1,2})[日号]|(\d{3,4})年|(\d{1,2})月|(\d{1,2})[日号]/g;
const CHINESE_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CHINESE_NUMERAL_DATE = /([〇零一二三四五六七八九]{4})年|([一二三四五六七八九十]{1,3})([月日])/g;

/** True for a term made of ASCII letters/digits only (pinyin, English, numbers). */
export function isLatinTerm(term: string): boolean {
  return /^[a-z0-9]+$/.test(term);
}

/** True when the string holds at least one CJK character. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** Overlapping character bigrams of one CJK run: 傅作义 → 傅作, 作义. */
export function bigrams(run: string): string[] {
  const chars = Array.from(run);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + (chars[i + 1] ?? ''));
  return out;
}

/** CJK runs of already-folded text. */
export function cjkRuns(folded: string): string[] {
  return folded.match(CJK_RUN) ?? [];
}

/** Latin words and numbers of already-folded text (CJK excluded). */
export function latinWords(folded: string): string[] {
  const out: string[] = [];
  for (const m of folded.matchAll(WORD_RUN)) {
    for (const part of m[0].split(CJK_RUN)) if (part && /^[\p{L}\p{N}]+$/u.test(part)) out.push(part);
  }
  return out;
}

/**
 * Date compounds in folded text, Chinese numerals read as digits:
 * `1945年10月18日` → 1945年, 10月18日, 10月, 18日; `十月十八日` → 10月18日, 10月, 18日.
 */
export function dateTerms(folded: string): string[] {
  const text =
    folded.includes('月') || folded.includes('年') || folded.includes('日') ? arabicDates(folded) : folded;
  const out: string[] = [];
  for (const m of text.matchAll(DATE_COMPOUND)) {
    if (m[1] && m[2]) out.push(`${+m[1]}月${+m[2]}日`, `${+m[1]}月`, `${+m[2]}日`);
    else if (m[3]) out.push(`${+m[3]}年`);
    else if (m[4]) out.push(`${+m[4]}月`);
    else if (m[5]) out.push(`${+m[5]}日`);
  }
  return out;
}

function arabicDates(text: string): string {
  return text.replace(
    CHINESE_NUMERAL_DATE,
    (all, year: string | undefined, num: string | undefined, unit: string) => {
      if (year) return `${Array.from(year, (c) => CHINESE_DIGITS[c] ?? 0).join('')}年`;
      const value = chineseNumber(num ?? '');
      return value === undefined ? all : `${value}${unit}`;
    },
  );
}

/** 十八 → 18, 二十五 → 25, 三十一 → 31; undefined for anything else. */
function chineseNumber(text: string): number | undefined {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || (!m[2] && m[1] && m[3])) return undefined;
  if (!m[2]) return CHINESE_DIGITS[m[1] ?? m[3] ?? ''];
  return (m[1] ? (CHINESE_DIGITS[m[1]] ?? 0) : 1) * 10 + (m[3] ? (CHINESE_DIGITS[m[3]] ?? 0) : 0);
}

/**
 * minisearch's radix tree scans a node's children linearly, and CJK terms give the root
 * thousands of children. Spelling each non-ASCII code point as hex keeps every node's fan-out
 * at 16 (chinese-search.md measured twice the indexing speed). `~` marks encoded terms so that
 * prefix search on pinyin never runs into them.
 */
export function encodeTerm(term: string): string {
  if (isLatinTerm(term)) return term;
  let out = '~';
  for (const ch of term) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp > 0xffff ? `x${cp.toString(16).padStart(6, '0')}` : cp.toString(16).padStart(4, '0');
  }
  return out;
}

/** Inverse of {@link encodeTerm}. */
export function decodeTerm(term: string): string {
  if (!term.startsWith('~')) return term;
  let out = '';
  for (let i = 1; i < term.length; ) {
    if (term[i] === 'x') {
      out += String.fromCodePoint(Number.parseInt(term.slice(i + 1, i + 7), 16));
      i += 7;
    } else {
      out += String.fromCodePoint(Number.parseInt(term.slice(i, i + 4), 16));
      i += 4;
    }
  }
  return out;
}
