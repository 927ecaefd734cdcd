import { dateTerms, type SearchHit } from '../search';
import type { AnswerContext } from './answerQuestion';
import type { Intent } from './intent';

// Words that mark a sentence as the kind of answer an intent wants (folded script).
const COMMAND_WORDS = /指挥|率领|率部|率军|率(?!先)|统帅|司令|将军|军长|师长|旅长|总指挥|领导|部队|部$|所部|主力/;
const CAUSAL_WORDS = /由于|因为|鉴于|因此|所以|为了|为打破|原因|以致|导致|致使|以便|目的|为配合|迫于/;
const OUTCOME_WORDS =
  /攻克|攻占|占领|收复|歼灭|全歼|被俘|俘虏|击退|击溃|撤退|撤回|撤出|退守|久攻不下|无法攻占|未能|失败|胜利|告终|结束|损失|伤亡|阵亡|投降|解放|失守|突围|溃败|取胜|获胜|战败|被歼|殲/g;
const COUNT_WORDS = /[0-9一二三四五六七八九十百千万]+(?:万|千|百|余|多)?(?:人|名|个|师|团|旅|军|营|连|架|辆|门|次)/;
const PLACE_WORDS = /退守|驻守|驻防|驻扎|位于|进攻|攻打|转攻|围攻|到达|进入|撤至|退至|在.{1,6}(?:城|省|县|市|地区)|(?:省|县|市|州|府|镇|村|乡)[^，。；]{0,8}人(?:[。，；（(]|$)|出生于|生于|祖籍/;

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
