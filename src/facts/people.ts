import type { Article, Sentence } from '../corpus';
import { foldSentence, foldText } from '../text/fold';

/** Which side of the war a commander fought on in the article's events. */
export type Side = 'ccp' | 'nationalist' | 'japanese' | 'other';

/** A person named as commanding something, in one sentence. */
export type CommandMention = {
  /** the person's full name, as first written in the article */
  person: string;
  sentenceId: string;
  /** how the sentence names them: the full name, or a short form (傅军, 聂贺, 刘邓) */
  form: 'full' | 'short';
  /** text that named them in the sentence (贺龙, 聂贺, 傅军) */
  surface: string;
};

/** People of one article: who commanded, on which side, and where each is named. */
export type ArticlePeople = {
  /** folded full name → display name */
  persons: Map<string, string>;
  /** every command mention, in article order */
  commands: CommandMention[];
  /** every mention of a person (full or short form), by sentence id */
  mentions: Map<string, { person: string; surface: string; form: 'full' | 'short' }[]>;
  /** side per person display name; `other` when the text does not say */
  sides: Map<string, Side>;
  /** the side words seen next to each person (folded name → counts), for corpus-wide decisions */
  evidence: Map<string, Record<Side, number>>;
};

// Common Chinese surnames: a person's name starts with one. Characters that are also frequent
// place/organisation heads (中 日 国 晋 冀 山 长 …) are left out on purpose, which loses a few
// rare surnames but keeps 中共, 日军, 晋军, 山西 from reading as people.
const SURNAMES = new Set(
  Array.from(
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤易常温康施文牛樊葛邢安齐伍庞颜倪聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农卓古吉缪简车项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池乔门续粟',
  ),
);
// Words that end names of places, units and groups, never of people.
const NOT_A_PERSON =
  /[省市县城镇村区军师旅团营连部队党国州府路线岛口关站处局会社厂报联战围协丘京津庄堡屯坝沟寨率部已曾将被在为于和与及等的是也都又再亦所]$|战役|战斗|政府|根据地|军区|方面|中央|委员|司令|部队|政协/;
const TITLE_BEFORE =
  '(?:司令员|副司令员|司令长官|副司令长官|总司令|副总司令|司令|政治委员|政委|军长|副军长|师长|旅长|团长|总指挥|参谋长|集团长|主席|委员长|指挥官)';
const JAPANESE_RANK = '(?:大将|中将|少将|大佐|中佐|少佐)';
// Compiled once: these run for every name in every sentence.
const TITLE_AT_END = new RegExp(`${TITLE_BEFORE}$`);
const TITLED_NAME = new RegExp(
  `${TITLE_BEFORE}([\\p{Script=Han}]{2,3}?)(?=[，。、；的率在之（(决下指命派等为也]|$)`,
  'gu',
);
const RANKED_NAME = new RegExp(`([\\p{Script=Han}]{3,4}?)${JAPANESE_RANK}`, 'gu');
// A run of names joined by 、 和 及 与 (聂荣臻、贺龙 / 傅作义和马占山), or by a title in a list of
// office holders (司令员刘伯承、政治委员邓小平).
const JOINERS = new RegExp(
  `^(?:[、和及与,，]|、${'(?:司令员|副司令员|司令长官|副司令长官|总司令|副总司令|司令|政治委员|政委|军长|副军长|师长|旅长|团长|总指挥|参谋长|集团长|主席|委员长|指挥官)'})$`,
);

// Side words, folded. 晋绥军 (阎锡山's army) is nationalist; 晋绥军区 is the CCP's military region.
const SIDE_WORDS: [Side, RegExp][] = [
  [
    'ccp',
    /中共|共军|共产|八路军|解放军|新四军|红军|工农|晋察冀|晋冀鲁豫|晋绥军区|晋绥边区|太行|太岳|冀南|陕甘宁|游击队|人民军|解放区/g,
  ],
  [
    'nationalist',
    /国军|国民政府|国民革命军|国民党|中央军|晋绥军(?!区)|晋军|第\d+战区|第[一二三四五六七八九十]+战区|蒋介石|国府|中华民国陆军|中华民国国军|傅军|阎部/g,
  ],
  ['japanese', /日军|日本|伪军|皇协军|关东军|驻蒙|蒙疆|汪精卫|皇军/g],
];

