import type { Article } from '../corpus';
import { foldSentence } from '../text/fold';

/** A sentence that states a result, with how decisive its wording is. */
export type OutcomeFact = { sentenceId: string; strength: number; words: string[] };

// Result words (folded) and how decisive each is: a capture or annihilation settles a battle;
// a repulse or withdrawal decides a phase; losses describe its cost.
const OUTCOME_WEIGHTS: [RegExp, number][] = [
  [
    /全歼|歼灭|被歼|全数被歼|攻克|攻占|占领|收复|解放|失守|投降|告终|完全胜利|取得胜利|大获全胜|战败|溃败|覆没/g,
    3,
  ],
  [
    /胜利|失败|被俘|俘虏|俘获|击溃|久攻不下|无法攻占|未能攻|撤退|撤回|撤出|突围|退守|击退|败退|结束|战死|阵亡/g,
    2,
  ],
  [/损失|伤亡|死伤|毙伤|被围|包围/g, 1],
];

/**
 * Sentences that state an outcome — capture, failure, withdrawal, annihilation, losses —
 * strongest first (most decisive wording, then more result words, then corpus order).
 *
 * @example
 * extractOutcomes(seedArticle)[0]?.sentenceId // '平绥路战役#p3.s1' (无法攻占归绥)
 */
export function extractOutcomes(article: Article): OutcomeFact[] {
  const sentences = article.paragraphs.flatMap((p) => p.sentences);
  const out: (OutcomeFact & { order: number })[] = [];
  sentences.forEach((s, order) => {
    const folded = foldSentence(s);
    const matches: { word: string; at: number; weight: number }[] = [];
    for (const [pattern, weight] of OUTCOME_WEIGHTS) {
      for (const m of folded.matchAll(pattern)) matches.push({ word: m[0], at: m.index ?? 0, weight });
    }
    // Longest first, no overlaps: 无法攻占 is a failure, not a capture (攻占).
    matches.sort((a, b) => b.word.length - a.word.length || a.at - b.at);
    const taken: [number, number][] = [];
    const words: string[] = [];
    let best = 0;
    for (const m of matches) {
      const end = m.at + m.word.length;
      if (taken.some(([a, b]) => m.at < b && end > a)) continue;
      taken.push([m.at, end]);
      if (isNotAResult(folded, m.at, m.word.length) || words.includes(m.word)) continue;
      words.push(m.word);
      best = Math.max(best, m.weight);
    }
    if (words.length === 0) return;
    // Articles tell a battle in order and end on its result: later sentences weigh a little more.
    // A verdict on the whole (最终以中方军队胜利告终, 战役…取得完全胜利) outweighs a phase's result
    // told later (五原全城被收复…胜利地完成了阻击任务).
    const verdict = VERDICT.test(folded) ? VERDICT_BONUS : 0;
    const strength = best + verdict + 0.1 * words.length + 0.3 * ((order + 1) / sentences.length);
    out.push({ sentenceId: s.id, strength, words, order });
  });
  return out.sort((a, b) => b.strength - a.strength || b.order - a.order).map(({ order: _o, ...f }) => f);
}

// A result stated for the whole battle: it ended with…, finally…, the campaign won/lost.
const VERDICT =
  /以[^，,。；;]{0,12}(?:告终|结束)|最终[^，,。；;]{0,12}(?:胜利|失败|告终|结束|撤|攻占|占领|收复)|(?:战役|会战|战斗)[^，,。；;]{0,12}(?:取得[^，,。；;]{0,4}胜利|告终|失败)/;
const VERDICT_BONUS = 0.5;

// An aim is not a result (力图…歼灭, 意在收复), and 结束之后 dates something else.
const AIM_BEFORE =
  /(?:力图|企图|意图|准备|计划|试图|打算|意在|旨在|防止|目的|为了|要求|以图|希望|决心|命令|下令|争取|要)[^，,。；;]{0,10}$/;
/** True when the word at `at` is what someone aimed at (力图…歼灭, 意在收复), not what happened. */
export function isAim(folded: string, at: number): boolean {
  return AIM_BEFORE.test(folded.slice(Math.max(0, at - 12), at));
}

const AIM_AFTER = /^[^，,。；;]{0,6}的(?:决心|计划|意图|企图|目的|目标|任务|命令|打算|准备)/;
// …unless it was carried out: 完成了收复黑山县城的任务.
const AIM_DONE = /完成|实现|达成|达到/;
// 不得不撤出, 不能不撤 are what happened.
const NEGATED_BEFORE = /(?:(?<![得能])不|未|没|没有|并未|拒不|绝不|决不|坚不|不肯|不愿|拒绝)$/;

function isNotAResult(folded: string, at: number, length: number): boolean {
  const before = folded.slice(Math.max(0, at - 12), at);
  const after = folded.slice(at + length, at + length + 2);
  if (isAim(folded, at)) return true;
  // Inside quotation marks: an order or a slogan (“收复上党全区…”), not what happened.
  const sinceStart = folded.slice(0, at);
  if ((sinceStart.match(/[“「]/g)?.length ?? 0) > (sinceStart.match(/[”」]/g)?.length ?? 0)) return true;
  const word = folded.slice(at, at + length);
  // 日军投降前 / 接受日军投降: the Japanese surrender is background, not this battle's result.
  if (word === '投降' && (/^[前时后]/.test(after) || /接受|受$/.test(before))) return true;
  if (word === '解放' && /^[区军全]/.test(after)) return true;
  // Denied: 坚不撤退, 拒不投降, 没有撤出 (无法攻占 and 未能攻 are failures, matched whole).
  if (NEGATED_BEFORE.test(before)) return true;
  // Resolved, not done: 表示收复包头的决心, 攻占归绥的计划.
  if (AIM_AFTER.test(folded.slice(at + length, at + length + 12)) && !AIM_DONE.test(before)) return true;
  return /^(?:之后|以后|后)/.test(after);
}
