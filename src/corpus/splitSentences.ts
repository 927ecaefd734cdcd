/** A sentence's span in its paragraph's plain text. */
export type SentenceSpan = { start: number; end: number; text: string };

const TERMINATORS = new Set(['。', '！', '？', '；', '!', '?', ';', '…']);
// Closing quotes and brackets belong to the sentence they close: 他说：“撤退。”
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '》', '〉', '】', '〕', '"', "'", '］', ']']);
// A sentence must say something: at least one letter, digit or CJK ideograph.
const HAS_WORD = /\p{L}/u;

/**
 * Splits a paragraph into sentences on 。！？； (and their ASCII forms) and on line ends,
 * keeping closing quotes and brackets with the sentence they close.
 *
 * Offsets refer to `paragraph`; surrounding whitespace is trimmed; fragments without any
 * word character (a lone `）`) are dropped.
 *
 * @example
 * splitSentences('傅军顽强抵抗，凭借堡垒固守。他说：“撤退！”然后')
 * // [{ text: '傅军顽强抵抗，凭借堡垒固守。', … }, { text: '他说：“撤退！”', … }, { text: '然后', … }]
 */
export function splitSentences(paragraph: string): SentenceSpan[] {
  // A terminator inside quotes (“此处不留爷，自有留爷处。处处不留爷”) does not end the
  // sentence; if the quotes never balance, fall back to splitting everywhere.
  return split(paragraph, true) ?? split(paragraph, false) ?? [];
}

const OPEN_QUOTES = new Set(['“', '「', '『']);
const CLOSE_QUOTES = new Set(['”', '」', '』']);
// Quotes longer than this are treated as unbalanced markup rather than one long sentence.
const MAX_QUOTED_LENGTH = 300;

function split(paragraph: string, respectQuotes: boolean): SentenceSpan[] | undefined {
  let depth = 0;
  let openedAt = 0;
  const spans: SentenceSpan[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(paragraph[s] ?? '')) s++;
    while (e > s && /\s/.test(paragraph[e - 1] ?? '')) e--;
    const text = paragraph.slice(s, e);
    if (text && HAS_WORD.test(text)) spans.push({ start: s, end: e, text });
    start = end;
  };
  for (let i = 0; i < paragraph.length; i++) {
    const ch = paragraph[i] ?? '';
    if (ch === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (respectQuotes && OPEN_QUOTES.has(ch)) {
      if (depth === 0) openedAt = i;
      depth++;
    } else if (respectQuotes && CLOSE_QUOTES.has(ch) && depth > 0) depth--;
    if (respectQuotes && depth > 0 && i - openedAt > MAX_QUOTED_LENGTH) return undefined;
    if (!TERMINATORS.has(ch) || depth > 0) continue;
    // ASCII ! ? ; end a sentence only before a space or the end (not inside "C++!=").
    if (
      (ch === '!' || ch === '?' || ch === ';') &&
      i + 1 < paragraph.length &&
      !/\s/.test(paragraph[i + 1] ?? '')
    ) {
      continue;
    }
    let end = i + 1;
    while (
      end < paragraph.length &&
      (TERMINATORS.has(paragraph[end] ?? '') || CLOSERS.has(paragraph[end] ?? ''))
    )
      end++;
    push(end);
    i = end - 1;
  }
  if (depth > 0) return undefined;
  push(paragraph.length);
  return spans;
}
