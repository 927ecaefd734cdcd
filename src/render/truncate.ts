/** What marks a cut: one character, so that the budget arithmetic stays simple. */
export const TRUNCATION_MARK = '…';

/** Sentence ends a cut may fall after (Chinese and Latin). */
const SENTENCE_END = /[。！？!?]/;

/**
 * A cut at a sentence end is preferred only if it keeps at least this share of the budget;
 * otherwise a 3,000-character sentence with one early 。 would shrink to a few characters.
 */
const MIN_SENTENCE_CUT_SHARE = 0.5;

/**
 * `text` cut to at most `max` characters (UTF-16 code units, as JavaScript and Discord count
 * them), ending in {@link TRUNCATION_MARK} when anything was cut. The cut falls after the last
 * sentence end (。！？) that keeps at least half of the budget, else at the budget itself. It
 * never splits a surrogate pair and never leaves a dangling escape backslash, so an escaped
 * `\*` is either kept whole or dropped whole.
 *
 * @example
 * truncate('11月9日，贺龙部转攻包头。由于侦查失误，进攻包头也久攻不下。', 20) // '11月9日，贺龙部转攻包头。…'
 * truncate('包头', 10) // '包头'
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max <= TRUNCATION_MARK.length) return TRUNCATION_MARK.slice(0, max);
  const budget = max - TRUNCATION_MARK.length;
  let cut = budget;
  for (let i = budget - 1; i >= Math.ceil(budget * MIN_SENTENCE_CUT_SHARE); i--) {
    if (SENTENCE_END.test(text[i] ?? '')) {
      cut = i + 1;
      break;
    }
  }
  return `${safePrefix(text, cut)}${TRUNCATION_MARK}`;
}

/**
 * How many of `units` fit, whole and in order, in `max` characters when joined by `separator`.
 * This is the other half of cutting: lists of cited sentences drop whole entries (sentence and
 * citation marker together) instead of cutting one in the middle.
 *
 * @example
 * countFitting(['贺龙部转攻包头。[1]', '久攻不下。[2]'], 14, '\n') // 1
 */
export function countFitting(units: readonly string[], max: number, separator: string): number {
  let used = 0;
  for (let i = 0; i < units.length; i++) {
    const cost = (units[i] ?? '').length + (i > 0 ? separator.length : 0);
    if (used + cost > max) return i;
    used += cost;
  }
  return units.length;
}

// --- internal ---

/** The first `end` code units of `text`, shortened so that no surrogate pair or escape is split. */
function safePrefix(text: string, end: number): string {
  let cut = end;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  let backslashes = 0;
  while (cut - 1 - backslashes >= 0 && text[cut - 1 - backslashes] === '\\') backslashes++;
  if (backslashes % 2 === 1) cut -= 1;
  return text.slice(0, cut);
}
