import { type CorpusFacts, type ExtractedDate, namesOfShortForm, shortFormsIn } from '../facts';
import {
  type AnalyzedQuery,
  analyzeQuery,
  type CorpusIndex,
  findEntities,
  type IndexedSentence,
  searchSentences,
} from '../search';
import { foldText } from '../text/fold';
import { checkAskedFact } from './askedFact';
import { choiceReadings } from './choices';
import { detectIntent, type Intent } from './intent';
import { withNamedFact } from './namedFacts';
import { type RankedHit, rankHits } from './rank';
import { queryProblem, reasonMessage } from './reasons';
import { articlesNamed, firstSentenceNamingAll, sentencesNaming } from './resolveEntity';
import type { Answer, Citation, CitedSentence, Reason } from './schema';
import { suggestTitles } from './suggestTitles';

/** What the answering layer needs; built once per process by an adapter (`buildAnswerContext`). */
export type AnswerContext = {
  index: CorpusIndex;
  /** dates stated by each sentence (by ref), year and month carried from the text before */
  dates: Map<number, ExtractedDate[]>;
  /** battles, commanders with sides, outcomes — each pointing at its sentence */
  facts: CorpusFacts;
  /** refs of sentences that name a commander in a command role (由A指挥, A率, A部 …) */
  commandRefs: Set<number>;
  /** how decisive a result each outcome sentence states (by ref), from the facts */
  outcomeStrength: Map<number, number>;
};

/** How many sentences an `/ask` answer quotes at most. */
export const MAX_ASK_ANSWERS = 3;
// A supporting sentence must score at least this share of the best one to be shown.
const SUPPORT_RATIO = 0.25;
// How deep into the ranking a sentence stating an asked fact (a birth, a death…) is looked for.
const ASKED_FACT_DEPTH = 20;
// The heads of an event's name (淮海|战役, 中途岛|海战, 诺曼底|登陆); 海战, 空战, 大战 not inside 战役
// (淮海战役, 三大战役).
const EVENT_HEAD = '(?:战役|战斗|会战|之战|海战(?!役)|空战(?!役)|大战(?!役)|战争|事变|起义|登陆)';
// Generic heads that make an unknown word a *name* (淮海 + 战役): the corpus does not cover it.
const NAME_SUFFIX = new RegExp(
  `^(?:${EVENT_HEAD}|保卫战|行动|大捷|惨案|条约|运动|省|市|县|城|镇|村|岛|湾|河|江|山|将军|主席|总统|元帅|先生|公司|大学|帝国|王朝)`,
);
const ENDS_IN_EVENT_HEAD = new RegExp(`${EVENT_HEAD}$`);

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
  const cited: CitedSentence = {
    text: item.sentence.text,
    id: item.sentence.id,
    citation: citationOf(index, item),
  };
  if (date)
    cited.date = {
      start: date.start,
      ...(date.end ? { end: date.end } : {}),
      precision: date.precision,
      text: date.text,
    };
  return cited;
}

/** An `invalid` answer for a reason. */
export function invalidAnswer(query: string, command: string, reason: Reason): Answer {
  return { query, command, status: 'invalid', message: reasonMessage(reason), reason, answers: [] };
}

/**
 * Answers a free-text question with corpus sentences, the best first: the question's intent
 * (who / when / where / why / how / outcome / count) re-ranks the lexical candidates; a
 * question asking one fact about a named battle, or a birth, death or origin, gets the sentence
 * stating it (`withNamedFact`, `checkAskedFact`).
 * When the corpus does not cover the question's key name (诺曼底, 淮海战役, pizza) the
 * answer is `not_found` rather than the least-bad sentence.
 *
 * @example
 * answerQuestion('贺龙什么时候进攻包头', ctx).answers[0]?.text // '11月9日，贺龙部转攻包头。'
 */
export function answerQuestion(query: string, ctx: AnswerContext, command = 'ask'): Answer {
  const problem = queryProblem(query);
  if (problem) return invalidAnswer(query, command, problem);
  const text = resolveBattleNames(query, ctx);
  // A choice question (是硬顶还是先跑) is asked once per choice: the better answer of the two readings,
  // else the question as asked.
  const readings = choiceReadings(foldText(text));
  if (readings) {
    const intent = detectIntent(foldText(text));
    let best: ReadingAnswer | undefined;
    for (const reading of readings) {
      const asked = answerReading(query, reading, ctx, command, intent);
      if (asked.answer.status === 'ok' && (!best || betterReading(asked, best))) best = asked;
    }
    if (best) return best.answer;
  }
  return answerReading(query, text, ctx, command).answer;
}

