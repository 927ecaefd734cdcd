import { isAim, shortFormsIn } from '../facts';
import type { AnalyzedQuery, IndexedSentence } from '../search';
import type { AnswerContext } from './answerQuestion';
import { type RankedHit, sentenceBefore, unitCoverage } from './rank';
import { articlesNamed, sentencesNaming } from './resolveEntity';

/**
 * Facts a question can ask for that only a sentence in the fact's own words states: where
 * someone is from, a birth, a death, casualties, a spouse, a capital, a signing, where a name comes
 * from, what became of someone. 粟裕是哪一年去世的 is not answered by 1958年，聂荣臻积极参加了对粟裕的
 * 批判, which names 粟裕 and a year — the least-bad sentence, not an answer. Folded (simplified) script.
 */
const ASKED_FACTS: {
  question: RegExp;
  stated: RegExp;
  lifespan?: boolean;
  leadFirst?: boolean;
  /** when the question asks how many (多少, 几): the stating sentence must give a count too */
  counted?: boolean;
  /** asked of a person: a question naming no one the corpus knows asks of someone it never mentions */
  person?: boolean;
}[] = [
  // where from (before *born*: 在哪里出生 asks a place): 籍贯, 生于…, or a clause "<place>人"
  // (，太原晋阳人。 为台湾彰化鹿港人，) — not 数千人, 敌人, 家人
  {
    question:
      /籍贯|哪里人|哪儿人|何地人|何处人|什么地方人|老家|故乡|出生地|祖籍|原籍|(?:哪里|哪儿|何地|何处|什么地方)出生|出生(?:在|于)(?:哪|何)|\bwhere\b.*\bborn\b|\bwhere\s+(?:is|was|are|were)\b[^?]*\bfrom\b|\bhometown\b/i,
    stated:
      /籍贯|原籍|祖籍|故乡|老家|出生(?:在|于|地)|(?<![发学产先医])生于(?![此斯])|(?:^|[，,)）])(?:为|是)?[^，,。；;]{2,20}(?<![\d一二三四五六七八九十百千万两几数余多敌军家个])人(?:[，,。；;（(]|$)/,
    leadFirst: true,
    person: true,
  },
  // born when (生于 is also in 发生于, 学生于; 诞生 is said of states and inventions)
  {
    question: /出生|哪年生|生年|生日|\bborn\b|\bbirth/i,
    stated: /出生|(?<![发学产先医])生于|诞辰|生人|年生|(?<![诞产发])生[，,。；;）)]/,
    lifespan: true,
    person: true,
  },
  // died when / how
  {
    question:
      /去世|逝世|病逝|过世|辞世|死于|死的|死了|怎么死|卒年|享年|终年|牺牲|殉国|遇害|身亡|\b(?:die|died|death)\b/i,
    stated:
      /去世|逝世|病逝|过世|辞世|死(?:于|在|去|亡|难)|(?:致|处|战|病|身|而|打|炸|害|杀|烧|冻|饿)死|牺牲|殉国|殉职|遇害|遇难|卒|殁|享年|终年|身故|身亡|阵亡|被杀|枪杀|击毙|毙命|自杀|自尽/,
    lifespan: true,
    person: true,
  },
  // casualties, as a number (减少伤亡 is not a question about them)
  {
    question: /(?:伤亡|死伤|阵亡|战死)(?:了)?(?:多少|几|人数|情况|如何)|(?:伤|死)了多少/,
    stated: /伤亡|死伤|毙伤|阵亡|战死|损失|歼灭|被歼|毙|负伤|受伤/,
    counted: true,
  },
  // the strength of a force (投入了多少兵力, 带了多少兵, 几个师): 两大军区主力 or 兵力占优 gives none
  {
    question:
      /(?:多少|(?<![哪第])几)[万千]?个?(?:兵力|兵|人马|部队|军队|主力|大军|师|旅|团)|(?:兵力|人马)[^，,。？?]{0,4}(?:多少|几)|(?:部队|军队|主力|大军)(?:有|共有|一共有|总共有)?(?:多少|几)[万千]?(?:人|兵)(?![^，,。？?]{0,3}(?:被|阵亡|伤亡|死|伤|投降|牺牲))/,
    stated: /兵力|兵|部队|军队|人马|主力|师|旅|团|营|连|人/,
    counted: true,
  },
  // a husband or wife
  {
    question: /夫人|妻子|老婆|丈夫|配偶|娶了|嫁给/,
    stated: /夫人|妻|娶|结婚|成婚|嫁|配偶|丈夫|伴侣/,
    person: true,
  },
  // the capital of a province or country
  { question: /省会|首府|首都|省城|治所/, stated: /省会|首府|首都|省城|省治|治所|会城|定都|建都/ },
  // a treaty or agreement signed
  { question: /签订|签署|签的|签约|签字/, stated: /签/ },
  // where a name comes from (绥远这个名字是怎么来的, 察哈尔省 名字 由来)
  {
    question:
      /由来|来历|得名|名字[^，,。]{0,4}(?:怎么|如何|从哪|从何)|名称[^，,。]{0,4}(?:怎么|如何|从哪|从何)|为什么叫|为何叫|为啥叫/,
    stated: /得名|命名|故名|取名|定名|名称来自|名字来自|名称源于|名字源于|因[^，,。；;]{1,20}而名/,
  },
  // what became of someone (结局, 下场, 后来去台湾了吗); a battle's 结局 is its outcome, not this,
  // nor is the same 下场 as another's (包头…还是跟归绥一个下场)
  {
    question:
      /^(?!.*(?:战役|战斗|会战|之战|战争|起义|事变|冲突|围城)).*(?:结局|(?<!一个|一样的?|同样的?|相同的?)下场|晚年|去了台湾|去台湾|到台湾|赴台|后来去了哪)/,
    stated:
      /台湾|台灣|赴台|病逝|去世|逝世|过世|处决|枪决|判处|被俘|投降|自杀|死于|移居|定居|晚年|特赦|释放|退役|退休|隐居|病故|牺牲|遇害/,
    person: true,
  },
];

