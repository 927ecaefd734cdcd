/** A sentence's span in its paragraph's plain text. */
export type SentenceSpan = { start: number; end: number; text: string };

const TERMINATORS = new Set(['。', '！', '？', '；', '!', '?', ';', '…']);
// Closing quotes and brackets belong to the sentence they close: 他说：“撤退。”
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '》', '〉', '】', '〕', '"', "'", '］', ']']);
// A sentence must say something: at least one letter, digit or CJK ideograph.
const HAS_WORD = /\p{L}/u;

/**
 * Splits a paragraph into sentences on 。！？； (and their ASCII forms) and on line ends,
 * keeping closing quotes and brackets with the sentence they close. A terminator inside quotes, or
 * inside brackets closed on the same line (张金强（？—1994年）), does not end the sentence; quoted
 * speech (说：“…。”) or a bracketed remark that ends with one does, unless the sentence goes on after it
 * (“万岁！”，随后).
 * Written by hand: Intl.Segmenter splits inside quotes (“…留爷处。|处处不留爷”), and its rules follow
 * the ICU build Node ships with.
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

// What ends a quoted sentence, and what after a closing quote continues the sentence around it.
const QUOTE_END = new Set(['。', '！', '？', '!', '?', '…']);
const GOES_ON = /[，,、：:；;。！？!?）)\s的地得]/;
// What opens quoted speech: a colon, or a verb of saying right before the quote (说“…”, 称“…”).
const SPEECH_BEFORE = /(?:[：:]|[说道曰问答称喊讲])\s*$/;
const OPEN_BRACKETS = new Set(['（', '(']);
const CLOSE_BRACKETS = new Set(['）', ')']);
// How far a bracket's remark may run around a terminator inside it.
const MAX_BRACKETED_LENGTH = 120;

/** Whether position `at` lies inside a bracket opened before it and closed after it on the same line. */
function insideBrackets(paragraph: string, at: number): boolean {
  let depth = 0;
  let back = at - 1;
  for (; back >= 0 && at - back <= MAX_BRACKETED_LENGTH; back--) {
    const ch = paragraph[back] ?? '';
    if (ch === '\n') return false;
    if (CLOSE_BRACKETS.has(ch)) depth++;
    else if (OPEN_BRACKETS.has(ch)) {
      if (depth === 0) break;
      depth--;
    }
  }
  if (back < 0 || !OPEN_BRACKETS.has(paragraph[back] ?? '') || at - back > MAX_BRACKETED_LENGTH) return false;
  depth = 0;
  for (let ahead = at + 1; ahead < paragraph.length && ahead - back <= MAX_BRACKETED_LENGTH; ahead++) {
    const ch = paragraph[ahead] ?? '';
    if (ch === '\n') return false;
    if (OPEN_BRACKETS.has(ch)) depth++;
    else if (CLOSE_BRACKETS.has(ch)) {
      if (depth === 0) return true;
      depth--;
    }
  }
  return false;
}

/**
 * Where the sentence ends that a quote or bracket closing at `at` ends: after it and the closers
 * right after it; undefined when the sentence goes on (，的) or the paragraph ends there anyway.
 */
function endAfterClosing(paragraph: string, at: number): number | undefined {
  let end = at + 1;
  while (end < paragraph.length && CLOSERS.has(paragraph[end] ?? '')) end++;
  return end < paragraph.length && !GOES_ON.test(paragraph[end] ?? '') ? end : undefined;
}

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
    // Where a closing quote or bracket here ends the sentence, if it does.
    let closedEnd: number | undefined;
    if (respectQuotes && OPEN_QUOTES.has(ch)) {
      if (depth === 0) openedAt = i;
      depth++;
    } else if (respectQuotes && CLOSE_QUOTES.has(ch) && depth > 0) {
      depth--;
      // Speech that ends its own sentence (他说：“…立了大功！”1974年…) ends the one around it too,
      // unless the sentence goes on after it (他高呼“万岁！”，随后…). A quote that is not speech is
      // part of its sentence (提出“打倒…！”的口号, 一声“冲啊！”就冲了上去), and so is one inside brackets.
      if (
        depth === 0 &&
        QUOTE_END.has(paragraph[i - 1] ?? '') &&
        SPEECH_BEFORE.test(paragraph.slice(Math.max(0, openedAt - 4), openedAt)) &&
        !insideBrackets(paragraph, i)
      )
        closedEnd = endAfterClosing(paragraph, i);
    }
    if (respectQuotes && depth > 0 && i - openedAt > MAX_QUOTED_LENGTH) return undefined;
    // A remark in brackets that is a sentence of its own (…，上校衔。）) ends the sentence it closes;
    // a lone （？） of an unknown year does not.
    if (
      CLOSE_BRACKETS.has(ch) &&
      depth === 0 &&
      QUOTE_END.has(paragraph[i - 1] ?? '') &&
      !OPEN_BRACKETS.has(paragraph[i - 2] ?? '')
    )
      closedEnd = endAfterClosing(paragraph, i);
    if (closedEnd !== undefined) {
      push(closedEnd);
      i = closedEnd - 1;
      continue;
    }
    if (!TERMINATORS.has(ch) || depth > 0) continue;
    // Inside brackets that close on the same line, a terminator is part of a remark: 张金强（？—1994年）,
    // （以…名义，上校衔。）. An unclosed bracket does not hold the rest of the paragraph together.
    if (insideBrackets(paragraph, i)) continue;
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