/**
 * An answer to one reading of a question, with how much of the reading its first sentence covers
 * (unknown words counted as missed) and its score.
 */
type ReadingAnswer = { answer: Answer; coverage: number; score: number };

// Coverages closer than this are even: the score decides.
const COVERAGE_TIE = 0.01;

/**
 * Whether reading `a` is answered better than `b`: the one whose first sentence covers more of it
 * (a choice the corpus has words for, 靠堡垒死守 over 出城跟共军野战), then the higher score.
 */
function betterReading(a: ReadingAnswer, b: ReadingAnswer): boolean {
  if (Math.abs(a.coverage - b.coverage) > COVERAGE_TIE) return a.coverage > b.coverage;
  return a.score > b.score;
}

/**
 * Answers `text`, the question as it is read (`query` as asked is what the answer reports), with
 * the intent of the whole question when a reading is a part of it.
 */
function answerReading(
  query: string,
  text: string,
  ctx: AnswerContext,
  command: string,
  askedIntent?: Intent,
): ReadingAnswer {
  const { index } = ctx;
  const analyzed = analyzeQuery(index, text);
  const intent = askedIntent ?? detectIntent(analyzed.folded);
  const refuse = (reason: Reason): ReadingAnswer => ({
    answer: notFound(query, command, ctx, reason, intent),
    coverage: 0,
    score: 0,
  });
  const uncovered =
    uncoveredKeyName(analyzed) ?? unknownPredicate(analyzed) ?? unknownCounted(analyzed, index);
  if (uncovered) return refuse({ code: 'unknown_subject', subject: uncovered });
  // A name known only from the curated alias file (大同集宁战役 asked of the seed alone): no
  // sentence can say anything about it.
  const unmentioned = analyzed.entities.find(
    (id) => !sentencesNaming(index).has(id) && articlesNamed(index, [id]).size === 0,
  );
  if (unmentioned) {
    const subject = index.entities.display.get(unmentioned) ?? unmentioned;
    return refuse({ code: 'never_mentioned', subject });
  }
  if (analyzed.units.length === 0) {
    const missing = missingSubject(analyzed);
    return refuse(missing ? { code: 'unknown_subject', subject: missing } : { code: 'no_terms' });
  }
  let ranked = withNamedFact(
    rankHits(searchSentences(index, analyzed), analyzed, intent, ctx),
    analyzed,
    intent,
    ctx,
  );
  const passing = mentionedOnlyInPassing(
    index,
    analyzed,
    ranked.map((h) => h.item.folded),
  );
  if (passing) {
    const named = ranked.some((h) => h.item.folded.includes(passing));
    return refuse({ code: named ? 'passing_mention' : 'unknown_subject', subject: passing });
  }
  // A birth, a death, an origin, casualties: only a sentence in the fact's own words states it.
  const fact = checkAskedFact(ctx, analyzed, ranked, ASKED_FACT_DEPTH);
  // The short forms of people the question uses (聂贺, 傅军): names, as much as full ones.
  const shortForms = shortFormsIn(ctx.facts, analyzed.folded);
  // A birth or a death of someone the corpus never names (张三是哪年去世的): a sentence stating one
  // is about someone else. Only a name-length unknown word opening the question is its subject.
  const stranger = fact.asked && fact.ofPerson ? unknownSubject(analyzed) : undefined;
  if (stranger) return refuse({ code: 'unknown_subject', subject: stranger });
  // The fact's own sentence answers, whatever its other words: covered.
  if (fact.asked && fact.stating) ranked = answeringFirst(ranked, fact.stating);
  else if (fact.asked) {
    // Named by the corpus's names, or by the short forms it uses (聂贺部队伤亡了多少人).
    const names = [...analyzed.entities.map((id) => index.entities.display.get(id) ?? id), ...shortForms];
    if (names.length > 0) return refuse({ code: 'not_stated', subject: names.join('、') });
  }
  // 聂贺是谁, “聂贺”是指哪两个人: the sentence naming in full the people a short form stands for.
  const meaning = shortFormMeaning(ctx, analyzed.folded, shortForms);
  if (meaning) ranked = answeringFirst(ranked, meaning);
  const best = ranked[0];
  // A question that names something the corpus knows is about the corpus: its unknown words are
  // paraphrase (没能攻下 for 无法攻占), so a lower bar applies than for a question naming nothing.
  // The best sentence covers the question with what the sentence before it says (关岛是… 其面积为…).
  const named = analyzed.entities.length > 0 || shortForms.length > 0;
  const bar = named ? MIN_COVERAGE_NAMED : MIN_COVERAGE;
  const covered = best ? coverageWithMissing(analyzed, best.contextCoverage) : 0;
  if (!best || covered < bar) {
    const missing = missingSubject(analyzed);
    return refuse({ code: 'weak_match', ...(missing ? { subject: missing } : {}) });
  }
  const answers = ranked
    .filter((hit, i) => i === 0 || hit.score >= best.score * SUPPORT_RATIO)
    .slice(0, MAX_ASK_ANSWERS)
    .map((hit) => citeSentence(index, hit.item));
  return { answer: { query, command, status: 'ok', intent, answers }, coverage: covered, score: best.score };
}

