import type { ExtractedDate } from '../facts';
import {
  type AnalyzedQuery,
  type CorpusIndex,
  DEFAULT_TUNING,
  dateTerms,
  findEntities,
  type IndexedSentence,
  type SearchHit,
} from '../search';
import { foldText } from '../text/fold';
import type { AnswerContext } from './answerQuestion';
import type { Intent } from './intent';
import { articlesNamed } from './resolveEntity';

// Words that mark a sentence as the kind of answer an intent wants (folded script).
const COMMAND_WORDS =
  /指挥|率领|率部|率军|率(?!先)|统帅|司令|将军|军长|师长|旅长|总指挥|领导|部队|部$|所部|主力/;
const CAUSAL_WORDS = /由于|因为|鉴于|因此|所以|为了|为打破|原因|以致|导致|致使|以便|目的|为配合|迫于/;
const OUTCOME_WORDS =
  /攻克|攻占|占领|收复|歼灭|全歼|被俘|俘虏|击退|击溃|撤退|撤回|撤出|退守|久攻不下|无法攻占|未能|失败|胜利|告终|结束|损失|伤亡|阵亡|投降|解放|失守|突围|溃败|取胜|获胜|战败|被歼|殲/g;
const MEANS_WORDS =
  /凭借|依靠|借助|依托|利用|靠着|通过|采取|采用|运用|以[^，,。；;]{1,6}(?:方式|办法|战术|手段)/;
const COUNT_WORDS =
  /[0-9一二三四五六七八九十百千万]+(?:万|千|百|余|多)?(?:人|名|个|师|团|旅|军|营|连|架|辆|门|次)/;
