/**
 * Words a question and an article use for the same event (去世 / 逝世, 改称 / 更名): a question
 * in one matches a sentence in another. Hand-written, as no Chinese thesaurus package is small
 * enough to load at start-up; kept to verbs and nouns of dates, commands and outcomes, where
 * one word of a group never means something else. Simplified script (queries are folded first).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['去世', '逝世', '病逝', '辞世', '过世', '病故', '身故'],
  ['出生', '诞生', '出世'],
  ['改称', '改名', '更名', '易名', '改为', '改成', '改叫'],
  ['撤销', '撤消', '废除', '裁撤', '废省'],
  ['成立', '建立', '创立', '创建', '设立', '组建'],
  ['撤退', '撤离', '撤出', '撤回', '后撤', '撤兵', '撤军', '撤走', '退兵', '收兵', '退却'],
  ['担任', '出任', '就任', '任职'],
  ['率领', '统率', '带领', '统领'],
  ['战败', '败北', '失败', '失利'],
  ['获胜', '取胜', '胜利', '战胜'],
  // A battle's start is its first attack: 一开打 is answered by 开始进攻.
  ['爆发', '打响', '开打', '开战', '开始进攻', '发起进攻', '发动进攻'],
  ['位于', '坐落'],
  ['包括', '包含', '组成', '构成'],
  ['入党', '加入中国共产党', '加入共产党', '加入中共'],
  ['结婚', '成婚', '完婚', '成亲'],
  ['参军', '入伍', '从军', '当兵'],
  ['毕业'],
  ['投降', '归降', '降服'],
  // Spoken words for the written ones of a campaign (打下 for 攻占, 合兵 for 会师, 守 for 驻防).
  // Taking a place, or failing to: 拿下包头没有 is answered by 久攻不下 as much as by 攻占.
  ['攻占', '攻克', '攻下', '拿下', '打下', '攻陷', '攻破', '占领', '攻取', '久攻不下', '攻不下'],
  ['会师', '合兵', '会合'],
  ['歼灭', '消灭', '全歼', '围歼', '聚歼'],
  // Turning part of an army on another target (贺龙分兵去打包头 for 贺龙部转攻包头).
  ['转攻', '转而进攻', '改攻', '分兵'],
  ['围攻', '包围', '围困', '围城', '被围'],
  ['驻防', '驻守', '防守', '守卫', '把守'],
  ['固守', '坚守', '死守'],
  ['侦查', '侦察'],
  ['粮草', '粮食', '补给', '给养', '后勤'],
  // What people called someone (马占山在日本人那里有什么外号 → 获得了「东洋的拿破仑」的别名).
  ['外号', '绰号', '别名', '别号', '诨号', '诨名', '昵称'],
  // Titles and their short forms.
  ['政治委员', '政委'],
];

/** Each word of a group → the whole group (itself first). */
export const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map(
  SYNONYM_GROUPS.flatMap((group) =>
    group.map((word) => [word, [word, ...group.filter((w) => w !== word)]] as const),
  ),
);

// Longest first, so that a longer word wins over a shorter one inside it.
const WORDS_LONGEST_FIRST = [...SYNONYMS.keys()].sort((a, b) => b.length - a.length);

/**
 * Verb-object words that a spoken question splits with 的, 了 or 过 (几几年入的党, 哪年结的婚, 在哪毕的业,
 * 改了名): each is matched split as well as whole. Each is a two-character word of a group above
 * (毕业 is a group of its own for this).
 */
export const SEPARABLE_WORDS = [
  '入党',
  '结婚',
  '成婚',
  '成亲',
  '参军',
  '入伍',
  '当兵',
  '从军',
  '毕业',
  '改名',
  '更名',
  '撤兵',
  '撤军',
];
const SEPARABLE = new Set(SEPARABLE_WORDS);
const SPLITTERS = '的了过';

/** The group words in `text`, longest first, each with its position (non-overlapping), in text order. */
export function synonymWords(text: string): { word: string; start: number; end: number }[] {
  const taken = new Array<boolean>(text.length).fill(false);
  const found: { word: string; start: number; end: number }[] = [];
  for (const word of WORDS_LONGEST_FIRST) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      let free = true;
      for (let i = at; i < at + word.length; i++) if (taken[i]) free = false;
      if (!free) continue;
      for (let i = at; i < at + word.length; i++) taken[i] = true;
      found.push({ word, start: at, end: at + word.length });
    }
    if (!SEPARABLE.has(word)) continue; // two characters each
    const head = word.charAt(0);
    for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
      if (!SPLITTERS.includes(text.charAt(at + 1) || '-') || text.charAt(at + 2) !== word.charAt(1)) continue;
      if (taken[at] || taken[at + 1] || taken[at + 2]) continue;
      for (let i = at; i < at + 3; i++) taken[i] = true;
      found.push({ word, start: at, end: at + 3 });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