// What follows a short form when a question asks who it is (聂贺是谁, “聂贺”是指哪两个人, 傅军指的是谁,
// 聂贺部队是谁的部队): the whole rest of the question, as 傅军谁被俘了 asks who of 傅军 was captured.
const WHO_IS_AFTER_FORM =
  /^(?:部队|军队)?[”"」』]?(?:到底|究竟)?(?:就)?(?:是|指)?(?:的是|指)?(?:哪两个人|哪几个人|哪些人|哪两位|哪几位|谁|什么人|哪个人|哪位)(?:的部队|的军队)?(?:啊|呢|呀)?[?!.。\s]*$/;

/**
 * The sentence that names in full the people of a short form the question asks about (聂贺是谁 →
 * …由聂荣臻、贺龙指挥…): the corpus's first sentence naming all of them. The short forms are the
 * ones the corpus itself uses for commanders ({@link shortFormsIn}).
 */
function shortFormMeaning(
  ctx: AnswerContext,
  folded: string,
  shortForms: readonly string[],
): IndexedSentence | undefined {
  for (const form of shortForms) {
    for (let at = folded.indexOf(form); at >= 0; at = folded.indexOf(form, at + 1)) {
      if (!WHO_IS_AFTER_FORM.test(folded.slice(at + form.length))) continue;
      const item = firstSentenceNamingAll(ctx.index, namesOfShortForm(ctx.facts, form));
      if (item) return item;
    }
  }
  return undefined;
}

/**
 * `ranked` with `item` first, as the sentence that answers (a fact's own sentence, the one naming a
 * short form's people): it keeps its own hit if it has one, scores as the best, and counts as
 * covering the question.
 */
function answeringFirst(ranked: RankedHit[], item: IndexedSentence): RankedHit[] {
  const own = ranked.find((h) => h.item.ref === item.ref);
  const best = ranked[0]?.score ?? 0;
  const first: RankedHit = own
    ? { ...own, score: Math.max(own.score, best), contextCoverage: 1 }
    : { item, score: best, bm25: 0, coverage: 0, matched: [], contextCoverage: 1 };
  return [first, ...ranked.filter((h) => h.item.ref !== item.ref)];
}

/** The unknown word a question opens with, when it is name-length (张三 of 张三是哪年去世的) and nothing known is named. */
function unknownSubject(q: AnalyzedQuery): string | undefined {
  const opening = q.unknownRuns[0];
  if (q.entities.length > 0 || !opening || Array.from(opening).length > 4) return undefined;
  return q.content.trimStart().startsWith(opening) ? opening : undefined;
}

/**
 * A `not_found` answer with suggestions: the corpus's article titles closest to the query
 * (sharing characters), else its first articles.
 */
export function notFound(
  query: string,
  command: string,
  ctx: AnswerContext,
  reason: Reason,
  intent?: Intent,
): Answer {
  return {
    query,
    command,
    status: 'not_found',
    message: reasonMessage(reason),
    reason,
    answers: [],
    suggestions: suggestTitles(ctx.index, query),
    ...(intent ? { intent } : {}),
  };
}

// --- internal ---

// Word boundaries for naming what a question asks that the corpus lacks; display only, so that the
// ICU version behind it changes a message's wording at most.
const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * The first stretch of the question the corpus has no words for, as a reader would name it: the
 * words that lie wholly inside it, without a lone character at its edges — 苏联 of the stretch 苏联参
 * in 苏联参与了吗, 蒋介石 of 蒋介石做 in 蒋介石做了什么.
 */
function missingSubject(q: AnalyzedQuery): string | undefined {
  const run = q.unknownRuns[0];
  if (!run) return q.unknownWords[0];
  const at = q.folded.indexOf(run);
  if (at < 0) return run;
  const inside = [...WORDS.segment(q.folded)]
    .filter((w) => w.index >= at && w.index + w.segment.length <= at + run.length)
    .map((w) => w.segment);
  while (inside.length > 1 && Array.from(inside[inside.length - 1] ?? '').length === 1) inside.pop();
  while (inside.length > 1 && Array.from(inside[0] ?? '').length === 1) inside.shift();
  const words = inside.join('');
  return Array.from(words).length >= 2 ? words : run;
}

// A reference back to "the battle" (这场战役, 这次的战斗, 该战役, 这个战役, 这场仗, or 战役 opening the
// question): in a class channel about one battle, that battle. Not inside a word: 日本战斗机, 战斗力.
const BATTLE_REFERENCE =
  /(?:(?:这|那|该|(?<!\p{Script=Han})[此本])一?[场次个]?的?|^\s*)(?:战役|战斗|会战|之战|仗)(?![机力英员舰群队士])/u;

/**
 * The question as the corpus names what it asks about: 包头之战 as 包头战役 where that is an article's
 * name or alias, and a reference back to "the battle" as its name when the corpus tells of one battle
 * only (the seed): 这场战役的结果如何 asks 平绥路战役's result, as its user means. In a corpus of several
 * battles, or when the question names one, the reference is left as asked.
 */
function resolveBattleNames(query: string, ctx: AnswerContext): string {
  // Most questions have no battle word: spare them a second folding (analyzeQuery folds too).
  if (!/[战戰仗]/.test(query)) return query;
  let folded = foldText(query);
  if (folded.includes('之战')) folded = spellAsArticleNames(folded, articleNamesOf(ctx.index));
  const battles = ctx.facts.battles;
  const battle = battles.length === 1 ? battles[0] : undefined;
  if (!battle) return folded;
  const names = [battle.name, ...battle.aliases].map((n) => foldText(n));
  if (!BATTLE_REFERENCE.test(folded) || names.some((n) => folded.includes(n))) return folded;
  return folded.replace(BATTLE_REFERENCE, foldText(battle.name));
}

/** `folded` with each X之战 spelled X战役 where that is one of `names` (the longest X that is). */
function spellAsArticleNames(folded: string, names: ReadonlySet<string>): string {
  return folded.replace(/(\p{Script=Han}{2,8})之战/gu, (whole, before: string) => {
    for (let from = 0; from <= before.length - 2; from++) {
      const name = `${before.slice(from)}战役`;
      if (names.has(name)) return `${before.slice(0, from)}${name}`;
    }
    return whole;
  });
}

/**
 * The key name of the question that the corpus does not cover, if any: an unknown stretch
 * followed by a name head (淮海|战役, 诺曼底|登陆). Other unknown words are judged by
 * {@link coverageWithMissing}: paraphrase (主帅 for 指挥, 会搭 for 乘坐) must not refuse an
 * answerable question (measured on CMRC/DRCD: the older "any unknown stretch" rule refused
 * 5% of answerable questions).
 */
function uncoveredKeyName(q: AnalyzedQuery): string | undefined {
  for (const run of q.unknownRuns) {
    const head = ENDS_IN_EVENT_HEAD.exec(run);
    const name = head ? run.slice(0, head.index) : run;
    // 这场战役, 该战斗, 此次会战: a reference back to the corpus's own event, not a name.
    if (Array.from(name).length < 2 || GENERIC_BEFORE_SUFFIX.test(name.slice(-2))) continue;
    if (head) return run;
    const at = q.content.indexOf(run);
    const suffix = at >= 0 ? NAME_SUFFIX.exec(q.content.slice(at + run.length)) : null;
    if (suffix) return run + suffix[0];
  }
  return undefined;
}

// A yes/no question's marker: what follows it is what the question asks whether happened.
const WHETHER = /有没有|有无|是否|是不是/;
// Particles and light verbs a predicate may have around its unknown words (派援军来解围: 来; 用了坦克:
// 用, 了): they ask nothing of their own.
const PREDICATE_FILLER = /\s|使用|动用|出动|请求|得到|获得|[了的来去过把被将要会能用派有]/g;
// Whether an attempt succeeded (有没有得手, 是否得逞): the outcome's sentence answers (…被傅作义军击退),
// in whatever words it tells the result.
const SUCCESS_PREDICATE = /^(?:得手|得逞|成功|奏效|如愿|打赢|打胜|赢|胜)/;

/**
 * What a yes/no question asks whether happened, when the corpus knows none of its words:
 * 有没有派援军来解围 asks of 援军 and 解围, which the seed never uses, so 聂贺会师围攻归绥 (naming
 * 归绥 and 围) does not answer it. A predicate holding one known word is left to the ranking.
 */
function unknownPredicate(q: AnalyzedQuery): string | undefined {
  const marker = WHETHER.exec(q.folded);
  if (!marker || q.unknownRuns.length === 0) return undefined;
  const predicate = (
    q.content.slice(marker.index + marker[0].length).split(/[，,。？?！!；;]/)[0] ?? ''
  ).trim();
  if (!predicate || SUCCESS_PREDICATE.test(predicate)) return undefined;
  let rest = predicate;
  for (const run of q.unknownRuns) rest = rest.replace(run, '');
  return rest.replace(PREDICATE_FILLER, '') === ''
    ? q.unknownRuns.find((run) => predicate.includes(run))
    : undefined;
}

// A count asked of a thing (多少门炮, 几辆坦克, 多少架飞机): the thing is the word after the numeral
// question and a measure word of things, up to a particle or the end.
const COUNTED_THING =
  /(?:多少|(?<![哪第])几)[万千百十]?(?:门|架|辆|艘|枚|挺|颗)(\p{Script=Han}{1,4}?)(?=[的了是被在和与吗呢啊呀，,。？?！!\s]|$)/u;

/**
 * The thing a question counts when the corpus has not one character of its name (绥远战役共军动用了
 * 多少门炮 of the seed, which never speaks of 炮): no sentence can state its number, however well the
 * rest matches. Read by the thing's head, its last two characters (大炮 of 多少门大炮); a head with a
 * known character may be a word the corpus spells otherwise, and is left to the ranking.
 */
function unknownCounted(q: AnalyzedQuery, index: CorpusIndex): string | undefined {
  const thing = COUNTED_THING.exec(q.folded)?.[1];
  if (!thing) return undefined;
  const head = Array.from(thing).slice(-2);
  return head.every((ch) => !index.df.has(ch)) ? thing : undefined;
}

/**
 * A sentence must cover at least this share of the question, counting unknown words as missed
 * and unknown joins between known words (过改 in 经过改良) at {@link JUNCTION_WEIGHT}. Chosen on
 * CMRC/DRCD (first 1,000 questions each): answerable questions lost 0.1 / 1.3 points, while
 * questions from the *other* set (not answerable) were answered 17.6% / 26.8% of the time,
 * against 63% / 60% with no junction weight and 0.2.
 */
const MIN_COVERAGE = 0.3;
const MIN_COVERAGE_NAMED = 0.15;
const JUNCTION_WEIGHT = 0.25;

/**
 * The best sentence's coverage with the question's unknown bigrams counted as uncovered:
 * a question mostly made of words the corpus never uses (诺曼底登陆, 电话) is not covered,
 * however well a sentence matches its one known word.
 */
function coverageWithMissing(q: AnalyzedQuery, coverage: number): number {
  const total = q.units.reduce((sum, u) => sum + u.weight, 0);
  const all = total + q.missingWeight + JUNCTION_WEIGHT * q.junctionWeight;
  return all > 0 ? (coverage * total) / all : 0;
}

const EVENT_SUFFIX = new RegExp(`${EVENT_HEAD}|大捷`, 'g');
// Characters that cannot be inside a battle's name: particles, verbs and prepositions around it.
const GENERIC_BEFORE_SUFFIX =
  /^(?:展开|发动|发起|进行|参加|参与|结束|开始|爆发|此次|这次|那次|这个|那个|整个|全面|最后|首次|一场|这场|那场|大型|大规模|阵前|临阵|率部|率众|宣布|举行|策动|组织|武装|战前|之前|此前|之后|以后|部队|军队|官兵|士兵|所部|全军|带兵|率兵|率军)$/;
const NOT_IN_NAME = /[的了在与和为于是被及或中对向从把将让给由着过也都就而以因其该此这那哪一个些场次]/;

/**
 * A named event the question asks about that the corpus does not cover: one that no candidate
 * sentence names at all (斯大林格勒战役), or names only inside enumerations (辽沈战役、淮海战役、
 * 平津战役): the name is known, but nothing about it can be quoted. The name is the run of
 * name characters right before the head (年的卫国战争 → 卫国战争); any of its tails will do
 * (冬季战争 is found as written). Article titles and aliases are always covered.
 */
function mentionedOnlyInPassing(
  index: CorpusIndex,
  q: AnalyzedQuery,
  candidates: readonly string[],
): string | undefined {
  const articleNames = articleNamesOf(index);
  for (const m of q.content.matchAll(EVENT_SUFFIX)) {
    const at = m.index ?? 0;
    let start = at;
    while (
      start > 0 &&
      at - start < 8 &&
      /\p{Script=Han}/u.test(q.content[start - 1] ?? '') &&
      !NOT_IN_NAME.test(q.content[start - 1] ?? '')
    )
      start--;
    if (at - start < 2) continue; // 这场战役, 该战役: a reference back, not a name
    // 展开会战, 发动战役, 参加战斗: a verb and a common noun, not a name.
    if (GENERIC_BEFORE_SUFFIX.test(q.content.slice(at - 2, at))) continue;
    const names: string[] = [];
    for (let from = start; at - from >= 2; from++) names.push(q.content.slice(from, at + m[0].length));
    if (names.some((name) => [...articleNames].some((n) => n.includes(name) || name.endsWith(n)))) continue;
    const containing = candidates.filter((text) => names.some((name) => text.includes(name)));
    // Named nowhere: a name the corpus has no words for (斯大林格勒, 淮海 of the seed). Words it
    // knows before the head (王国战争, 对哪个王国战争胜利后) are a common noun and the head, asked of
    // in other words than a name.
    if (containing.length === 0)
      if (namesSomething(index, q.content.slice(start, at))) return names[0];
      else continue;
    const inList = (text: string) =>
      names.some((name) => {
        const i = text.indexOf(name);
        return i >= 0 && (text[i - 1] === '、' || text[i + name.length] === '、');
      });
    if (containing.every(inList)) return names[0];
  }
  return undefined;
}

/**
 * True when `text` reads as a name: it has a character pair no sentence of the corpus holds
 * (斯大林格勒), or it names something the corpus knows (高树勋 of 高树勋起义).
 */
function namesSomething(index: CorpusIndex, text: string): boolean {
  if (findEntities(index.entities, text).length > 0) return true;
  const chars = Array.from(text);
  for (let i = 0; i + 1 < chars.length; i++) if (!index.df.has(`${chars[i]}${chars[i + 1]}`)) return true;
  return false;
}

const articleNameCache = new WeakMap<CorpusIndex, Set<string>>();
/** Folded titles and aliases of the corpus's articles. */
function articleNamesOf(index: CorpusIndex): Set<string> {
  let names = articleNameCache.get(index);
  if (!names) {
    names = new Set(index.articles.flatMap((a) => [a.title, ...a.aliases]).map((n) => foldText(n)));
    for (const group of index.curatedAliases?.groups ?? [])
      for (const n of group.names) names.add(foldText(n));
    articleNameCache.set(index, names);
  }
  return names;
}
