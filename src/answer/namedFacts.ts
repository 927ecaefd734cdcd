import type { BattleFact, Side } from '../facts';
import { type AnalyzedQuery, findEntities, type IndexedSentence } from '../search';
import { foldText } from '../text/fold';
import type { AnswerContext } from './answerQuestion';
import type { Intent } from './intent';
import type { RankedHit } from './rank';
import { articlesNamed } from './resolveEntity';

/**
 * Questions that ask for one fact about a named battle or article — when did it start, end or
 * take place, how did it end, who started or commanded it, where was it fought, what else is it
 * called — are answered by the fact's own
 * sentence, which need not repeat the question's words: 绥远战役结局如何 is answered by
 * 聂贺虽兵力占优，但却无法攻占归绥, while on words alone the lead (又称绥远…) wins, as every
 * sentence of the article "covers" its title and the lead spells it out.
 *
 * Only when the question asks nothing else ({@link restOf} is empty): 平绥路战役中贺龙何时开始
 * 转攻包头 is about a moment inside the battle and stays with the ranking.
 */
export function withNamedFact(
  ranked: RankedHit[],
  q: AnalyzedQuery,
  intent: Intent,
  ctx: AnswerContext,
): RankedHit[] {
  const item = namedFactSentence(ranked, q, intent, ctx);
  if (!item) return ranked;
  const own = ranked.find((h) => h.item.ref === item.ref);
  const top = Math.max(ranked[0]?.score ?? 0, own?.score ?? 0);
  // The subject is named and the fact answers the question: covered, whatever its words.
  const first: RankedHit = {
    item,
    score: top,
    bm25: own?.bm25 ?? 0,
    coverage: own?.coverage ?? 0,
    matched: own?.matched ?? [],
    contextCoverage: 1,
  };
  return [first, ...ranked.filter((h) => h.item.ref !== item.ref)];
}

// --- internal ---

// A when-question about the end of something: 何时结束, 什么时候告终 …
const END_CUE = /结束|终结|告终|落幕|收场|尾声|停止/;
const END_STATED = /(?:结束|终结|告终|落幕|收场)了?(?=[，。；！,.;!）)]|$|而)/;
// …about its start: 何时打响, 哪天开始打, 什么时候爆发.
const START_CUE = /开始|打响|爆发|开战|开打|发起|发动|揭开/;
const START_STATED = /开始|打响|爆发|展开|发起|发动|开战|揭开/;
const START_FRAME = /开始|打响|爆发|开战|开打|发起|发动|揭开序幕|揭开|正式|首先|最早|打|从|份/g;
// Words that only say "when was it" (时间, 发生在哪一年).
const WHEN_FRAME = /时间|日期|年份|发生|进行|爆发|打的|打|份|从|到|至|前后|持续|长|了/g;
// A question asking for months or days, or how long (a year does not answer it).
const FINER_THAN_YEAR = /几月|哪个月|什么月|哪天|哪一天|几号|几日|日期|多久|多长|几个月|几天|从.*到/;
// Words that only say "the outcome" (结局如何, 最后谁赢了).
const OUTCOME_FRAME =
  /结果|结局|胜负|输赢|成败|战果|谁赢|谁胜|谁输|打赢|打输|赢|胜|输|最后|最终|到底|如何|怎样|怎么样|战况|情况/g;
// Words that only say "where was it fought" (在哪里打的, 发生在什么地方), and a sentence placing it.
const WHERE_FRAME = /打的|打|发生|进行|爆发|位于|地点|地方|位置|地区|战场|在/g;
const WHERE_STATED =
  /发生(?:于|在)[^，,。；;]{0,16}(?:省|县|市|地区|一带|附近|境内)|(?:^|[，,])在[^，,。；;]{1,12}(?:省|县|地区|一带|附近|以南|以北|以东|以西)/;
