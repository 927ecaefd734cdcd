import type { CorpusIndex } from '../search';
import { perIndex, positionsByKey } from './perIndex';

/**
 * Up to five article titles that share the most distinct characters with `text`, ties in
 * corpus order (the first articles when none shares any): the suggestions of a `not_found`.
 *
 * @example
 * suggestTitles(index, '绥远')[0] // '平绥路战役'
 */
export function suggestTitles(index: CorpusIndex, text: string, limit = 5): string[] {
  const { articles } = index;
  const shared = new Uint16Array(articles.length);
  const byChar = titlesByChar(index);
  for (const ch of new Set(Array.from(text)))
    for (const i of byChar.get(ch) ?? []) shared[i] = (shared[i] ?? 0) + 1;
  // Best `limit` in one pass: a not_found must not cost a sort of every title (20k at scale).
  const best: number[] = [];
  for (let i = 0; i < articles.length; i++) {
    if (best.length === limit && (shared[i] ?? 0) <= (shared[best[limit - 1] as number] ?? 0)) continue;
    let at = best.length;
    while (at > 0 && (shared[best[at - 1] as number] ?? 0) < (shared[i] ?? 0)) at--;
    best.splice(at, 0, i);
    if (best.length > limit) best.pop();
  }
  return best.map((i) => articles[i]?.title ?? '');
}

/** Articles by each distinct character of their title. */
const titlesByChar = perIndex((index) =>
  positionsByKey(index.articles, (article) => Array.from(article.title)),
);