const PLACE_WORDS =
  /退守|驻守|驻防|驻扎|位于|进攻|攻打|转攻|围攻|到达|进入|撤至|退至|迁至|迁往|迁到|移至|移往|安葬|葬于|葬在|撒在|在.{1,6}(?:城|省|县|市|地区)|(?:省|县|市|州|府|镇|村|乡)[^，,。；;]{0,8}人(?:[。，,；;（(]|$)|出生于|生于|祖籍/;

/** Multiplier an intent gives a sentence; 1 when the sentence has nothing the intent wants. */
export function intentBoost(
  intent: Intent,
  hit: SearchHit,
  ctx?: Pick<AnswerContext, 'dates' | 'commandRefs' | 'outcomeStrength'>,
): number {
  const text = hit.item.folded;
  switch (intent) {
    case 'when': {
      // The extracted dates know 到25日 and 次日; the compound test is the fallback.
      const dated = ctx ? ctx.dates.has(hit.item.ref) : dateTerms(text).length > 0;
      return dated || /[上中下]旬|年底|年初|月底|月初|同日|次日|翌日|当晚/.test(text) ? 1.8 : 1;
    }
    case 'who':
      // A sentence where the facts found a commander in a command role answers *who* best.
      if (ctx?.commandRefs.has(hit.item.ref)) return 1.8;
      return (COMMAND_WORDS.test(text) ? 1.4 : 1) * (hit.item.sentence.mentions.length > 0 ? 1.2 : 1);
    case 'why':
      return CAUSAL_WORDS.test(text) ? 1.8 : 1;
    case 'how':
      return MEANS_WORDS.test(text) ? 1.5 : 1;
    case 'outcome': {
      // The facts grade results (aims, 接受日军投降 and 结束之后 excluded; later sentences weigh more).
      if (ctx) {
        const strength = ctx.outcomeStrength.get(hit.item.ref);
        return strength === undefined ? 1 : Math.min(1 + 0.6 * strength, 3);
      }
      // Graded: a sentence that *is* the result names several (结束…损失…被俘); a lead that says
      // 接受日军投降 in passing names one.
      const kinds = new Set(text.match(OUTCOME_WORDS) ?? []).size;
      return kinds === 0 ? 1 : Math.min(1 + 0.4 * kinds, 2.6);
    }
    case 'count':
      return COUNT_WORDS.test(text) ? 1.5 : 1;
    case 'where':
      return PLACE_WORDS.test(text) ? 1.3 : 1;
    default:
      return 1;
  }
}

/**
 * Re-ranks lexical hits for the question's intent: date-bearing sentences for *when*,
 * sentences naming commanders for *who*, outcome words for *outcome*, causal words
 * (由于/因为/鉴于) for *why*. Stable: equal scores keep corpus order.
 */
export function rankForIntent(
  hits: readonly SearchHit[],
  intent: Intent,
  ctx?: Pick<AnswerContext, 'dates' | 'commandRefs' | 'outcomeStrength'>,
): SearchHit[] {
  return hits
    .map((hit) => ({ ...hit, score: hit.score * intentBoost(intent, hit, ctx) }))
    .sort((a, b) => b.score - a.score || a.item.ref - b.item.ref);
}

// --- context re-ranking ---

/**
 * Weights of the context features of {@link rankHits}. Chosen on the CMRC 2018 and DRCD dev sets
 * and checked on the CMRC 2018 trial set, which no weight was chosen on (`npx tsx
 * bench/rerankStudy.ts --set all` switches each off in turn). Each multiplies a hit's score by
 * exp(weight × feature), except `charShare` and `focus`, whose shares are raised to the weight.
 */
export const CONTEXT_WEIGHTS = {
  /** share of the question's distinct content characters that the sentence holds */
  charShare: 0.3,
  /** the sentence opens its paragraph (a lead states what the paragraph is about); wh-questions only */
  lead: 0.1,
  /** weighted share of the question that the sentence before (same paragraph) covers and this one does not */
  carried: 2,
  /** added to `carried` when the sentence opens with a reference back (它, 其, 该, 这, 同年 …) */
  carriedAnaphor: 3,
  /** a number in the sentence, for *when* questions */
  numberWhen: 0.7,
  /** a number in the sentence, for *count* questions */
  numberCount: 0.5,
  /** share of the question word's clause that the sentence covers */
  focus: 1,
  /** the sentence is in an article the question names by title or alias (not measurable on the QA
   * sets, whose titles carry ids): 包头战役的目的 → 包头战役, not 绥西战役 naming 包头战役 */
  subject: 0.3,
  /** a year in the sentence (1453年, 元年, 二十四年), for questions asking which year (哪一年, 何年, 西元幾年) */
  year: 1.5,
  /** how much of what the sentence holds only inside a name the question does not ask about (马 of
   * 人马 in 马占山, 包头 in the alias 包头战役) the coverage takes back: 1 = all of it */
  inName: 1,
  /** a length of time in the sentence (坚守3个月, 历时近2个月), for questions asking how long */
  duration: 0.6,
  /** a naming word in the sentence (称为, 又称, 简称, 得名 …), for questions asking what something is called */
  naming: 1,
  /** 1: a who/which question answered by a pronoun (他呼吁…) gets the sentence before, naming it, first; 0: off */
  antecedent: 1,
  /** 1: a which-year question whose first sentence states no year (同年…) gets the one stating it first; 0: off */
  yearContext: 1,
  /** 1: a question asking how someone responded to an event (…以后…怎么应对) gets the sentence after the event's first; 0: off */
  afterward: 1,
};
export type ContextWeights = typeof CONTEXT_WEIGHTS;

/** A hit as ranked for a question. */
export type RankedHit = SearchHit & {
  /** `coverage` plus the share of the question that the sentence before covers and this one does not (at most 1) */
  contextCoverage: number;
};

const SHARE_FLOOR = 0.05;
// A question asking what something is called (…被称之为?, 叫什么, 别名是, 有什么外号), and a sentence
// naming something (称为, 又称, 简称, 得名 …): the question's 称为 is a question phrase, not a word to match.
const NAME_QUESTION =
  /(?:称为|称之为|称作|叫做|叫作|名为|命名为|译为|译作)(?:什么|何|哪|[?？]|$)|叫什么|(?:名称|名字|别名|简称|全名|全称|本名|旧称|原名|别称|俗称|通称|又称|外号|绰号)(?:是|为|叫)?(?:什么|何|哪|[?？]|$)|(?:什么|哪个|何)(?:外号|绰号|别名|别称|称号|名号)/;
const NAMING_TEXT =
  /称为|称之为|称作|叫做|叫作|名为|又称|简称|通称|俗称|别称|亦称|命名|得名|全名|全称|本名|旧称|原名|译为|译作|又名|别名|或称|统称|合称|并称|人称|被称|号称|称号|外号|绰号/;
// How much less of the question a means sentence may cover than the first hit and still go first.
const MEANS_COVERAGE_SLACK = 0.05;
// Only the best lexical hits are re-ranked with context (the rest follow, by intent alone): the
// answer quotes three, and on CMRC/DRCD hit@1 differs by a question or two between weighing the
// first 20 hits and all 50. A sentence right after one of them joins them: it may take the
// question's names from it (贺龙担任司令员，政治委员为关向应 after 1942年10月…改称晋绥军区) and rank
// past 20 lexically in a long article (realistic wide +2 of 335, DRCD +1; weighing all of the
// first 30 instead cost CMRC 16% more time per question).
const CONTEXT_DEPTH = 20;
// Particles carry no content (as in the query's bigrams, src/search/query.ts).
const PARTICLE_CHARS = /[的了是吗呢着过也就都而及与和在]/;
// A sentence that opens with a reference back: its subject is in the sentence before.
const ANAPHOR = /^(?:[^，,]{0,8}[，,])?(?:它|他|她|其|此|该|这|那|牠|同年|次年|翌年|当年|该年|是年)/;
// Question words whose clause is the question's focus (blanked in `AnalyzedQuery.content`).
const QUESTION_WORD_CHARS = /[什么哪谁几何多少]/;
const CLAUSE_BOUNDARY = /[,，、;；:：!?！？。]/;
// A question asking which year (西元幾年 is read as *general*: the intent's when-words miss it), and a year.
const YEAR_QUESTION = /哪一?年|何年|几年|[西公]元几|什么年/;
const YEAR = /\d{3,4}年|元年|[一二三四五六七八九十]+年/;
// A question asking how long, and a length of time (not a date: 1945年, 10月, 25日 are not).
const DURATION_QUESTION = /多久|多长时间|多长|几天|几个月|持续了?多|历时多/;
const DURATION_TEXT =
  /历时|持续|长达|(?<![0-9])[0-9]{1,3}(?:多|余)?(?:个(?:多)?月|天|小时|星期|昼夜)|[一二三四五六七八九十两半几数百]+(?:多|余)?(?:个(?:多)?月|天|小时|星期|昼夜)/;
// A wh-question (not a yes/no question such as 史泽波被俘了吗).
const WH_QUESTION = /什么|哪|谁|几|多少|何|怎|如何|多[大长久高重远深宽]/;

/**
 * Re-ranks lexical hits for the question: the intent boost ({@link intentBoost}), then what the
 * lexical score does not see (hit@1 on CMRC 2018 / DRCD dev: +3.0 / +1.4 points; CMRC trial +2.9):
 * - how many of the question's characters the sentence holds (paraphrase across word boundaries);
 * - how much of the question word's clause it covers (…于1996年实施飞弹试射，最后是由于哪个军队…
 *   而缓和: the answer is where the second clause is);
 * - the part of the question that the sentence before covers and this one does not: a topic
 *   stated once and then dropped or referred back to (关岛位于… / 面积为…; 这些组合稻种…);
 * - a paragraph's lead, for wh-questions; a number, for *when* and *count* questions; a year, for
 *   questions asking which year;
 * - for a who/which question answered by a pronoun (他呼吁…), the sentence naming it goes first, and
 *   for a which-year question answered by a sentence with no year (同年…), the one stating the year —
 *   even when it is not a lexical hit (the one sentence that may be added to `hits`).
 * Stable: equal scores keep corpus order.
 */
export function rankHits(
  hits: readonly SearchHit[],
  query: AnalyzedQuery,
  intent: Intent,
  ctx: Pick<AnswerContext, 'index' | 'dates' | 'commandRefs' | 'outcomeStrength'>,
  weights: ContextWeights = CONTEXT_WEIGHTS,
): RankedHit[] {
  const { index } = ctx;
  const chars = [...new Set(Array.from(query.content))].filter(
    (ch) => /\p{Script=Han}/u.test(ch) && !PARTICLE_CHARS.test(ch),
  );
  const terms = new QueryTerms(query);
  const units = query.units.map((unit) => ({
    weight: unit.weight,
    alternatives: unit.alternatives.filter((alt) => alt.length > 0).map((alt) => alt.map((t) => terms.id(t))),
  }));
  const totalWeight = units.reduce((sum, u) => sum + u.weight, 0);
  const hasDates = query.units.some((u) => u.kind === 'date');
  const focus = weights.focus ? focusOf(query) : undefined;
  const focusWeight = focus ? units.reduce((sum, u, i) => sum + u.weight * (focus[i] ?? 0), 0) : 0;
  const whQuestion = WH_QUESTION.test(query.folded);
  const number = intent === 'when' ? weights.numberWhen : intent === 'count' ? weights.numberCount : 0;
  const year = YEAR_QUESTION.test(query.folded) ? weights.year : 0;
  const naming = NAME_QUESTION.test(query.folded) ? weights.naming : 0;
  const duration = DURATION_QUESTION.test(query.folded) ? weights.duration : 0;
  const subjects = weights.subject ? articlesNamed(index, query.entities) : undefined;
  const covers = new Map<number, Float64Array>();
  const alternatives = units.map((u) => u.alternatives);
  const sharesOf = (held: Uint8Array) => bestShares(alternatives, held);
  // Per sentence: the best share of each unit's alternatives that the sentence (or its title) holds.
  const coverOf = (item: IndexedSentence): Float64Array => {
    let cover = covers.get(item.ref);
    if (!cover) {
      cover = sharesOf(terms.heldBy(index, item, ctx.dates));
      covers.set(item.ref, cover);
    }
    return cover;
  };
  // Per sentence: the same, reading the sentence with the names it mentions blanked.
  const bareCovers = new Map<number, Float64Array>();
  const bareCoverOf = (item: IndexedSentence): Float64Array => {
    let cover = bareCovers.get(item.ref);
    if (!cover) {
      cover = sharesOf(terms.heldBy(index, item, ctx.dates, withoutNames(index, item)));
      bareCovers.set(item.ref, cover);
    }
    return cover;
  };
  // The units a name can swallow: a name the question asks about (包头, inside the alias
  // 包头战役) and a lone character (马 of 两路人马, inside 马占山). A bigram of an unnamed word
  // is not one of them: 平型关 is asked about as part of 平型关战斗.
  const swallowed = query.units.map(
    (u) => u.kind === 'entity' || (u.kind === 'cjk' && Array.from(u.alternatives[0]?.[0] ?? '').length === 1),
  );
  const anySwallowed = swallowed.includes(true);
  const carriedWeight = weights.carried || weights.carriedAnaphor;
  const head: RankedHit[] = [];
  const firstHits = hits.slice(0, CONTEXT_DEPTH);
  const firstRefs = new Set(firstHits.map((h) => h.item.ref));
  const followers = hits
    .slice(CONTEXT_DEPTH)
    .filter((h) => firstRefs.has(h.item.ref - 1) && sentenceBefore(index, h.item) !== undefined);
  const weighed = followers.length > 0 ? firstHits.concat(followers) : firstHits;
  for (const hit of weighed) {
    const item = hit.item;
    let score = hit.score * intentBoost(intent, hit, ctx);
    let coverage = hit.coverage;
    if (hasDates && totalWeight > 0) {
      // The search reads a sentence's dates as written (25日); its extracted dates carry the month
      // and year from the text before (10月25日): the coverage they add scores as the search's does.
      const own = coverOf(item);
      let covered = 0;
      for (let i = 0; i < units.length; i++) covered += (units[i]?.weight ?? 0) * (own[i] ?? 0);
      const dated = covered / totalWeight;
      if (dated > coverage + 1e-9) {
        score *= (dated / Math.max(coverage, SHARE_FLOOR)) ** DEFAULT_TUNING.coveragePower;
        coverage = dated;
      }
    }
    if (weights.inName && anySwallowed && totalWeight > 0) {
      // What the sentence holds only inside a name the question does not ask about is not held:
      // the search counted it, the re-ranking takes it back (wide corpus +3 of 170 questions;
      // CMRC/DRCD unchanged).
      const own = coverOf(item);
      const bare = bareCoverOf(item);
      let lost = 0;
      for (let i = 0; i < units.length; i++)
        if (swallowed[i]) lost += (units[i]?.weight ?? 0) * Math.max(0, (own[i] ?? 0) - (bare[i] ?? 0));
      if (lost > 1e-9) {
        const left = Math.max(coverage - (weights.inName * lost) / totalWeight, SHARE_FLOOR);
        score *= (left / Math.max(coverage, SHARE_FLOOR)) ** DEFAULT_TUNING.coveragePower;
        coverage = left;
      }
    }
    if (chars.length > 0 && weights.charShare) {
      let held = 0;
      for (const ch of chars) if (item.folded.includes(ch)) held++;
      score *= Math.max(held / chars.length, SHARE_FLOOR) ** weights.charShare;
    }
    if (focus && focusWeight > 0) {
      const own = coverOf(item);
      let covered = 0;
      for (let i = 0; i < units.length; i++)
        covered += (units[i]?.weight ?? 0) * (focus[i] ?? 0) * (own[i] ?? 0);
      score *= Math.max(covered / focusWeight, SHARE_FLOOR) ** weights.focus;
    }
    let x = 0;
    if (whQuestion && item.sentence.sentence === 1) x += weights.lead;
    const prev = carriedWeight && totalWeight > 0 ? sentenceBefore(index, item) : undefined;
    let carried = 0;
    if (prev) {
      const own = coverOf(item);
      const before = coverOf(prev);
      for (let i = 0; i < units.length; i++)
        carried += (units[i]?.weight ?? 0) * Math.max(0, (before[i] ?? 0) - (own[i] ?? 0));
      carried /= totalWeight;
      x += carried * (weights.carried + (ANAPHOR.test(item.folded) ? weights.carriedAnaphor : 0));
    }
    if (naming && NAMING_TEXT.test(item.folded)) x += naming;
    if (number && /\d/.test(item.folded)) x += number;
    if (year && YEAR.test(item.folded)) x += year;
    if (duration && DURATION_TEXT.test(item.folded)) x += duration;
    if (subjects?.has(item.articleIndex)) x += weights.subject;
    head.push(rankedHit(hit, score * Math.exp(x), Math.min(1, coverage + carried), coverage));
  }
  head.sort(byScoreThenRef);
  if (intent === 'how') meansFirst(head);
  if (hits.length <= weighed.length) return contextFirst(head, query, index, weights);
  // The rest keep their lexical order unless the intent boosts some of them.
  const tail: RankedHit[] = [];
  const followerRefs = new Set(followers.map((h) => h.item.ref));
  for (let i = CONTEXT_DEPTH; i < hits.length; i++) {
    const hit = hits[i] as SearchHit;
    if (followerRefs.has(hit.item.ref)) continue;
    tail.push(rankedHit(hit, hit.score * intentBoost(intent, hit, ctx), hit.coverage));
  }
  tail.sort(byScoreThenRef);
  return contextFirst(head.concat(tail), query, index, weights);
}

/**
 * A question asking by what means (靠什么守住) is answered by a sentence that names one (凭借堡垒
 * 固守); when one covers the question as well as the first hit does, with what the sentence before
 * it says, it goes first — whatever its words score (退守归绥 repeats more of the question).
 */
function meansFirst(head: RankedHit[]): void {
  const top = head[0];
  if (!top || MEANS_WORDS.test(top.item.folded)) return;
  const at = head.findIndex(
    (h) => MEANS_WORDS.test(h.item.folded) && h.contextCoverage >= top.contextCoverage - MEANS_COVERAGE_SLACK,
  );
  if (at > 0) head.unshift(...head.splice(at, 1));
}

// A question asking who did or is something (谁呼吁…, 何人建立的, …的父亲是谁), and one asking
// which thing is something (…是哪一家报纸, 哪一个建筑为…, …是什么, …为?).
const WHO_ASKED = /^(?:谁|何人|哪一?位|哪一?个人)|(?:是|为|由|被)(?:谁|何人|哪一?位)[^，,？?]{0,6}[？?]?$/;
const WHICH_ASKED = /^哪|(?:是|为)(?:哪|什么)[^，,？?]{0,5}[？?]?$|(?:是|为)[？?]?$/;
// A sentence whose subject is a pronoun: a person (他呼吁…, not 他的 / 他们 / 他被), or a thing
// (这是…, 它也是…, 此乃…), or left out (是裕仁天皇的第五个孩子).
const PERSON_SUBJECT = /^(?:[他她](?![的们被])|是(?![年时日月]))/;
const THING_SUBJECT = /^(?:(?:这|它|牠)(?:也|就|便)?是|此乃|此即|是(?![年时日月]))/;

/**
 * Puts first the sentence that states what the first sentence leaves to its context, with the first
 * sentence second; it takes the first one's coverage, as the two are read together. It need not be a
 * lexical hit (重庆两江新区…正式挂牌成立 shares no word with the question):
 * - `antecedent`: the question asks *who* or *which* and the first sentence answers with a pronoun
 *   (他呼吁在繁殖季节立法… for 何人呼吁…; 这是中国报纸第一次获得最佳报纸称号 for …是哪一家报纸):
 *   the name is in the sentence before. Full sets: DRCD 80.9 → 81.1; CMRC, trial unchanged.
 * - `yearContext`: the question asks which year and the first sentence states none (同年，杜林爆发了…;
 *   5月30日上午，穆罕默德二世进入…): the year is the one of the nearest sentence before it in the
 *   paragraph that states one, or of the next sentence when that one refers back (这项工程已于2003年
 *   启动). Full sets: DRCD 81.2 → 81.8; CMRC, trial unchanged (for any *when* question with no date in
 *   the first sentence: CMRC and trial −0.1).
 * The realistic sets are unchanged by both.
 * - `afterward`: the question asks how someone answered an event (聂贺部队进攻以后傅军是怎么应对的): the first
 *   sentence tells the event (10月18日，聂贺部队开始进攻傅作义军), the one after it what followed
 *   (鉴于形势不利，傅军迅速撤退). Realistic seed +3 of 270; CMRC, DRCD, trial unchanged (no such questions).
 */
function contextFirst(
  ranked: RankedHit[],
  query: AnalyzedQuery,
  index: CorpusIndex,
  weights: ContextWeights,
): RankedHit[] {
  const top = ranked[0];
  if (!top) return ranked;
  const context =
    (weights.antecedent ? antecedentOf(top.item, query, index) : undefined) ??
    (weights.yearContext && YEAR_QUESTION.test(query.folded) && !YEAR.test(top.item.folded)
      ? yearSentenceFor(top.item, index)
      : undefined) ??
    (weights.afterward && AFTERWARD_ASKED.test(query.folded) ? sentenceAfter(index, top.item) : undefined);
  if (!context) return ranked;
  const at = ranked.findIndex((h) => h.item.ref === context.ref);
  const hit = at >= 0 ? ranked.splice(at, 1)[0] : undefined;
  ranked.unshift({
    ...(hit ?? top),
    item: context,
    matched: hit?.matched ?? [],
    score: top.score,
    coverage: top.coverage,
    contextCoverage: top.contextCoverage,
  });
  return ranked;
}

// A question asking how someone answered an event: 聂贺部队进攻以后傅军是怎么应对的, 聂贺一开打，傅作义
// 那边怎么应对. The sentence telling the event comes first, so its sequel is the answer. Only words of
// a response: 聂贺会师以后怎样围攻归绥 and 邯郸战役结束之后高树勋怎么样了 are answered by the sentence itself.
const AFTERWARD_ASKED =
  /(?:以后|之后|过后|随后|接着|然后|一开打|一开始|一进攻|一打过来)[^？?。]*?(?:应对|反应|怎么办|怎么做|采取了什么|做了什么|干了什么)/;

/** The sentence after `item` in its paragraph, if any. */
function sentenceAfter(index: CorpusIndex, item: IndexedSentence): IndexedSentence | undefined {
  const next = index.sentences[item.ref + 1];
  return next && sentenceBefore(index, next) === item ? next : undefined;
}

/** The sentence naming who or what `item`'s opening pronoun stands for, when the question asks it. */
function antecedentOf(
  item: IndexedSentence,
  query: AnalyzedQuery,
  index: CorpusIndex,
): IndexedSentence | undefined {
  const answersByPronoun = WHO_ASKED.test(query.folded)
    ? PERSON_SUBJECT.test(item.folded)
    : WHICH_ASKED.test(query.folded) && THING_SUBJECT.test(item.folded);
  return answersByPronoun ? sentenceBefore(index, item) : undefined;
}

/** The sentence stating the year `item` (which states none) is told in, if its paragraph has one. */
function yearSentenceFor(item: IndexedSentence, index: CorpusIndex): IndexedSentence | undefined {
  for (let before = sentenceBefore(index, item); before; before = sentenceBefore(index, before))
    if (YEAR.test(before.folded)) return before;
  const next = sentenceAfter(index, item);
  return next && YEAR.test(next.folded) && ANAPHOR.test(next.folded) ? next : undefined;
}

/**
 * A reader of how much of each query unit a sentence (or its article's title) holds: 1 where it
 * says it, 0 where it does not, the best of the unit's alternatives. Built once per question.
 */
export function unitCoverage(
  index: CorpusIndex,
  query: AnalyzedQuery,
): (item: IndexedSentence) => Float64Array {
  const terms = new QueryTerms(query);
  const units = query.units.map((unit) =>
    unit.alternatives.filter((alt) => alt.length > 0).map((alt) => alt.map((t) => terms.id(t))),
  );
  return (item) => bestShares(units, terms.heldBy(index, item));
}

/** Per unit, the best share of its alternatives' term ids that `held` marks (1 = all of one alternative). */
function bestShares(units: readonly (readonly (readonly number[])[])[], held: Uint8Array): Float64Array {
  const best = new Float64Array(units.length);
  for (let i = 0; i < units.length; i++) {
    for (const alt of units[i] ?? []) {
      let n = 0;
      for (const id of alt) n += held[id] ?? 0;
      if (n / alt.length > (best[i] ?? 0)) best[i] = n / alt.length;
    }
  }
  return best;
}

/** The sentence before `item` in its paragraph, if any: where a topic dropped from `item` was stated. */
export function sentenceBefore(index: CorpusIndex, item: IndexedSentence): IndexedSentence | undefined {
  const prev = index.sentences[item.ref - 1];
  return prev?.articleIndex === item.articleIndex && prev.sentence.paragraph === item.sentence.paragraph
    ? prev
    : undefined;
}

/** A hit with its re-ranked score; one object shape for every ranked hit (mixed shapes deoptimize callers). */
function rankedHit(
  hit: SearchHit,
  score: number,
  contextCoverage: number,
  coverage = hit.coverage,
): RankedHit {
  return {
    item: hit.item,
    score,
    bm25: hit.bm25,
    coverage,
    matched: hit.matched,
    contextCoverage,
  };
}

function byScoreThenRef(a: SearchHit, b: SearchHit): number {
  return b.score - a.score || a.item.ref - b.item.ref;
}

type Title = { folded: string; words: Set<string> };
type TermKind = 'cjk' | 'latin' | 'date' | 'other';
type QueryTerm = { term: string; kind: TermKind; entity: boolean };

/**
 * The distinct terms of a query's units, and which of them a sentence (or its article's title,
 * which every sentence of it is about) holds — without tokenizing the sentence: CJK terms are
 * substrings, entity ids are also found among the sentence's entities (an alias names it), Latin
 * words and numbers must stand alone, dates are read as the index reads them (十月 is 10月).
 */
class QueryTerms {
  private readonly terms: QueryTerm[] = [];
  private readonly ids = new Map<string, number>();
  private readonly titles = new Map<number, Uint8Array>();
  private readonly entityIds: Set<string>;
  constructor(query: AnalyzedQuery) {
    this.entityIds = new Set(query.entities);
  }
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      const kind: TermKind = /^[\p{Script=Han}〇]+$/u.test(term)
        ? 'cjk'
        : /^[a-z0-9]+$/.test(term)
          ? 'latin'
          : /^\d+[年月日]$/.test(term)
            ? 'date'
            : 'other';
      this.terms.push({ term, kind, entity: this.entityIds.has(term) });
      this.ids.set(term, id);
    }
    return id;
  }
  /** 1 for each term the sentence or its title holds, by term id. */
  heldBy(
    index: CorpusIndex,
    item: IndexedSentence,
    dates?: AnswerContext['dates'],
    folded = item.folded,
  ): Uint8Array {
    const held = new Uint8Array(this.terms.length);
    const title = this.titleHeld(index, item.articleIndex);
    const { entities } = item;
    for (let i = 0; i < this.terms.length; i++) {
      if (title[i]) {
        held[i] = 1;
        continue;
      }
      const t = this.terms[i] as QueryTerm;
      if (t.kind === 'cjk')
        held[i] = folded.includes(t.term) || (t.entity && entities.includes(t.term)) ? 1 : 0;
      else if (t.kind === 'latin') held[i] = hasWord(folded, t.term) || entities.includes(t.term) ? 1 : 0;
      else if (t.kind === 'date')
        held[i] =
          datesOf(item).has(t.term) ||
          extractedDateTerms(dates?.get(item.ref)).has(t.term) ||
          contextYear(index, dates, item) === t.term
            ? 1
            : 0;
      else held[i] = folded.includes(t.term) || entities.includes(t.term) ? 1 : 0;
    }
    return held;
  }
  private titleHeld(index: CorpusIndex, articleIndex: number): Uint8Array {
    let held = this.titles.get(articleIndex);
    if (!held) {
      const title = titleOf(index, articleIndex);
      held = Uint8Array.from(this.terms, (t) =>
        (t.kind === 'latin' ? title.words.has(t.term) : title.folded.includes(t.term)) ? 1 : 0,
      );
      this.titles.set(articleIndex, held);
    }
    return held;
  }
}