/**
 * Finds the people who command in an article and their side: names from wikilink targets and
 * from command patterns (由A、B指挥, A率/率领, A部, A军, 司令员A, A中将), short forms resolved
 * against people already named in the article (傅军 = 傅作义's army, 聂贺 = 聂荣臻 + 贺龙,
 * 刘邓 = 刘伯承 + 邓小平), and each person's side from the side words next to them (中共,
 * 八路军, 晋察冀 … / 国军, 国民政府, 晋绥军 … / 日军, 伪军 …). A side the text does not state
 * stays `other`: nothing is guessed.
 *
 * @example
 * const people = extractPeople(seedArticle);
 * people.sides.get('贺龙') // 'ccp'
 * people.sides.get('傅作义') // 'nationalist'
 */
export function extractPeople(article: Article): ArticlePeople {
  const sentences = article.paragraphs.flatMap((p) => p.sentences);
  const persons = new Map<string, string>();
  const addPerson = (name: string) => {
    const folded = foldText(name);
    if (isPersonName(folded) && !persons.has(folded)) persons.set(folded, name);
  };
  // 1. Linked names that appear in a command pattern, and unlinked names that a pattern frames.
  for (const s of sentences) {
    const folded = foldSentence(s);
    for (const m of s.mentions) {
      const name = m.target.replace(/\s*[（(][^）)]*[）)]\s*$/, '');
      const key = foldText(name);
      // Every linked person is known (for short forms like 刘邓); commands still need a pattern.
      if (isPersonName(key)) addPerson(name);
    }
    for (const name of framedNames(folded, s)) addPerson(name);
  }
  // Linked persons with their own article in the same corpus are added by the caller; here a
  // person needs a command pattern somewhere in this article.
  const surnameOwners = new Map<string, string[]>();
  for (const [key, display] of persons) {
    const surname = key[0] ?? '';
    surnameOwners.set(surname, [...(surnameOwners.get(surname) ?? []), display]);
  }
  const unique = (surname: string) => {
    const owners = surnameOwners.get(surname);
    return owners && owners.length === 1 ? owners[0] : undefined;
  };

  const commands: CommandMention[] = [];
  const mentions = new Map<string, { person: string; surface: string; form: 'full' | 'short' }[]>();
  const votes = new Map<string, Record<Side, number>>();
  const vote = (person: string, side: Side | undefined) => {
    if (!side) return;
    const v = votes.get(person) ?? { ccp: 0, nationalist: 0, japanese: 0, other: 0 };
    v[side]++;
    votes.set(person, v);
  };

  const longestFirst = [...persons].sort((a, b) => b[0].length - a[0].length);
  for (const s of sentences) {
    const folded = foldSentence(s);
    const found: { person: string; surface: string; form: 'full' | 'short'; start: number; end: number }[] =
      [];
    const taken = new Array<boolean>(folded.length).fill(false);
    // Full names, longest first.
    for (const [key, display] of longestFirst) {
      for (let at = folded.indexOf(key); at >= 0; at = folded.indexOf(key, at + key.length)) {
        if (taken.slice(at, at + key.length).some(Boolean)) continue;
        for (let i = at; i < at + key.length; i++) taken[i] = true;
        found.push({ person: display, surface: key, form: 'full', start: at, end: at + key.length });
      }
    }
    // Short forms: 聂贺 / 刘邓 (two surnames of two people named in the article), 傅军 / 阎部.
    for (let i = 0; i + 1 < folded.length; i++) {
      if (taken[i] || taken[i + 1]) continue;
      const a = unique(folded[i] ?? '');
      const b = unique(folded[i + 1] ?? '');
      if (a && b && a !== b && !isHanAt(folded, i - 1, taken)) {
        found.push({ person: a, surface: folded.slice(i, i + 2), form: 'short', start: i, end: i + 2 });
        found.push({ person: b, surface: folded.slice(i, i + 2), form: 'short', start: i, end: i + 2 });
        taken[i] = taken[i + 1] = true;
        i++;
        continue;
      }
      if (
        a &&
        /[军部]/.test(folded[i + 1] ?? '') &&
        !isHanAt(folded, i - 1, taken) &&
        folded.slice(i + 1, i + 3) !== '军区'
      ) {
        found.push({ person: a, surface: folded.slice(i, i + 2), form: 'short', start: i, end: i + 2 });
        taken[i] = true;
      }
    }
    found.sort((x, y) => x.start - y.start);
    if (found.length === 0) continue;
    mentions.set(
      s.id,
      found.map(({ person, surface, form }) => ({ person, surface, form })),
    );
    const groups = joinedGroups(folded, found);
    for (const group of groups) {
      const commanding =
        group.some((f) => commandPatternAround(folded, folded.slice(f.start, f.end), f.start)) ||
        group.some((f) => f.form === 'short');
      const first = group[0];
      const last = group[group.length - 1];
      if (!first || !last) continue;
      // 佐 ranks are Japanese (the Chinese armies said 校): 熊川长治中佐.
      const japaneseRank =
        /^(?:大佐|中佐|少佐)/.test(folded.slice(last.end)) ||
        (Array.from(last.surface).length === 4 && /^(?:大将|中将|少将)/.test(folded.slice(last.end)));
      const strong = japaneseRank ? 'japanese' : adjacentSide(folded, first.start, last.end);
      for (const f of group) {
        if (commanding && !commands.some((c) => c.person === f.person && c.sentenceId === s.id)) {
          commands.push({ person: f.person, sentenceId: s.id, form: f.form, surface: f.surface });
        }
        vote(f.person, strong ?? orderedBy(folded, first.start));
      }
    }
  }

  const sides = new Map<string, Side>();
  const evidence = new Map<string, Record<Side, number>>();
  for (const [key, display] of persons) {
    const v = votes.get(display);
    sides.set(display, (v && decideSide(v)) ?? 'other');
    if (v) evidence.set(key, v);
  }
  return { persons, commands, mentions, sides, evidence };
}

