import { foldText } from '../text/fold';
import type { CorpusIndex } from './buildIndex';
import { findEntities } from './entities';
import { latinQueryKeys } from './pinyin';
import { SYNONYMS, synonymWords } from './synonyms';
import { bigrams, cjkRuns, dateTerms, latinWords } from './terms';

/**
 * One idea of the query that a sentence either covers or not: a date, a name, a word.
 * Alternatives are interchangeable spellings (呼和浩特 or 归绥; "fu zuoyi" or fuzuoyi).
 */
export type QueryUnit = {
  alternatives: string[][];
  weight: number;
  kind: 'cjk' | 'entity' | 'latin' | 'date';
};

/** A query broken into terms to look up and units to measure coverage by. */
export type AnalyzedQuery = {
  folded: string;
  /** folded query with question words and particles blanked out */
  content: string;
  /** distinct terms to look up, with their query-side boost */
  terms: Map<string, number>;
  units: QueryUnit[];
  /** entity ids named by the query */
  entities: string[];
  /** CJK stretches (≥ 2 characters) of the query that no corpus bigram or name covers */
  unknownRuns: string[];
  /** Latin words (≥ 3 letters) that match no indexed word or pinyin key */
  unknownWords: string[];
  /** weight of the question's unknown words: stretches whose characters no corpus bigram contains */
  missingWeight: number;
  /** summed idf of unknown bigrams that only join two known words (过改 in 经过改良) */
  junctionWeight: number;
};

// Question words and fillers carry no content; blanking them (rather than deleting) keeps
// bigrams from spanning across them. Longest first.
const QUESTION_WORDS = [
  '是什么时候',
  '的时候',
  '什么时候',
  '什么地方',
  '什么原因',
  '哪一年',
  '哪一天',
  '哪个月',
  '为什么',
  '怎么样',
  '是什么',
  '有哪些',
  '是哪个',
  '是谁',
  '请问',
  '告诉我',
  '什么',
  '哪里',
  '哪儿',
  '哪个',
  '哪些',
  '哪天',
  '何时',
  '何地',
  '何处',
  '何人',
  '为何',
  '怎样',
  '怎么',
  '如何',
  '多少',
  '几个',
  '几月',
  '几日',
  '几号',
  '是否',
  '有没有',
  // Colloquial question words (为啥 = 为什么, 啥时候 = 什么时候, 几几年 = 哪一年).
  '啥时候',
  '为啥',
  '几几年',
  '几月份',
  '月份',
  '叫啥',
  '是啥',
  '啥',
  '咋样',
  '咋',
  '一下',
  '关于',
  '介绍',
  // Meta words the intent already captures: the answer rarely repeats them (结果 → 撤回).
  '最后的结果',
  '最终的结果',
  '最后结果',
  '最终结果',
  '结果',
  '如何',
  '胜负',
  '输赢',
  '结局',
  '原因',
  '时间',
  '日期',
  '地点',
  '指挥官',
  '主帅',
  '主将',
  '时候',
  // Spoken fillers: pronouns and "that side" carry no content of their own (阎锡山那边谁被俘了,
  // 把它改叫什么); left in, they become units matching any 那 or 它.
  '那一边',
  '这一边',
  '那边',
  '这边',
  '他们',
  '她们',
  '它们',
  '我们',
  '你们',
  '把它',
  '它',
  '那天',
  '当天',
  // Discourse adverbs of a spoken question (最后拿下没有, 后来怎么样, 一开始就撤了): they place the
  // question in the story, and left in they become lone characters matching 最早, 之后, 开始.
  '最后',
  '最终',
  '后来',
  '当时',
  '那时',
  '那次',
  '这次',
  '一开始',
  '刚开始',
  '马上',
  '立刻',
  '到底',
  '究竟',
  '大概',
  '大约',
  '一共',
  '总共',
  '以后',
  '以前',
  '这天',
  '谁',
  '哪',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '么',
  '何',
  '几',
];
// A measure word after 哪 / 哪一: part of the question word, unless it begins a noun the question
// asks about (哪一部分 → 部分, 哪一方面, 哪一年代 → 年代, 哪一国家, 哪一种族, 哪一条约).
const MEASURE_WORD =
  '(?:[个门本所座届支首只天]|月(?!份)|日(?![军本寇伪])|部(?![分份队门落长])|国(?![家籍])|类(?![型别])|方(?![面向法式])|家(?!族)|种(?![族类])|位(?!置)|项(?!目)|条(?![约件])|段(?!落)|场(?!地)|年(?![代级])|次(?!数))';
