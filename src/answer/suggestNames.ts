import { AUTOCOMPLETE_MAX_CHOICES, AUTOCOMPLETE_MAX_NAME_LENGTH } from '../constants';
import type { CorpusIndex } from '../search';
import { foldText } from '../text/fold';

/** What a name suggestion is for: battles first, people first, or anything. */
export type NameKind = 'battle' | 'person' | 'any';

type Candidate = { display: string; folded: string[]; pinyin: string[]; mentions: number; isBattle: boolean };

const BATTLE_NAME = /(?:战役|战斗|会战|之战|战争|事变|起义|围城战|保卫战|作战|攻势)$/;
const cache = new WeakMap<CorpusIndex, Candidate[]>();

/**
 * Names from the corpus that match what a user has typed so far — in simplified or
 * traditional script, as an alias or in pinyin — best first: exact, then prefix, then
 * substring, then pinyin prefix; ties go to the name mentioned most often.
 * At most 25, each ≤ 100 characters (Discord's autocomplete limits).
 *
 * @example
 * suggestNames(index, '歸', 'any')[0] // '归绥'
 * suggestNames(index, 'bao', 'any')[0] // '包头'
 */
export function suggestNames(
  index: CorpusIndex,
  typed: string,
  kind: NameKind,
  limit = AUTOCOMPLETE_MAX_CHOICES,
): string[] {
  const candidates = candidatesOf(index);
  const q = foldText(typed).trim();
  const latin = q.replace(/[^a-z0-9]/g, '');
  const scored: { c: Candidate; rank: number }[] = [];
  for (const c of candidates) {
    // Tiers: the shown name itself beats an alias of it; exact beats prefix beats substring.
    const own = c.folded[0] ?? '';
    let rank = 0;
    if (!q) rank = 1;
    else if (own === q) rank = 8;
    else if (c.folded.includes(q)) rank = 7;
    else if (own.startsWith(q)) rank = 6;
    else if (c.folded.some((n) => n.startsWith(q))) rank = 5;
    else if (own.includes(q)) rank = 4;
    else if (c.folded.some((n) => n.includes(q))) rank = 3;
    else if (latin.length >= 2 && c.pinyin.some((p) => p.startsWith(latin))) rank = 2;
    if (rank === 0) continue;
    if (kind === 'battle' && c.isBattle) rank += 0.5;
    scored.push({ c, rank });
  }
  scored.sort(
    (a, b) => b.rank - a.rank || b.c.mentions - a.c.mentions || a.c.display.localeCompare(b.c.display),
  );
  return scored.slice(0, limit).map((s) => s.c.display.slice(0, AUTOCOMPLETE_MAX_NAME_LENGTH));
}

function candidatesOf(index: CorpusIndex): Candidate[] {
  const hit = cache.get(index);
  if (hit) return hit;
  const mentions = new Map<string, number>();
  for (const s of index.sentences) for (const id of s.entities) mentions.set(id, (mentions.get(id) ?? 0) + 1);
  const byDisplay = new Map<string, Candidate>();
  // A set, not a scan per name: with 20k articles and 20k names a scan took minutes.
  const articleTitles = new Set(index.articles.map((a) => foldText(a.title)));
  const pinyinOf = new Map<string, string[]>();
  for (const [key, ids] of index.entities.byPinyin)
    for (const id of ids) pinyinOf.set(id, [...(pinyinOf.get(id) ?? []), key]);
  for (const [id, names] of index.entities.namesOf) {
    const display = index.entities.display.get(id) ?? id;
    const count = mentions.get(id) ?? 0;
    const isArticle = articleTitles.has(id);
    if (count === 0 && !isArticle) continue;
    byDisplay.set(display, {
      display,
      folded: [foldText(display), ...names.filter((n) => n !== foldText(display))],
      // Pinyin comes from the index's own dictionary (byPinyin), so no pinyin is computed here.
      pinyin: pinyinOf.get(id) ?? [],
      mentions: count + (isArticle ? 1000 : 0),
      isBattle: BATTLE_NAME.test(id),
    });
  }
  const out = [...byDisplay.values()];
  cache.set(index, out);
  return out;
}
