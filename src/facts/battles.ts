import type { Article } from '../corpus';
import { foldSentence, foldText } from '../text/fold';
import type { DatedSentence } from './datedSentences';
import type { ExtractedDate } from './dates';
import type { ArticlePeople } from './people';

/** A place attacked inside a battle (the seed's attacks on 归绥 and 包头). */
export type SubOperation = { place: string; sentenceIds: string[] };

/** A battle the corpus describes: one article, its period and its named sub-operations. */
export type BattleFact = {
  articleIndex: number;
  name: string;
  aliases: string[];
  /** earliest and latest point of the battle's own dates (background years left out) */
  period?: { start: string; end: string; startSentenceId: string; endSentenceId: string };
  subOperations: SubOperation[];
};

const BATTLE_TITLE = /(?:战役|战斗|会战|之战|战争|事变|起义|作战|攻势|围城战|保卫战|冲突|阻击战)$/;
const BATTLE_CATEGORY = /战役|战斗|会战|冲突/;
// 进攻/围攻/转攻/攻打 + a linked place: a named sub-operation of the battle.
const ATTACK_VERB = /进攻|围攻|转攻|攻打|攻击|攻占|攻克|夺取|收复|突袭|袭击|驰援|增援/g;

/** True for an article about a battle: a battle-like title, or a battle category. */
export function isBattleArticle(article: Article): boolean {
  return (
    BATTLE_TITLE.test(foldText(article.title)) ||
    article.categories.some((c) => BATTLE_CATEGORY.test(foldText(c)) && /\d{4}年/.test(c))
  );
}

/**
 * Battles of the corpus: each battle article with its period and the places attacked in it
 * (a link target right after 进攻/围攻/转攻/攻打 …: the seed's 归绥城, 归绥, 包头).
 * The period keeps only dates within a year of the battle's own year, so that a background
 * paragraph (日军于1937年组建…) does not stretch a 1939 battle back to 1937; it may run into the next year.
 *
 * @example
 * extractBattles(articles, dated)[0] // { name: '平绥路战役', period: { start: '1945-08-11', end: '1945-12', … }, subOperations: [{ place: '归绥城', … }, …] }
 */
export function extractBattles(
  articles: readonly Article[],
  dated: readonly DatedSentence[],
  people: readonly ArticlePeople[] = [],
): BattleFact[] {
  const datesByArticle = new Map<number, DatedSentence[]>();
  for (const d of dated)
    datesByArticle.set(d.articleIndex, [...(datesByArticle.get(d.articleIndex) ?? []), d]);
  const battles: BattleFact[] = [];
  articles.forEach((article, articleIndex) => {
    if (!isBattleArticle(article)) return;
    const subOperations = new Map<string, string[]>();
    // Commanders are not places (进攻傅作义驻防的归绥城); a linked name nobody commands may be one.
    const commanders = new Set((people[articleIndex]?.commands ?? []).map((c) => foldText(c.person)));
    const isPerson = (target: string) => commanders.has(foldText(target));
    for (const p of article.paragraphs) {
      for (const s of p.sentences) {
        const folded = foldSentence(s);
        for (const verb of folded.matchAll(ATTACK_VERB)) {
          const at = (verb.index ?? 0) + verb[0].length;
          // An aim is not an attack: 力图…夺取绥远省.
          if (
            /力图|企图|意图|准备|计划|试图|打算|意在|旨在|为了|目的/.test(
              folded.slice(Math.max(0, at - 30), at),
            )
          )
            continue;
          const clauseEnd = folded.slice(at).search(/[，,。；;：:]/);
          const limit = at + Math.min(clauseEnd < 0 ? Infinity : clauseEnd, 12);
          // The place is the first linked non-person after the verb: 进攻傅作义驻防的归绥城 → 归绥城.
          const target = s.mentions.find((m) => m.start >= at && m.start <= limit && !isPerson(m.target));
          if (!target) continue;
          const place = target.target.replace(/\s*[（(][^）)]*[）)]\s*$/, '');
          subOperations.set(place, [...new Set([...(subOperations.get(place) ?? []), s.id])]);
        }
      }
    }
    battles.push({
      articleIndex,
      name: article.title,
      aliases: article.aliases,
      period: battlePeriod(datesByArticle.get(articleIndex) ?? []),
      subOperations: [...subOperations].map(([place, sentenceIds]) => ({ place, sentenceIds })),
    });
  });
  return battles;
}

/** Earliest start to latest end of a battle's dates, ignoring year-only mentions when finer ones exist. */
export function battlePeriod(dated: readonly DatedSentence[]): BattleFact['period'] {
  const all = dated.flatMap((d) => d.dates.map((date) => ({ date, sentenceId: d.sentenceId })));
  if (all.length === 0) return undefined;
  // The battle's year: the year its finer (month/xun/day) dates most often name.
  const years = new Map<string, number>();
  for (const { date } of all)
    if (date.precision !== 'year')
      years.set(date.start.slice(0, 4), (years.get(date.start.slice(0, 4)) ?? 0) + 1);
  const main = [...years].sort((a, b) => b[1] - a[1])[0]?.[0] ?? all[0]?.date.start.slice(0, 4) ?? '';
  // A battle may run into the next year (12月…次年1月), never back into the one before.
  const near = (d: ExtractedDate) => {
    const gap = Number(d.start.slice(0, 4)) - Number(main);
    return gap === 0 || gap === 1;
  };
  const fine = all.filter(({ date }) => date.precision !== 'year' && near(date));
  const pool = fine.length > 0 ? fine : all.filter(({ date }) => near(date));
  let first = pool[0];
  let last = pool[0];
  let end = '';
  for (const item of pool) {
    if (first && item.date.start < first.date.start) first = item;
    const e = item.date.end ?? item.date.start;
    // Ties go to the later sentence: 到12月…撤回 after a sentence that merely names 12月.
    if (e >= end) {
      end = e;
      last = item;
    }
  }
  return first && last
    ? { start: first.date.start, end, startSentenceId: first.sentenceId, endSentenceId: last.sentenceId }
    : undefined;
}