// --- internal ---

function isPersonName(folded: string): boolean {
  const chars = Array.from(folded);
  if (chars.length < 2 || chars.length > 4 || !/^\p{Script=Han}+$/u.test(folded)) return false;
  return SURNAMES.has(chars[0] ?? '') && !NOT_A_PERSON.test(folded);
}

/** True when `name` (at `at`, or anywhere) is framed by a command pattern in the sentence. */
function commandPatternAround(folded: string, name: string, at?: number): boolean {
  const positions: number[] = [];
  if (at !== undefined) positions.push(at);
  else for (let i = folded.indexOf(name); i >= 0; i = folded.indexOf(name, i + 1)) positions.push(i);
  for (const p of positions) {
    const after = folded.slice(p + name.length, p + name.length + 12);
    const before = folded.slice(Math.max(0, p - 8), p);
    // Names in a list share the pattern: 由聂荣臻、贺龙指挥 / 傅作义和马占山部.
    const afterList = after.replace(/^(?:[、和及与][\p{Script=Han}]{2,4}?)+(?=指挥|率|部|军)/u, '');
    if (
      /^(?:指挥|率领|率部|率军|率(?!先)|部(?!分|署)|所部|军(?!区|事|官|校|阀|队)|的部队|指挥的|统率|统帅|中将|少将|大将|中佐|少佐|大佐|决定|下令|部署)/.test(
        afterList,
      )
    )
      return true;
    if (/^部署/.test(after)) return true;
    if (TITLE_AT_END.test(before) || /由$/.test(before)) return true;
  }
  return false;
}

/** Unlinked names a pattern frames: 陈赓部, 史泽波率, 军长门炳岳, 小岛吉臧中将. */
function framedNames(folded: string, _s: Sentence): string[] {
  const out: string[] = [];
  const after = /(?=(?:率领|率部|率军|率(?!先)|部(?!分|署|队)|所部|决定|下令|指挥))/g;
  for (const m of folded.matchAll(after)) {
    const end = m.index ?? 0;
    for (const len of [3, 2]) {
      const name = folded.slice(end - len, end);
      if (
        name.length === len &&
        isPersonName(name) &&
        !/[\p{Script=Han}\p{N}A-Za-z]/u.test(folded[end - len - 1] ?? '')
      ) {
        out.push(name);
        break;
      }
    }
  }
  for (const m of folded.matchAll(TITLED_NAME)) {
    if (m[1] && isPersonName(m[1])) out.push(m[1]);
  }
  for (const m of folded.matchAll(RANKED_NAME)) {
    const name = m[1] ?? '';
    if (name.length >= 3 && !NOT_A_PERSON.test(name) && !/[的为是和在]/.test(name)) out.push(name);
  }
  return out;
}