const LATIN_CHAR = /[a-z0-9]/;
/** True when `word` (Latin letters or digits) occurs in `text` not as part of a longer word (3 in 13 is not). */
function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!LATIN_CHAR.test(text[at - 1] ?? '') && !LATIN_CHAR.test(text[at + word.length] ?? '')) return true;
  }
  return false;
}

const contextYearCache = new WeakMap<IndexedSentence, string>();
/**
 * The year an undated sentence is told in: that of the nearest dated sentence before it in its
 * article (聂贺虽兵力占优，但却无法攻占归绥 follows 10月30日到11月12日 of 1945). '' when none.
 */
function contextYear(
  index: CorpusIndex,
  dates: AnswerContext['dates'] | undefined,
  item: IndexedSentence,
): string {
  let year = contextYearCache.get(item);
  if (year === undefined) {
    year = '';
    if (dates && !dates.has(item.ref) && datesOf(item).size === 0) {
      for (let ref = item.ref - 1; ref >= 0; ref--) {
        const before = index.sentences[ref];
        if (!before || before.articleIndex !== item.articleIndex) break;
        const found = dates.get(ref)?.[0];
        if (found) {
          const y = Number(found.start.split('-')[0]);
          if (y) year = `${y}年`;
          break;
        }
      }
    }
    contextYearCache.set(item, year);
  }
  return year;
}