// Question phrases with a measure word or a degree: 哪一个, 何种, 甚么, 多长, 第几, 叫什么 …
// (measured on CMRC/DRCD misses: left in, they become unknown "names" such as 一个, 种).
const QUESTION_PHRASES = `为甚么|甚么|什么样|哪一${MEASURE_WORD}?|哪${MEASURE_WORD}|何[种时地处人者]|多[大长久高重远深宽]|第几|几[个位种项次届年岁]|指的是|是指|被称为|称为|叫做|叫什么|(?:为|是|乃)(?=\\s*[?？]?\\s*$)`;
const QUESTION_WORD_PATTERN = new RegExp(`${QUESTION_PHRASES}|${QUESTION_WORDS.join('|')}`, 'g');
// Query-side boost of a synonym's bigrams (the typed word's are 1).
const SYNONYM_BOOST = 0.5;
// A length of time, possibly after 那/这 (那半个月, 这三天, 两个多月).
const DURATION = /^[那这]?[半一二两三四五六七八九十几数]+个?多?(?:月|天|日|星期|礼拜|周|年|小时|钟头)$/;
// A bigram is a join of two words when a neighbouring bigram of the question holds together at
// least this many times as strongly (see cohesion); its weight, in the search and as a coverage
// unit, is then JUNCTION_FACTOR of a word's. Chosen on CMRC/DRCD dev: ratios 1.5–3 and factors
// 0.35–0.65 all gave DRCD +18 … +26 questions. A run's first or last bigram has one neighbour and
// needs a far stronger one: 总司 of 总司令 is part of a longer word more often than 被击 of 被击退
// is a join (8: DRCD +6 and realistic wide +1 over 2; never: DRCD −6).
const JUNCTION_RATIO = 2;
const EDGE_JUNCTION_RATIO = 8;
// …unless its character at the run's edge is in over 1/20 of the sentences (被 of 被宣判: CMRC +4,
// DRCD +1).
const COMMON_CHAR_SHARE = 20;
const JUNCTION_FACTOR = 0.5;
// The weight of a lone character in a question that names something the corpus knows.
const LONE_CHAR_BESIDE_NAME = 0.5;
// A single character in fewer sentences than this is never dropped as noise.
const NOISE_MIN_DF = 50;
// An army referred to by its commander's name: 傅作义的部队, 贺龙所部, 聂荣臻的军队.
const ARMY_OF_NAME = /^(?:的|之)?(?:部队|军队|部下|所部|人马)/;
// A place word after a name (上党战役里, 战役期间): where, not what — left in, 里 is a unit.
const POSTPOSITION = /^(?:期间|之中|当中|之内|里|中(?![国共华央原山])|内(?![战蒙阁政务]))/;
// Bigrams holding one of these particles are noise (chinese-search.md: +0.9 / +0.7 hit@1).
const PARTICLES = /[的了是吗呢着过也就都而及与和在]/;
// Words whose character is not a particle there (目的, 和平, 通过): kept as bigrams. A short list
// written by hand, as no dictionary is loaded (a segmenter did not earn its cold start:
// chinese-search.md). Full sets: DRCD 80.5 → 80.6, CMRC and CMRC trial unchanged.
const WORDS_WITH_PARTICLES = new Set(
  '目的 和平 和约 和谈 议和 讲和 通过 经过 超过 过程 存在 所在 现在 了解 就职 就任 成就 首都 都城 国都 建都 迁都 都督 参与 着陆'.split(
    ' ',
  ),
);
const ENGLISH_STOP_WORDS = new Set([
  'the',
  'a',
  'an',
  'of',
  'in',
  'on',
  'at',
  'to',
  'and',
  'or',
  'is',
  'was',
  'were',
  'are',
  'who',
  'what',
  'when',
  'where',
  'why',
  'how',
  'did',
  'do',
  'does',
  'which',
  'battle',
  'about',
  'with',
  'from',
  'by',
  'for',
  'tell',
  'me',
  'please',
  'many',
  'much',
  'have',
  'has',
  'had',
  'it',
  'its',
  'this',
  'that',
  'there',
  'be',
  'been',
  'his',
  'their',
  'they',
]);