function isHanAt(text: string, i: number, taken: boolean[]): boolean {
  return i >= 0 && !taken[i] && /\p{Script=Han}/u.test(text[i] ?? '') && false;
}

/** Names written next to each other with joiners (聂荣臻、贺龙) form one group. */
function joinedGroups<T extends { start: number; end: number }>(folded: string, found: T[]): T[][] {
  const groups: T[][] = [];
  for (const f of found) {
    const current = groups[groups.length - 1];
    const prev = current?.[current.length - 1];
    if (current && prev && (prev.start === f.start || JOINERS.test(folded.slice(prev.end, f.start)))) {
      current.push(f);
    } else groups.push([f]);
  }
  return groups;
}

/**
 * The side word right next to a group of names: before it within a few characters of titles
 * (国军傅作义, 第二战区司令长官阎锡山, 八路军吕正操), or the troops after 指挥 (指挥晋察冀…).
 */
function adjacentSide(folded: string, start: number, end: number): Side | undefined {
  const before = folded.slice(Math.max(0, start - 16), start);
  const clauseBefore = before.split(/[，。；：,;:！？“”「」]/).pop() ?? '';
  const hit = lastSideIn(clauseBefore);
  if (
    hit &&
    clauseBefore.length - hit.end <= 12 &&
    !/进攻|攻击|歼灭|击退|俘|包围|围攻|对|向|与/.test(clauseBefore.slice(hit.end))
  )
    return hit.side;
  const after = folded.slice(end, end + 14).split(/[，。；：,;:！？]/)[0] ?? '';
  const troops = /^(?:部?指挥|率领|率)(.*)$/.exec(after);
  if (troops?.[1]) {
    // 指挥晋察冀、晋绥两大军区主力: the troops follow at once; 率部攻击日军 names the enemy.
    const first = firstSideIn(troops[1]);
    if (first && first.start <= 2) return first.side;
  }
  const own = /^(?:所属的|所部|部队?|的)(.*)$/.exec(after);
  if (own?.[1] !== undefined) {
    const first = firstSideIn(own[1].slice(0, 5));
    if (first && first.start === 0) return first.side;
  }
  return undefined;
}

/**
 * A side that gives the person orders: 中共中央军委…指示刘伯承和邓小平. The order verb must sit
 * right before the name and no verb of fighting may come between the side word and it, so that
 * 八路军…进攻傅作义 does not make 傅作义 a communist.
 */
function orderedBy(folded: string, start: number): Side | undefined {
  const before = folded.slice(0, start);
  if (
    !/(?:指示|命令|令|任命|委任|派遣|派|电令|急令)$/.test(
      before.slice(-6).replace(/再度|再次|立即|紧急|急/g, ''),
    )
  )
    return undefined;
  const hit = lastSideIn(before);
  const clause =
    before
      .slice(hit?.end ?? 0)
      .split(/[，。；：,;:]/)
      .pop() ?? '';
  if (!hit || /进攻|攻击|对抗|消灭|歼灭|抵抗|反击|作战|击退|包围|围攻|被/.test(clause)) return undefined;
  return hit.side;
}

function lastSideIn(text: string): { side: Side; end: number } | undefined {
  let best: { side: Side; end: number } | undefined;
  for (const [side, pattern] of SIDE_WORDS) {
    for (const m of text.matchAll(pattern)) {
      const end = (m.index ?? 0) + m[0].length;
      if (!best || end > best.end) best = { side, end };
    }
  }
  return best;
}

function firstSideIn(text: string): { side: Side; start: number } | undefined {
  let best: { side: Side; start: number } | undefined;
  for (const [side, pattern] of SIDE_WORDS) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      if (!best || start < best.start) best = { side, start };
    }
  }
  return best;
}

/** The side most of the evidence names; undefined on no evidence or a tie. */
export function decideSide(counts: Record<Side, number>): Side | undefined {
  const ranked = (Object.entries(counts) as [Side, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return undefined;
  if (ranked.length > 1 && ranked[0]?.[1] === ranked[1]?.[1]) return undefined;
  return ranked[0]?.[0];
}