const extractedCache = new WeakMap<readonly ExtractedDate[], Set<string>>();
const NO_TERMS = new Set<string>();
/**
 * The date terms of a sentence's extracted dates, with the year and month carried from the text
 * before: 到25日 after 10月18日 holds 10月25日 and 10月 too (10月25日那天… finds it).
 */
function extractedDateTerms(dates: readonly ExtractedDate[] | undefined): Set<string> {
  if (!dates || dates.length === 0) return NO_TERMS;
  let terms = extractedCache.get(dates);
  if (!terms) {
    terms = new Set();
    for (const d of dates) {
      for (const iso of d.end ? [d.start, d.end] : [d.start]) {
        const [year, month, day] = iso.split('-').map(Number);
        if (year) terms.add(`${year}年`);
        if (month && d.precision !== 'year') terms.add(`${month}月`);
        if (month && day && d.precision === 'day') terms.add(`${month}月${day}日`).add(`${day}日`);
      }
    }
    extractedCache.set(dates, terms);
  }
  return terms;
}

const dateCache = new WeakMap<IndexedSentence, Set<string>>();
function datesOf(item: IndexedSentence): Set<string> {
  let dates = dateCache.get(item);
  if (!dates) {
    dates = new Set(dateTerms(item.folded));
    dateCache.set(item, dates);
  }
  return dates;
}