/**
 * A lead's life dates right after the person's name: 傅作义(1895年6月27日-1974年4月19日) states
 * both ends (a term of office, 商震(1926年9月-1927年9月) after another name, does not).
 */
function statesLifespan(folded: string, names: readonly string[]): boolean {
  for (const name of names) {
    const at = folded.indexOf(`${name}(`);
    if (at < 0) continue;
    const close = folded.indexOf(')', at);
    const inside = folded.slice(at + name.length + 1, close < 0 ? undefined : close);
    if (LIFE_DATES.test(inside)) return true;
  }
  return false;
}
const LIFE_DATES = /\d{3,4}年.*[-—–～~].*\d{3,4}年|^[^-—–]*\d{3,4}年[^-—–]*[-—–]$/;

/** What {@link checkAskedFact} found: nothing asked, the sentence stating it, or no such sentence. */
export type AskedFactCheck = { asked: false } | { asked: true; stating?: IndexedSentence; ofPerson: boolean };

// At most this many sentences are read for a stated fact beyond the ranking.
const MAX_FACT_SCAN = 5000;

// A question asking when (出生年份, 哪年去世): the stating sentence must give a date too.
const ASKS_WHEN = /年份|哪一?年|几几年|何年|何时|什么时候|啥时候|哪天|日期|时间|几月|\bwhen\b|\bwhat year\b/i;

/**
 * When the question asks one of the {@link ASKED_FACTS}: for where someone is from, or when, the
 * named subject's lead if it states it; else the first of the top `depth` hits that states a
 * fact of that kind and names everything the question names; else the first such
 * sentence of the named subject's own article or naming it anywhere (吕正操出生在辽宁省海城市…
 * shares no word with 吕正操是哪里人 but the name). `stating` is undefined when no sentence does:
 * the corpus does not say it.
 */
