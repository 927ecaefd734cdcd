import { MAX_QUERY_LENGTH } from '../constants';
import type { CorpusFacts, ExtractedDate } from '../facts';
import { foldText } from '../text/fold';
import { type AnalyzedQuery, analyzeQuery, type CorpusIndex, type IndexedSentence, searchSentences } from '../search';
import { detectIntent, type Intent } from './intent';
import { rankForIntent } from './rank';
import type { Answer, Citation, CitedSentence } from './schema';

/** What the answering layer needs; built once per process by an adapter (`buildAnswerContext`). */
export type AnswerContext = {
  index: CorpusIndex;
  /** dates stated by each sentence (by ref), year and month carried from the text before */
  dates: Map<number, ExtractedDate[]>;
  /** battles, commanders with sides, outcomes — each pointing at its sentence */
  facts: CorpusFacts;
  /** refs of sentences that name a commander in a command role (由A指挥, A率, A部 …) */
  commandRefs: Set<number>;
};

/** How many sentences an `/ask` answer quotes at most. */
export const MAX_ASK_ANSWERS = 3;
// A supporting sentence must score at least this share of the best one to be shown.
const SUPPORT_RATIO = 0.25;
// Generic heads that make an unknown word a *name* (淮海 + 战役): the corpus does not cover it.
const NAME_SUFFIX = /^(?:战役|战斗|会战|之战|战争|事变|起义|登陆|行动|大捷|惨案|条约|运动|省|市|县|城|镇|村|岛|湾|河|江|山|将军|主席|总统|元帅|先生|公司|大学|帝国|王朝)/;

/** The citation of an indexed sentence. */
export function citationOf(index: CorpusIndex, item: IndexedSentence): Citation {
  const article = index.articles[item.articleIndex];
  return {
    title: article?.title ?? '',
    paragraph: item.sentence.paragraph,
    sentence: item.sentence.sentence,
    url: article?.url ?? 'https://zh.wikipedia.org/',
  };
}

/** A sentence as an answer: verbatim text, id and citation. */
export function citeSentence(index: CorpusIndex, item: IndexedSentence, date?: ExtractedDate): CitedSentence {
  const cited: CitedSentence = { text: item.sentence.text, id: item.sentence.id, citation: citationOf(index, item) };
  if (date) cited.date = { start: date.start, ...(date.end ? { end: date.end } : {}), precision: date.precision, text: date.text };
  return cited;
}

/**
 * Checks a raw query the way every command does: not empty, not only punctuation, not over
 * {@link MAX_QUERY_LENGTH}. Returns the problem as a user-facing message, or undefined.
 */
export function queryProblem(query: string): string | undefined {
  const trimmed = query.trim();
  if (!trimmed) return 'The question is empty. Ask about a battle, a person, a place or a date, e.g. 谁指挥了绥远战役？';
  if (trimmed.length > MAX_QUERY_LENGTH) {
    return `The question is ${trimmed.length} characters long; please keep it under ${MAX_QUERY_LENGTH}.`;
  }
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return 'The question has no words in it, only punctuation or symbols. Try e.g. 包头 or 傅作义.';
  return undefined;
}

/**
 * Answers a free-text question with corpus sentences, the best first: the question's intent
 * (who / when / where / why / outcome / count) re-ranks the lexical candidates.
 * When the corpus does not cover the question's key name (诺曼底, 淮海战役, pizza) the
 * answer is `not_found` rather than the least-bad sentence.
 *
 * @example
 * answerQuestion('贺龙什么时候进攻包头', ctx).answers[0]?.text // '11月9日，贺龙部转攻包头。'
 */
export function answerQuestion(query: string, ctx: AnswerContext, command = 'ask'): Answer {
  const problem = queryProblem(query);
  if (problem) return { query, command, status: 'invalid', message: problem, answers: [] };
  const { index } = ctx;
  const analyzed = analyzeQuery(index, query);
  const intent = detectIntent(analyzed.folded);
  const uncovered = uncoveredKeyName(analyzed);
  if (uncovered) return notFound(query, command, ctx, `The corpus says nothing about “${uncovered}”.`, intent);
  if (analyzed.units.length === 0) {
    return notFound(query, command, ctx, 'The question has no word to look up beyond question words.', intent);
  }
  const ranked = rankForIntent(searchSentences(index, analyzed), intent, ctx);
  const passing = mentionedOnlyInPassing(index, analyzed, ranked.map((h) => h.item.folded));
  if (passing) return notFound(query, command, ctx, `The corpus mentions “${passing}” only in passing, in a list; it has nothing about it to quote.`, intent);
  const best = ranked[0];
  if (!best || best.coverage < minimumCoverage(analyzed)) {
    return notFound(query, command, ctx, 'No sentence in the corpus matches this question well enough.', intent);
  }
  const answers = ranked
    .filter((hit, i) => i === 0 || hit.score >= best.score * SUPPORT_RATIO)
    .slice(0, MAX_ASK_ANSWERS)
    .map((hit) => citeSentence(index, hit.item));
  return { query, command, status: 'ok', intent, answers };
}

