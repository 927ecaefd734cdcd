import type { BattleFact } from '../facts';
import { type IndexedSentence, pinyinKeys } from '../search';
import { foldText } from '../text/fold';
import type { AnswerContext } from './answerQuestion';
import { resolveName } from './resolveEntity';

/** A battle the user's name can mean, and how: by its own name, or a place fought over in it. */
export type BattleMatch = { battle: BattleFact; score: number; focus?: { place: string; ids: string[] } };

const SUFFIXES = ['战役', '战斗', '会战', '之战'];

/**
 * The battles a name can mean, best first: its title (3), another of its names (2), the name
 * plus 战役 as its title (1.5) or alias (1), a place attacked in it (+1, and the card focuses on
 * that place). `/battle 包头` → 平绥路战役 (alias 包头战役 + the attack on 包头) before the 1939
 * 包头战役 (title 包头 + 战役); `/battle 包头战役` → the 1939 battle first.
 */
export function findBattles(name: string, ctx: AnswerContext): BattleMatch[] {
  const { index } = ctx;
  const query = foldText(name).replace(/\s+/g, '');
  if (!query) return [];
  const resolved = resolveName(index, name);
  const placeIds = new Set(resolved?.ids ?? []);
  const matches: BattleMatch[] = [];
  for (const { battle, title, names, pinyin, places } of battleNames(ctx)) {
    let score = 0;
    if (query === title) score = 3;
    else if (names.has(query)) score = 2;
    else if (SUFFIXES.some((s) => query + s === title)) score = 1.5;
    else if (SUFFIXES.some((s) => names.has(query + s))) score = 1;
    else if (/^[a-z]{4,}$/.test(query) && pinyin().some((k) => k.startsWith(query))) score = 1.5;
    let focus: BattleMatch['focus'];
    for (const { op, folded, opIds } of places) {
      if (folded === query || opIds.some((id) => placeIds.has(id))) {
        focus = { place: resolved?.display ?? op.place, ids: [...new Set([...opIds, ...placeIds])] };
        score += 1;
        break;
      }
    }
    if (score > 0) matches.push({ battle, score, focus: score >= 2 && !focus ? undefined : focus });
  }
  return matches.sort((a, b) => b.score - a.score || a.battle.articleIndex - b.battle.articleIndex);
}

/** The sentences of a battle's article, in order. */
export function battleSentences(ctx: AnswerContext, battle: BattleFact): IndexedSentence[] {
  const [from, to] = ctx.index.articleRanges[battle.articleIndex] ?? [0, 0];
  return ctx.index.sentences.slice(from, to);
}

/** `1945-08-11 – 1945-12`, or the start alone when it is the end too. */
export function formatPeriod(period: { start: string; end?: string } | undefined): string | undefined {
  if (!period) return undefined;
  return period.end && period.end !== period.start ? `${period.start} – ${period.end}` : period.start;
}

type BattleNames = {
  battle: BattleFact;
  /** folded title */
  title: string;
  /** its other folded names */
  names: Set<string>;
  /** pinyin keys of all its names, computed on the first Latin query */
  pinyin: () => string[];
  places: { op: BattleFact['subOperations'][number]; folded: string; opIds: string[] }[];
};
const battleNameCache = new WeakMap<AnswerContext['facts'], BattleNames[]>();

/** Every battle's folded names and places, built once per corpus (folding them per query cost
 * milliseconds at 20k articles). */
function battleNames(ctx: AnswerContext): BattleNames[] {
  let cached = battleNameCache.get(ctx.facts);
  if (!cached) {
    const { index } = ctx;
    cached = ctx.facts.battles.map((battle) => {
      const title = foldText(battle.name);
      const ownId = index.entities.byName.get(title)?.[0] ?? title;
      const names = new Set([...battle.aliases.map(foldText), ...(index.entities.namesOf.get(ownId) ?? [])]);
      names.delete(title);
      let keys: string[] | undefined;
      const pinyin = () => {
        keys ??= [title, ...names].flatMap((n) => pinyinKeys(n));
        return keys;
      };
      const places = battle.subOperations.map((op) => {
        const folded = foldText(op.place);
        return { op, folded, opIds: index.entities.byName.get(folded) ?? [folded] };
      });
      return { battle, title, names, pinyin, places };
    });
    battleNameCache.set(ctx.facts, cached);
  }
  return cached;
}