// Words that only say "who started it", and a sentence saying by whom.
const INITIATOR_CUE = /发动|发起|挑起|引发|开打|打响/;
const INITIATOR_FRAME = /发动|发起|挑起来|挑起|引发|开打|打响|哪一方|一方|方面|谁|由/g;
// 由…发动 names the side outright; 发动了…战役 (a subject before it) is the fallback.
const INITIATED_BY = [
  /由[^，,。；;]{1,16}(?:发动|发起|挑起)/,
  /(?:发动|发起|挑起)了[^，,。；;]{0,6}(?:战役|会战|战斗|攻势)/,
];
// Words that only say "who commanded" (谁指挥, 指挥官是谁, 由谁率领), and the side asked about.
const COMMAND_CUE = /指挥|率领|统帅|带领|领导|主帅|主将|指挥官|司令|将领|带兵|领兵|率军|率部/;
const COMMAND_FRAME =
  /指挥官|总指挥|指挥|率领|统帅|带领|领导人|领导|主帅|主将|司令员|司令|将领|带兵|领兵|率军|率部|一方|方面|那边|这边|双方|军队|部队|分别|各自|谁/g;
const SIDE_WORDS: [Side, RegExp][] = [
  ['ccp', /解放军|共军|中共|共产党|八路军|红军|新四军/g],
  ['nationalist', /国军|国民党|国民政府|国民革命军|国府|晋军|晋绥军/g],
  ['japanese', /日军|日本|日方|伪军/g],
];
// Did one side win (平绥路战役中共算是打赢了吗, 共军打赢了吗, 算赢了还是输了): the outcome, whichever side is named.
const OUTCOME_AND_SIDE_FRAME = new RegExp(
  `${OUTCOME_FRAME.source}|算|没有|没|还是|一方|方面|双方|${SIDE_WORDS.map(([, w]) => w.source).join('|')}`,
  'g',
);
const COMMAND_AND_SIDE_FRAME = new RegExp(
  `${COMMAND_FRAME.source}|${SIDE_WORDS.map(([, w]) => w.source).join('|')}`,
  'g',
);
// …what else it is called (还有别的叫法吗, 又称什么, 别名).
// A person's courtesy name counts (傅作义的字, 贺龙字什么): 傅作義，字宜生.
const ALIAS_CUE =
  /叫法|别名|别称|又称|又叫|又名|亦称|还叫|还称|其他名|其它名|别的名|另称|也叫|也称|简称|俗称|全称|称呼|原名|本名|真名|表字|字号|的字(?:是|叫|为)?(?:什么|啥|何|[?？]|$)|字(?:是|叫)?(?:什么|啥)/;
const ALIAS_FRAME =
  /叫法|别名|别称|又称|又叫|又名|亦称|还叫|还称|其他名称|其它名称|其他名字|其它名字|别的名字|名称|名字|另称|也叫|也称|简称|俗称|全称|称呼|原名|本名|真名|表字|字号|还有|别的|其他|其它|叫|称|有|字/g;
// A sentence that gives other names: 又称…, or a person's 原名/字 (贺龙，原名贺文常，字云卿).
const ALIAS_STATED =
  /又称|亦称|又名|简称|或称|别称|旧称|也称|又叫|俗称|全称|通称|合称|原名|本名|曾用名|(?:^|[，,）)])[字号][\p{Script=Han}]{1,3}[，,。；;]/u;
// Left in a question once its subject and frame are gone, without asking anything more.
const FILLER = /[的了是吗呢啊呀吧么在于中里时内期间该场次这那一个\s\p{P}\p{S}]/gu;
// A question asking who won or lost (谁赢了, 国军输了吗, 中共胜了没有), not how it went.
const VERDICT_ASKED = /谁赢|谁胜|谁输|[输赢胜败]了|打赢|打输|胜负|输赢/;
// How much weaker than the strongest result the ranking's own first result may be.
const OUTCOME_MARGIN = 0.3;
const VERDICT_MARGIN = 0.1;
const PRECISION_RANK = { day: 3, xun: 2, month: 1, year: 0 } as const;

