/**
 * A choice question (傅作义是硬顶还是先跑, 归绥城里的傅军是靠堡垒死守，还是出城跟共军野战) names two
 * answers and the corpus states one: the sentence that answers holds the question's frame and *one*
 * of the choices. Matched whole, the question favours a sentence sharing words with both, or with
 * the heavier choice's names (共军 in 出城跟共军野战) — so each choice is asked on its own.
 */

// 还是 of a choice, and of "still" (为什么还是拿不下归绥): a choice when a 是 in the same clause
// asks it (是A还是B), when it opens a clause (A，还是B), or when two results are set side by side
// (被俘了还是突围了).
const CHOICE_WORD = '还是';
const CLAUSE_END = /[，,。？?！!；;]/;
// A 是 that is part of another word (但是, 于是, 总是, 还是, 就是 …) does not ask a choice.
const NOT_COPULA_BEFORE = /[但可于总还凡若硬倒老更也就正像]/;
// Trailing particles of the second choice (18号还是28号来着, 八路军还是新四军的).
const TRAILING = /(?:来着|呢|啊|呀|吧|的|[?？!！。.\s])+$/;

/**
 * The two readings of a choice question, each with one choice left out, or undefined when the
 * question asks no choice. `folded` is the folded question; each reading keeps the rest of it.
 *
 * @example
 * choiceReadings('傅作义是硬顶还是先跑') // ['傅作义是硬顶', '傅作义是先跑']
 * choiceReadings('聂贺兵比傅作义多，为什么还是拿不下归绥') // undefined: 还是 = still
 */
export function choiceReadings(folded: string): [string, string] | undefined {
  const at = folded.indexOf(CHOICE_WORD);
  if (at <= 0) return undefined;
  const afterStart = at + CHOICE_WORD.length;
  const afterEnd = clauseEnd(folded, afterStart);
  const second = folded.slice(afterStart, afterEnd).replace(TRAILING, '');
  if (second.length === 0 || /吗$/.test(second)) return undefined;
  const firstStart = choiceStart(folded, at, second);
  if (firstStart === undefined || firstStart >= at) return undefined;
  const before = folded.slice(0, firstStart);
  const first = folded.slice(firstStart, at);
  const rest = folded.slice(afterEnd);
  return [`${before}${first}${rest}`, `${before}${second}${rest}`];
}

/** Where the first choice starts, or undefined when 还是 at `at` asks no choice. */
function choiceStart(folded: string, at: number, second: string): number | undefined {
  let clauseStart = at;
  while (clauseStart > 0 && !CLAUSE_END.test(folded.charAt(clauseStart - 1))) clauseStart--;
  const opensClause = clauseStart === at;
  // A，还是B: the first choice is the clause before, after its 是 if it has one.
  const searchFrom = opensClause ? previousClauseStart(folded, clauseStart - 1) : clauseStart;
  const searchTo = opensClause ? clauseStart - 1 : at;
  const copula = lastCopula(folded, searchFrom, searchTo);
  if (copula !== undefined) return copula + 1;
  if (opensClause) return searchFrom < searchTo ? searchFrom : undefined;
  // 被俘了还是突围了, 赢了还是输了: results side by side, as long as each other.
  if (folded.charAt(at - 1) === '了' && second.endsWith('了')) {
    const start = at - second.length;
    return start > clauseStart ? start : undefined;
  }
  return undefined;
}

/** The position after the clause that starts at `from`. */
function clauseEnd(folded: string, from: number): number {
  let end = from;
  while (end < folded.length && !CLAUSE_END.test(folded.charAt(end))) end++;
  return end;
}

/** The start of the clause that ends at `end` (its closing mark excluded). */
function previousClauseStart(folded: string, end: number): number {
  let start = end;
  while (start > 0 && !CLAUSE_END.test(folded.charAt(start - 1))) start--;
  return start;
}

/** The last 是 in [from, to) that is a copula, not part of another word. */
function lastCopula(folded: string, from: number, to: number): number | undefined {
  for (let i = to - 1; i >= from; i--) {
    if (folded.charAt(i) !== '是') continue;
    if (i > 0 && NOT_COPULA_BEFORE.test(folded.charAt(i - 1))) continue;
    if (/[否不]/.test(folded.charAt(i + 1))) continue; // 是否, 是不是: a yes/no marker
    return i;
  }
  return undefined;
}