/**
 * How much each query unit is in the question's focus: 1 in the clause of a question word
 * (…实施飞弹试射，最后是由于哪个军队…而缓和 → the second clause), 0 in other clauses, ½ when its
 * place is unknown. Undefined when the question has no question word.
 */
function focusOf(query: AnalyzedQuery): number[] | undefined {
  const { folded, content } = query;
  const clauses: [number, number][] = [];
  for (let i = 0; i < folded.length; i++) {
    if (content[i] !== ' ' || !QUESTION_WORD_CHARS.test(folded[i] ?? '')) continue;
    let start = i;
    while (start > 0 && !CLAUSE_BOUNDARY.test(folded[start - 1] ?? '')) start--;
    let end = i;
    while (end < folded.length && !CLAUSE_BOUNDARY.test(folded[end] ?? '')) end++;
    clauses.push([start, end]);
    i = end;
  }
  if (clauses.length === 0) return undefined;
  return query.units.map((unit) => {
    const term = unit.alternatives[0]?.[0] ?? '';
    const at = term ? folded.indexOf(term) : -1;
    if (at < 0) return 0.5;
    return clauses.some(([a, b]) => at >= a && at < b) ? 1 : 0;
  });
}

const bareCache = new WeakMap<IndexedSentence, string>();
/** The sentence's folded text with every dictionary name blanked (马占山 → three spaces). */
function withoutNames(index: CorpusIndex, item: IndexedSentence): string {
  let bare = bareCache.get(item);
  if (bare === undefined) {
    bare = item.folded;
    const hits = findEntities(index.entities, item.folded);
    if (hits.length > 0) {
      let out = '';
      let at = 0;
      for (const hit of hits) {
        out += item.folded.slice(at, hit.start) + ' '.repeat(hit.end - hit.start);
        at = hit.end;
      }
      bare = out + item.folded.slice(at);
    }
    bareCache.set(item, bare);
  }
  return bare;
}

const titleCache = new WeakMap<CorpusIndex, Map<number, Title>>();
/** The folded title of an article and its Latin words, once per index. */
function titleOf(index: CorpusIndex, articleIndex: number): Title {
  let byArticle = titleCache.get(index);
  if (!byArticle) {
    byArticle = new Map();
    titleCache.set(index, byArticle);
  }
  let title = byArticle.get(articleIndex);
  if (!title) {
    const folded = foldText(index.articles[articleIndex]?.title ?? '');
    title = { folded, words: new Set(folded.match(/[a-z0-9]+/g) ?? []) };
    byArticle.set(articleIndex, title);
  }
  return title;
}