/** The sentence stating the one fact the question asks about a named subject, if it asks only that. */
function namedFactSentence(
  ranked: readonly RankedHit[],
  q: AnalyzedQuery,
  intent: Intent,
  ctx: AnswerContext,
): IndexedSentence | undefined {
  if (q.entities.length === 0) return undefined;
  const { index, facts } = ctx;
  const at = (id: string | undefined) => {
    const ref = id === undefined ? undefined : index.byId.get(id);
    return ref === undefined ? undefined : index.sentences[ref];
  };
  const articleSentences = (articleIndex: number) => {
    const range = index.articleRanges[articleIndex];
    return range ? index.sentences.slice(range[0], range[1]) : [];
  };

  if (intent === 'when' && END_CUE.test(q.content)) {
    const battle = namedBattle(q, ctx, true);
    if (!battle?.period) return undefined;
    // A sentence of the battle's own article that says it ended (进攻包头的战役至此结束) beats the
    // sentence of its latest date; 战役结束后 and 结束了…割据局面 speak of after, or of another end.
    const stated = ranked.find(
      (h) => h.item.articleIndex === battle.articleIndex && END_STATED.test(h.item.folded),
    );
    return stated?.item ?? at(battle.period.endSentenceId);
  }
  // The dated sentence of its article that says it started (10月18日，聂贺部队开始进攻…), the most
  // precise date first (the lead's 1939年…发动 only gives the year), else its first date.
  const startSentence = (battle: BattleFact & { period: NonNullable<BattleFact['period']> }) => {
    let best: IndexedSentence | undefined;
    let bestRank = -1;
    for (const s of articleSentences(battle.articleIndex)) {
      const date = ctx.dates.get(s.ref)?.[0];
      if (!date || date.start < battle.period.start || !START_STATED.test(s.folded)) continue;
      const rank = PRECISION_RANK[date.precision];
      if (rank > bestRank) [best, bestRank] = [s, rank];
    }
    return best ?? at(battle.period.startSentenceId);
  };
  if (intent === 'when' && START_CUE.test(q.content)) {
    const battle = namedBattle(q, ctx, true);
    if (!battle?.period || restOf(q, ctx, battle, START_FRAME)) return undefined;
    return startSentence({ ...battle, period: battle.period });
  }
  if (intent === 'when') {
    // When was it (大同集宁战役 时间, 上党战役是哪一年): the lead's dated sentence, a range first
    // (1946年7月至9月间…), else the sentence of its first date. A question asking for months or
    // days (从几月打到几月, 打了多久) is not answered by a lead that gives only the year: the
    // sentence saying it started is.
    const battle = namedBattle(q, ctx, true);
    if (!battle?.period || restOf(q, ctx, battle, WHEN_FRAME)) return undefined;
    const lead = articleSentences(battle.articleIndex).filter(
      (s) => s.sentence.paragraph === 1 && ctx.dates.has(s.ref),
    );
    const finer = FINER_THAN_YEAR.test(q.folded);
    const precise = finer
      ? lead.filter((s) => ctx.dates.get(s.ref)?.some((d) => d.precision !== 'year'))
      : lead;
    return (
      precise.find((s) => ctx.dates.get(s.ref)?.some((d) => d.end)) ??
      precise[0] ??
      (finer ? startSentence({ ...battle, period: battle.period }) : at(battle.period.startSentenceId))
    );
  }
  if (intent === 'outcome') {
    const battle = namedBattle(q, ctx, false);
    // A side may be named by its commander (傅作义在平绥路战役里算赢了还是输了).
    const commanders = facts.people[battle?.articleIndex ?? -1]?.sides.keys() ?? [];
    if (
      !battle ||
      restOfNames(
        q,
        ctx,
        new Set([...namesOf(battle.name, battle.aliases), ...commanders]),
        OUTCOME_AND_SIDE_FRAME,
      )
    )
      return undefined;
    // The most decisive result the article states (the facts grade them), unless the ranking
    // already put a result about as strong first (then words and context chose among them):
    // 邯郸战役's 战役结束后…被俘 rather than its 全数被歼 a sentence earlier.
    const outcomes = facts.outcomes[battle.articleIndex] ?? [];
    const top = ranked[0]?.item;
    const topStrength = outcomes.find((o) => o.sentenceId === top?.sentence.id)?.strength ?? 0;
    const strongest = outcomes[0];
    if (!strongest || strongest.sentenceId === top?.sentence.id) return undefined;
    // Who won asks the battle's verdict, so a result clearly weaker than the most decisive one (an
    // earlier clash: 吕正操部…被傅作义军击退) gives way to it sooner.
    const margin = VERDICT_ASKED.test(q.folded) ? VERDICT_MARGIN : OUTCOME_MARGIN;
    if (topStrength >= strongest.strength - margin) return undefined;
    return at(strongest.sentenceId);
  }
  if (intent === 'where') {
    const battle = namedBattle(q, ctx, false);
    if (!battle || restOf(q, ctx, battle, WHERE_FRAME)) return undefined;
    // The first sentence of its article that places it (发生于…山西省上党地区, 在河北省邯郸以南地区).
    return articleSentences(battle.articleIndex).find((s) => WHERE_STATED.test(s.folded));
  }
  if (intent === 'who' && INITIATOR_CUE.test(q.content)) {
    // Who started it (是谁发动的, 哪一方挑起来的): the article's sentence saying by whom (该战役由
    // 中共发动), the lead first.
    const battle = namedBattle(q, ctx, false);
    if (!battle || restOf(q, ctx, battle, INITIATOR_FRAME)) return undefined;
    const sentences = articleSentences(battle.articleIndex);
    for (const pattern of INITIATED_BY) {
      const found = sentences.find((s) => pattern.test(s.folded));
      if (found) return found;
    }
    return undefined;
  }
  if (intent === 'who' && COMMAND_CUE.test(q.content)) {
    const battle = namedBattle(q, ctx, false);
    if (!battle) return undefined;
    const side = SIDE_WORDS.find(([, words]) => q.content.search(words) >= 0)?.[0];
    if (restOf(q, ctx, battle, COMMAND_AND_SIDE_FRAME)) return undefined;
    const people = facts.people[battle.articleIndex];
    const command = people?.commands.find((c) => !side || people.sides.get(c.person) === side);
    return at(command?.sentenceId);
  }
  if (ALIAS_CUE.test(q.content)) {
    const named = articlesNamed(index, q.entities);
    for (const articleIndex of named) {
      const title = index.articles[articleIndex];
      if (!title || restOfNames(q, ctx, namesOf(title.title, title.aliases), ALIAS_FRAME)) continue;
      return articleSentences(articleIndex).find((s) => ALIAS_STATED.test(s.folded));
    }
  }
  return undefined;
}