/**
 * A `not_found` answer with suggestions: the corpus's article titles closest to the query
 * (sharing characters), else its first articles.
 */
export function notFound(query: string, command: string, ctx: AnswerContext, message: string, intent?: Intent): Answer {
  return { query, command, status: 'not_found', message, answers: [], suggestions: suggestTitles(ctx.index, query), intent };
}

/** Up to five article titles that share the most characters with `text`. */
export function suggestTitles(index: CorpusIndex, text: string, limit = 5): string[] {
  const chars = new Set(Array.from(text));
  return index.articles
    .map((a, i) => ({ title: a.title, i, shared: Array.from(new Set(Array.from(a.title))).filter((c) => chars.has(c)).length }))
    .sort((a, b) => b.shared - a.shared || a.i - b.i)
    .slice(0, limit)
    .map((a) => a.title);
}

// --- internal ---

/**
 * The key name of the question that the corpus does not cover, if any: an unknown stretch
 * followed by a name head (淮海|战役), or — when the question names nothing the corpus knows —
 * any unknown stretch (诺曼底登陆) or unknown Latin word (pizza). Unknown ordinary words next
 * to a known name (绥远战役的主帅) are paraphrase, not a missing subject.
 */
function uncoveredKeyName(q: AnalyzedQuery): string | undefined {
  for (const run of q.unknownRuns) {
    const at = q.content.indexOf(run);
    const suffix = at >= 0 ? NAME_SUFFIX.exec(q.content.slice(at + run.length)) : null;
    if (suffix) return run + suffix[0];
  }
  if (q.entities.length > 0) return undefined;
  const knownUnits = q.units.filter((u) => u.kind !== 'latin').length;
  if (q.unknownRuns.length > 0) return q.unknownRuns[0];
  if (q.unknownWords.length > 0 && knownUnits === 0) return q.unknownWords[0];
  return undefined;
}

const EVENT_NAME = /[\p{Script=Han}]{2,8}?(?:战役|战斗|会战|之战|战争|事变|起义|登陆|大捷)/gu;

/**
 * A named event the question asks about that the corpus names only inside enumerations
 * (辽沈战役、淮海战役、平津战役): the name is known, but nothing about it can be quoted.
 * Names the corpus knows as entities (titles, aliases, links) are never "in passing".
 */
function mentionedOnlyInPassing(index: CorpusIndex, q: AnalyzedQuery, candidates: readonly string[]): string | undefined {
  const articleNames = articleNamesOf(index);
  for (const m of q.content.matchAll(EVENT_NAME)) {
    const name = m[0];
    if ([...articleNames].some((n) => n.includes(name) || name.endsWith(n))) continue;
    const containing = candidates.filter((text) => text.includes(name));
    if (containing.length === 0) continue;
    const inList = (text: string) => {
      const at = text.indexOf(name);
      return text[at - 1] === '、' || text[at + name.length] === '、';
    };
    if (containing.every(inList)) return name;
  }
  return undefined;
}

const articleNameCache = new WeakMap<CorpusIndex, Set<string>>();
/** Folded titles and aliases of the corpus's articles. */
function articleNamesOf(index: CorpusIndex): Set<string> {
  let names = articleNameCache.get(index);
  if (!names) {
    names = new Set(index.articles.flatMap((a) => [a.title, ...a.aliases]).map((n) => foldText(n)));
    for (const group of index.curatedAliases?.groups ?? []) for (const n of group.names) names.add(foldText(n));
    articleNameCache.set(index, names);
  }
  return names;
}

// Short questions must be covered better than long ones, where paraphrase leaves gaps.
function minimumCoverage(q: AnalyzedQuery): number {
  return q.units.length <= 2 ? 0.5 : 0.3;
}