/** Weight of a term that occurs in `df` of `n` sentences (BM25's idf, floored). */
export function idf(index: CorpusIndex, term: string): number {
  const n = index.sentences.length;
  const df = index.df.get(term) ?? 0;
  return Math.max(0.1, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
}

/**
 * Breaks a question into lookup terms and coverage units: bigrams of the content words,
 * whole names with their aliases (呼和浩特 → 归绥), date compounds, Latin words joined for
 * pinyin ("fu zuoyi" → fuzuoyi), and single characters only where no bigram can match.
 *
 * @example
 * analyzeQuery(index, '谁指挥了綏遠戰役？').entities // ['平绥路战役']
 */
export function analyzeQuery(index: CorpusIndex, query: string): AnalyzedQuery {
  const folded = foldText(query);
  const content = folded.replace(QUESTION_WORD_PATTERN, (w) => ' '.repeat(w.length));
  const terms = new Map<string, number>();
  const units: QueryUnit[] = [];
  const entityIds = new Set<string>();
  const addTerm = (term: string, boost: number) => terms.set(term, Math.max(terms.get(term) ?? 0, boost));

  // Names first: a name is one unit, whatever it is spelled as.
  const hits = findEntities(index.entities, content);
  const covered = new Array<boolean>(content.length).fill(false);
  for (const hit of hits) {
    for (let i = hit.start; i < hit.end; i++) covered[i] = true;
    // 傅作义的部队 is 傅军 / 傅部 in the text, which the index reads as the entity 傅作义: the
    // army word is part of the name's reference, not a word of its own to match (聂贺部队 is
    // the *other* side's army).
    const army = ARMY_OF_NAME.exec(content.slice(hit.end)) ?? POSTPOSITION.exec(content.slice(hit.end));
    if (army) for (let i = hit.end; i < hit.end + army[0].length; i++) covered[i] = true;
    const own = bigrams(hit.name);
    // Spelled as written, or as any name of the entity: every dictionary name in a sentence
    // was indexed as its entity id, so the id term alone finds 归绥 for 呼和浩特. (Looking up
    // the other names' bigrams too would inflate lead sentences that list many aliases.)
    const alternatives: string[][] = [own.length > 0 ? own : [hit.name]];
    for (const t of own) addTerm(t, 1);
    for (const id of hit.ids) {
      entityIds.add(id);
      addTerm(id, 1);
      alternatives.push([id]);
    }
    // A name is what the question is about: it weighs twice a content word of equal rarity,
    // so 贺龙…包头 prefers the sentence naming both over one naming 贺龙 and the verb 进攻.
    units.push({ alternatives, weight: 2 * Math.max(...own.map((t) => idf(index, t)), 1), kind: 'entity' });
  }

  // Words with synonyms (去世 / 逝世): one unit, any of the group's words covering it.
  for (const { word, start, end } of synonymWords(content)) {
    let free = true;
    for (let i = start; i < end; i++) if (covered[i]) free = false;
    if (!free) continue;
    const group = (SYNONYMS.get(word) ?? [word]).filter(
      (w) => w === word || bigrams(w).every((g) => index.df.has(g)),
    );
    const alternatives = group.map((w) => bigrams(w));
    if (alternatives.every((alt) => alt.every((g) => !index.df.has(g)))) continue;
    alternatives.forEach((alt, k) => {
      for (const g of alt) addTerm(g, k === 0 ? 1 : SYNONYM_BOOST);
    });
    for (let i = start; i < end; i++) covered[i] = true;
    const weight = Math.max(
      ...alternatives
        .flat()
        .filter((g) => index.df.has(g))
        .map((g) => idf(index, g)),
    );
    // Half the weight for the meaning (any word of the group), half for the word as typed: the
    // sentence that uses the question's own word still comes first. Full sets: DRCD 80.6 → 80.8,
    // CMRC 81.4 → 81.3, CMRC trial 84.1 → 84.0 (all of it as one unit: CMRC and trial −0.2);
    // the corpus-wiki questions gain (八路军的番号改成了什么 → 改为, 绥远省被撤销 → 废省).
    // A word the corpus never uses (撤销) is all meaning.
    const typed = alternatives[0] ?? [];
    const typedKnown = typed.every((g) => index.df.has(g));
    units.push({ alternatives, weight: typedKnown ? weight / 2 : weight, kind: 'cjk' });
    if (typedKnown) units.push({ alternatives: [typed], weight: weight / 2, kind: 'cjk' });
  }

  // The rest of the CJK text: bigrams, minus particle noise. Dates written in Chinese numerals
  // (十二月, 十八日) are looked up as date compounds below, not as unknown words.
  const rest = Array.from(content, (ch, i) => (covered[i] ? ' ' : ch))
    .join('')
    .replace(/[〇零一二三四五六七八九十]+[年月日号]|\d+[年月日号](?![代级度纪龄份轻])/g, (m) =>
      ' '.repeat(m.length),
    );
  const unknownRuns: string[] = [];
  let missingWeight = 0;
  let junctionWeight = 0;
  for (const run of cjkRuns(rest)) {
    const grams = bigrams(run);
    const cohesions = grams.map((g) => cohesion(index, g));
    for (let i = 0; i < grams.length; i++) {
      const g = grams[i] ?? '';
      if (PARTICLES.test(g) && !WORDS_WITH_PARTICLES.has(g)) continue;
      // A bigram across two words of the question (者可 of 观测者可见) is weak evidence: a sentence
      // holding it says 观测者可以, not that the observer sees. It is one whose characters hold
      // together far less than a neighbour's do (测者, 可见). Full sets, hit@1: CMRC 81.5 → 82.1,
      // DRCD 81.8 → 82.5, CMRC trial 84.6 → 84.7; the other set's questions answered 17.7 → 16.2% /
      // 21.9 → 20.9% (first 1,000). Weighing every bigram by its cohesion alone, with no neighbour
      // to compare, was worse (CMRC −5 … +21, DRCD −31 … +10 over powers and floors).
      const own = cohesions[i] ?? 0;
      const before = cohesions[i - 1];
      const after = cohesions[i + 1];
      const junction =
        before !== undefined && after !== undefined
          ? own * JUNCTION_RATIO < Math.max(before, after)
          : own * (outerIsCommon(index, g, before === undefined) ? JUNCTION_RATIO : EDGE_JUNCTION_RATIO) <
            (before ?? after ?? 0);
      const factor = junction ? JUNCTION_FACTOR : 1;
      addTerm(g, factor);
      // A bigram no sentence contains cannot be covered: it is not a coverage unit (that would
      // lower every sentence alike), but its weight is kept to judge whether the corpus covers
      // the question at all.
      if (index.df.has(g)) units.push({ alternatives: [[g]], weight: idf(index, g) * factor, kind: 'cjk' });
      else junctionWeight += idf(index, g);
    }
    const chars = Array.from(run);
    // Single characters only where no bigram around them exists in the corpus: a one-character
    // query (傅), or a character between unknown neighbours. Everywhere else they only add noise.
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] ?? '';
      const left = i > 0 ? (chars[i - 1] ?? '') + ch : '';
      const right = i + 1 < chars.length ? ch + (chars[i + 1] ?? '') : '';
      if ((left && index.df.has(left)) || (right && index.df.has(right))) continue;
      if (PARTICLES.test(ch)) continue;
      // A character in an eighth of all sentences (年 of 2015年) is noise, and looking it up
      // dominated query latency on the 10k-sentence QA corpus (p99 24 ms); rare ones still help.
      // Not in a small corpus: in the seed's 12 sentences an eighth is 2 (师 of 几个师).
      const df = index.df.get(ch) ?? 0;
      if (df > index.sentences.length / 8 && df > NOISE_MIN_DF) continue;
      addTerm(ch, 0.5);
      // A unit like a bigram: a sentence without it does not cover the question's 守 (守住, 固守).
      // Measured (full sets, hit@1): CMRC 81.2 → 81.4, DRCD 80.4 → 80.5, CMRC trial 83.5 → 84.1;
      // questions of the other set answered 28.6 → 27.4% / 43.4 → 35.7% (they miss more units).
      // Beside a name the question is about, a lone character is a fragment of an unknown word
      // (一开打, 两路人马): half weight, or in a small corpus, where every character is rare, it
      // outweighs the name (held-out questions +1 seed, +1 wide; CMRC/DRCD have few names: unchanged).
      const weight = idf(index, ch) * (entityIds.size > 0 ? LONE_CHAR_BESIDE_NAME : 1);
      if (index.df.has(ch)) units.push({ alternatives: [[ch]], weight, kind: 'cjk' });
    }
    // Unknown *words* weigh against the question being covered: stretches whose characters no
    // corpus bigram contains. Bigrams that merely span two known words (过改 in 经过改良) do not.
    for (const stretch of uncoveredStretches(index, run)) {
      // A length of time (那半个月, 三天) is how the question places itself, not a subject the
      // corpus must know: the text gives dates (10月30日到11月12日), not durations.
      if (DURATION.test(stretch)) continue;
      unknownRuns.push(stretch);
      const weight = (Array.from(stretch).length - 1) * idf(index, '');
      missingWeight += weight;
      junctionWeight -= weight;
    }
  }

  for (const date of new Set(dateTerms(folded))) {
    addTerm(date, 1.5);
    units.push({ alternatives: [[date]], weight: idf(index, date) + 1, kind: 'date' });
  }

  const words = latinWords(rest);
  const dateNumbers = new Set(dateTerms(folded).map((d) => d.replace(/\D/g, '')));
  const latin = words.filter((w) => !ENGLISH_STOP_WORDS.has(w) && !dateNumbers.has(w));
  const unknownWords: string[] = [];
  for (const key of latinQueryKeys(latin)) addTerm(key, 1);
  // Group Latin words into pinyin names, longest first: "fu zuoyi" → fuzuoyi (傅作义).
  for (let i = 0; i < latin.length; ) {
    let used = 0;
    for (let n = Math.min(4, latin.length - i); n >= 1 && !used; n--) {
      const key = latin
        .slice(i, i + n)
        .join('')
        .replace(/ü/g, 'v');
      const ids = index.entities.byPinyin.get(key);
      if (!ids) continue;
      // A name spelled in pinyin is the name, as written in characters or by any of its aliases.
      for (const id of ids) {
        entityIds.add(id);
        addTerm(id, 1);
      }
      units.push({
        alternatives: [[key], latin.slice(i, i + n), ...ids.map((id) => [id])],
        weight: 3,
        kind: 'latin',
      });
      used = n;
    }
    if (used) {
      i += used;
      continue;
    }
    const word = latin[i] ?? '';
    if (hasLatinKey(index, word)) units.push({ alternatives: [[word]], weight: 2, kind: 'latin' });
    else if (word.length >= 3 && !/^\d+$/.test(word)) {
      unknownWords.push(word);
      missingWeight += idf(index, word);
    }
    i++;
  }
  return {
    folded,
    content,
    terms,
    units,
    entities: [...entityIds],
    unknownRuns,
    unknownWords,
    missingWeight,
    junctionWeight: Math.max(0, junctionWeight),
  };
}

