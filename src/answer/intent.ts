/** What kind of answer a question wants; it decides how candidates are re-ranked. */
export type Intent = 'who' | 'when' | 'where' | 'why' | 'how' | 'outcome' | 'count' | 'general';

// Ordered: the first pattern that matches wins ("谁赢了" is about the outcome, not a person).
const INTENT_PATTERNS: [Intent, RegExp][] = [
  [
    'outcome',
    /结果|胜负|输赢|谁赢|谁胜|胜利了吗|战果|结局|怎么结束|如何结束|(?:怎么样|怎样|如何)了|成败|成功了吗|失败了吗|攻下了吗|打赢|打输|打败|(?:输|赢|胜|败)了(?:吗|没有|没)|(?:赢|胜)了?还是(?:输|败)|(?:输|败)了?还是(?:赢|胜)|(?:有没有|是否|有无)(?:得手|得逞|成功|奏效)|(?:得手|得逞)了?(?:吗|没有|没)|outcome|result|who won/i,
  ],
  ['why', /为什么|为何|为啥|原因|缘故|怎么会|咋会|何故|是因为|是不是因为|why|because/i],
  // By what means (靠什么守住, 凭什么, 用什么办法): answered by 凭借/依靠…, not by a cause.
  [
    'how',
    /靠什么|凭什么|凭借什么|依靠什么|借助什么|依托什么|用什么(?:办法|方法|手段|方式|战术|打法|战法|策略)|通过什么|以什么(?:办法|方法|方式)|how did/i,
  ],
  [
    'when',
    /什么时候|啥时候|何时|哪天|哪一天|哪年|哪一年|几几年|哪个月|几月|几号|几日|日期|时间|哪日|多久|when|what date|what year/i,
  ],
  [
    'who',
    /谁|哪位|何人|哪一?方(?![面向法式])|指挥官|将领|司令|统帅|主帅|主将|率领|指挥|领导人|who|commander|led by/i,
  ],
  ['where', /哪里|哪儿|何地|何处|什么地方|在哪|[到去往]哪(?![位些])|哪去|地点|位置|where/i],
  ['count', /多少|几个|几万|几千|人数|兵力|伤亡|how many|how much/i],
];

// A yes/no question whether a place was taken, held or surrendered (拿下包头没有, 打下来了吗,
// 守军投降了没有) asks for the outcome: the answer is the sentence that says it was or was not
// (久攻不下, 无法攻占), not the one naming the most of the question's words.
const TAKE_OR_HOLD =
  /(?:攻|拿|打|夺|占)(?:下|克|占|取|回|破|领)|收复|守住|投降|失守|陷落|歼灭|消灭|击溃|击败|全歼|被歼/;
const YES_NO = /吗|没有|没[?？]?$|了没|是否|有没有|与否/;
// 为什么 closing a question after a verb that takes 为 (被宣判为什么, 被称为什么, 成为什么) asks what
// it was made, not why; inside a question it is why (谈判为什么破裂, 作战计划为什么失败).
const WHAT_IT_WAS_MADE = /(?:称|判|成|名|译|封|视|改|编|列|选|转|作)为(?:什么|何)[?!.。\s]*$/;

/**
 * Reads the intent from question words (谁 何时 什么时候 哪天 哪里 为什么 结果 胜负 …), in
 * folded (simplified, lower-case) text.
 *
 * @example
 * detectIntent('贺龙什么时候进攻包头') // 'when'
 * detectIntent('谁指挥了绥远战役') // 'who'
 */
export function detectIntent(folded: string): Intent {
  for (const [intent, pattern] of INTENT_PATTERNS) {
    // After outcome and why words, before the rest: 什么时候攻下的 asks when, not whether.
    if (intent === 'how' && YES_NO.test(folded) && TAKE_OR_HOLD.test(folded)) return 'outcome';
    if (pattern.test(intent === 'why' ? folded.replace(WHAT_IT_WAS_MADE, '') : folded)) return intent;
  }
  return 'general';
}