/**
 * The battle the question names, by the name it spells out first: 包头战役 is the 1939 battle's
 * title, and also an alias of 平绥路战役 (the query names both entities). `dated` keeps only
 * battles with a period.
 */
function namedBattle(q: AnalyzedQuery, ctx: AnswerContext, dated: boolean): BattleFact | undefined {
  const named = new Set(q.entities);
  const battles = dated ? ctx.facts.battles.filter((b) => b.period) : ctx.facts.battles;
  return (
    battles.find((b) => q.folded.includes(foldText(b.name))) ??
    battles.find((b) => named.has(foldText(b.name))) ??
    battles.find((b) => b.aliases.some((name) => named.has(foldText(name))))
  );
}

function namesOf(name: string, aliases: readonly string[]): Set<string> {
  return new Set([name, ...aliases].map((n) => foldText(n).replace(/\s*[（(][^）)]*[）)]\s*$/, '')));
}

/** What the question asks beyond a battle and the fact's frame words (empty: nothing more). */
function restOf(q: AnalyzedQuery, ctx: AnswerContext, battle: BattleFact, frame: RegExp): string {
  return restOfNames(q, ctx, namesOf(battle.name, battle.aliases), frame);
}

function restOfNames(q: AnalyzedQuery, ctx: AnswerContext, names: Set<string>, frame: RegExp): string {
  const chars = q.content.split(''); // code units, as findEntities counts
  // Blank the subject wherever the question names it, by any name the dictionary maps to it.
  for (const hit of findEntities(ctx.index.entities, q.content)) {
    if (names.has(hit.name) || hit.ids.some((id) => names.has(id)))
      for (let i = hit.start; i < hit.end; i++) chars[i] = ' ';
  }
  // A year picks the battle (1939年的包头战役); it asks nothing more.
  return chars
    .join('')
    .replace(/\d{3,4}年/g, ' ')
    .replace(frame, ' ')
    .replace(FILLER, '');
}