export function checkAskedFact(
  ctx: Pick<AnswerContext, 'index' | 'dates' | 'facts'>,
  q: AnalyzedQuery,
  ranked: readonly RankedHit[],
  depth: number,
): AskedFactCheck {
  const fact = ASKED_FACTS.find((f) => f.question.test(q.folded));
  if (!fact) return { asked: false };
  const ofPerson = fact.person === true;
  const { index } = ctx;
  // Names the question asks of: the corpus's entities, and the short forms it names people by
  // (聂贺 投入了多少兵力 is not answered by 傅军主力6个师, though both are in 绥远战役's article).
  const shortForms = shortFormsIn(ctx.facts, q.folded);
  // A pinyin name (fu zuoyi) counts; an English word (die) does not.
  const names = q.units.flatMap((u, i) =>
    u.kind === 'entity' ||
    u.alternatives.some(
      (alt) =>
        alt.length === 1 &&
        (shortForms.includes(alt[0] ?? '') || (u.kind === 'latin' && q.entities.includes(alt[0] ?? ''))),
    )
      ? [i]
      : [],
  );
  const dated = ASKS_WHEN.test(q.folded);
  const asksCount = fact.counted === true && ASKS_HOW_MANY.test(q.folded);
  const coverage = unitCoverage(index, q);
  const states = (item: IndexedSentence) => {
    // 在贺龙逝世6周年之际 dates a ceremony, not the death.
    const text = item.folded.replace(ANNIVERSARY, '');
    const stated =
      statesNotAsAim(fact.stated, text, dated ? DATE_NEAR : undefined) ||
      (fact.lifespan && statesLifespan(item.folded, q.entities));
    if (!stated) return false;
    if (dated && !ctx.dates.has(item.ref) && !YEAR.test(item.folded)) return false;
    if (asksCount && !COUNT.test(item.folded)) return false;
    const held = coverage(item);
    if (names.length > 0) {
      // A name the sentence before (same paragraph) says is carried: 11日晚，独立第二旅…崞县… /
      // …独二旅也付出了伤亡七十八人的代价.
      const prev = sentenceBefore(index, item);
      const carried = prev ? coverage(prev) : undefined;
      return names.every((i) => (held[i] ?? 0) >= 1 || (carried?.[i] ?? 0) >= 1);
    }
    // No name the corpus knows: the sentence must hold at least half of what the question says
    // (聂力是哪一年出生的 is not answered by …纪念聂荣臻同志诞辰一百周年).
    let said = 0;
    let total = 0;
    q.units.forEach((u, i) => {
      total += u.weight;
      said += u.weight * (held[i] ?? 0);
    });
    return total > 0 && said >= total / 2;
  };
  const own = [...articlesNamed(index, q.entities)];
  // Where someone is from, or when: a biography's lead says it (傅作义，字宜生，是一位生於山西省
  // 榮河縣的…), where a later sentence may say it loosely (傅作義出生在一个富农家庭).
  if (fact.leadFirst || dated) {
    for (const a of own) {
      const range = index.articleRanges[a];
      if (!range) continue;
      for (let ref = range[0]; ref < range[1]; ref++) {
        const item = index.sentences[ref];
        if (item?.sentence.paragraph !== 1) break;
        if (states(item)) return { asked: true, stating: item, ofPerson };
      }
    }
  }
  const ranking = ranked.slice(0, depth).find((hit) => states(hit.item));
  if (ranking) return { asked: true, stating: ranking.item, ofPerson };
  // The subject's own article, then every sentence naming it, in corpus order.
  const refs: number[] = [];
  for (const a of own) {
    const range = index.articleRanges[a];
    if (range) for (let ref = range[0]; ref < range[1]; ref++) refs.push(ref);
  }
  const naming = sentencesNaming(index);
  refs.push(...[...new Set(q.entities.flatMap((id) => naming.get(id) ?? []))].sort((x, y) => x - y));
  // Bounded: a name in tens of thousands of sentences (a country at 200k) must not stall a reply;
  // the subject's own article comes first, so it is always read whole.
  for (const ref of refs.slice(0, MAX_FACT_SCAN)) {
    const item = index.sentences[ref];
    if (item && states(item)) return { asked: true, stating: item, ofPerson };
  }
  return { asked: true, ofPerson };
}

/**
 * True when `pattern` matches `folded` somewhere other than in an aim: 力图…歼灭国军 states no
 * casualties (聂荣臻、贺龙…力图凭借兵力优势歼灭国军傅作义 answered 中共伤亡了多少人).
 */
function statesNotAsAim(pattern: RegExp, folded: string, near?: RegExp): boolean {
  for (let from = 0; from < folded.length; ) {
    const m = pattern.exec(folded.slice(from));
    if (!m) return false;
    const at = from + m.index;
    if (
      !isAim(folded, at) &&
      (!near || near.test(folded.slice(Math.max(0, at - NEAR_BEFORE), at + NEAR_AFTER)))
    )
      return true;
    from = at + Math.max(1, m[0].length);
  }
  return false;
}

// An anniversary of a birth or death: it states neither.
const ANNIVERSARY = /(?:逝世|去世|诞辰|诞生|出生|牺牲|殉国|遇难|遇害)[\d一二两三四五六七八九十百]+周年/g;

// How close a date must be to the fact it dates: 于1969年6月9日遭迫害致死, not 陈独秀在1930年认为…
// 最终被迫害致死.
const NEAR_BEFORE = 24;
const NEAR_AFTER = 12;
const DATE_NEAR =
  /\d{3,4}年|[一二三四五六七八九十〇零]{2,4}年|\d{1,2}月(?:\d{1,2}日)?|[一二三四五六七八九十]{1,3}月/;

// A question asking how many (多少, 几个, 伤亡人数); 几月, 几号, 几点 ask a date, 哪几个 and 第几 which
// ones, 几乎 nothing.
const ASKS_HOW_MANY = /多少|人数|数目|(?<![哪第])几(?![月日号点时年乎])/;
/**
 * A count of people or units, not a date or a unit's number: 3.5万人, 七十八人, 6个师, 8600余人,
 * 5.3万主力, 歼敌万余. A numeral right after 第/新/编/暂/骑 or another numeral is a unit's number
 * (第35军, 新31师, 第一二九师); 师/旅/团/营/连 count only after 个 (6个师, not 303团); 万/千 count
 * only before people or 余 (二万五千里 and 1万平方公里 are none).
 */
const COUNT =
  /(?<![第新编暂骑\d一二两三四五六七八九十百千万])(?:(?:\d[\d,.]*|[一二两三四五六七八九十百千万数几]+)(?:余|多)?(?:[万千](?:余|多)?(?:人|名|兵|主力|大军)|[万千]余|(?:余|多)?(?:人|名|架|艘|辆)|个(?:师|旅|团|营|连))|[万千]余)/;

const YEAR = /\d{3,4}年|[一二三四五六七八九十〇零]{2,4}年/;