// --- internal ---

/**
 * How strongly a bigram's two characters hold together in the corpus: the Dice coefficient of the
 * sentences holding them, 2·df(ab) / (df(a) + df(b)); 0 for a bigram no sentence holds. A word
 * (可见, 观测) scores far above a join of two words (者可), whose characters mostly occur apart.
 */
function cohesion(index: CorpusIndex, gram: string): number {
  const together = index.df.get(gram) ?? 0;
  if (together === 0) return 0;
  const [first = '', second = ''] = Array.from(gram);
  return (2 * together) / ((index.df.get(first) ?? 0) + (index.df.get(second) ?? 0));
}

/**
 * True when a run's first (or last) bigram has a common character at the run's edge (被 of 被宣 in
 * 被宣判, 被 of 被击 in 被击退): one in over a twentieth of the sentences is mostly a word of its own,
 * so the bigram is a join as readily as one inside the run.
 */
function outerIsCommon(index: CorpusIndex, gram: string, atStart: boolean): boolean {
  const [first = '', second = ''] = Array.from(gram);
  const df = index.df.get(atStart ? first : second) ?? 0;
  // In a small corpus (the seed's 12 sentences) every character is in a twentieth: none is common.
  return df > index.sentences.length / COMMON_CHAR_SHARE && df > NOISE_MIN_DF;
}

/** Characters of a CJK run whose bigrams (on both sides) occur nowhere in the corpus. */
function uncoveredStretches(index: CorpusIndex, run: string): string[] {
  const chars = Array.from(run);
  const known = (i: number) => {
    const g = (chars[i] ?? '') + (chars[i + 1] ?? '');
    return i >= 0 && i + 1 < chars.length && index.df.has(g);
  };
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < chars.length; i++) {
    const isCovered = known(i - 1) || known(i);
    if (!isCovered && !PARTICLES.test(chars[i] ?? '')) current += chars[i];
    else {
      if (Array.from(current).length >= 2) out.push(current);
      current = '';
    }
  }
  if (Array.from(current).length >= 2) out.push(current);
  return out;
}

function hasLatinKey(index: CorpusIndex, key: string): boolean {
  if (index.df.has(key)) return true;
  // pinyin keys live in the entities/title fields only; ask the engine with prefix matching.
  // One typo at most, as in searchSentences: distance 2 walks most of the term tree (~20 ms at 10k).
  return (
    index.engine.search(key, {
      fields: ['entities', 'title', 'aliases', 'text'],
      prefix: true,
      fuzzy: key.length >= 5 ? 0.2 : false,
      maxFuzzy: 1,
    }).length > 0
  );
}
