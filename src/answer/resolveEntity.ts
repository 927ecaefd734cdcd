import { type CorpusIndex, findEntities, type IndexedSentence } from '../search';
import { foldText } from '../text/fold';
import { perIndex, positionsByKey } from './perIndex';

/** A name as the corpus knows it: its entity ids and the article written about it, if any. */
export type ResolvedName = { ids: string[]; display: string; articleIndexes: number[] };

/**
 * Resolves a user-typed name (any script, an alias, pinyin) to the corpus's entities:
 * 包頭 → 包头, 绥远战役 → 平绥路战役 (+ the 1939 包头战役 where names clash), baotou → 包头.
 * Returns undefined when the corpus knows no such name.
 *
 * @example
 * resolveName(index, '歸綏')?.ids // ['归绥']
 */
export function resolveName(index: CorpusIndex, name: string): ResolvedName | undefined {
  const folded = foldText(name).replace(/\s+/g, ' ').trim();
  if (!folded) return undefined;
  const dict = index.entities;
  let ids =
    dict.byName.get(folded) ?? dict.byPinyin.get(folded.replace(/[^a-z0-9ü]/g, '').replace(/ü/g, 'v'));
  if (!ids) {
    // A longer phrase that contains names: take its longest name (包头城 → 包头).
    const hits = findEntities(dict, folded).sort((a, b) => b.end - b.start - (a.end - a.start));
    ids = hits[0]?.ids;
  }
  if (!ids || ids.length === 0) return undefined;
  const byName = articlesByName(index);
  const articleIndexes = [...new Set([...ids, folded].flatMap((n) => byName.get(n) ?? []))].sort(
    (a, b) => a - b,
  );
  return { ids, display: dict.display.get(ids[0] ?? '') ?? name.trim(), articleIndexes };
}

/**
 * Articles by each of their folded names (title and aliases, without a trailing
 * parenthesized qualifier).
 */
const articlesByName = perIndex((index) =>
  positionsByKey(index.articles, (article) =>
    [article.title, ...article.aliases].map((name) => foldText(name).replace(/\s*[（(][^）)]*[）)]\s*$/, '')),
  ),
);

/** The articles titled (or aliased) by any of `names` (folded names or entity ids). */
export function articlesNamed(index: CorpusIndex, names: readonly string[]): Set<number> {
  const byName = articlesByName(index);
  const found = new Set<number>();
  for (const name of names) for (const i of byName.get(name) ?? []) found.add(i);
  return found;
}

/** Refs of the sentences naming each entity id (a link, or a dictionary name in the text). */
export const sentencesNaming = perIndex((index) => positionsByKey(index.sentences, (s) => s.entities));

// Per index: the first sentence naming a set of folded names (joined by NUL), once looked up.
const namingAllFound = perIndex(() => new Map<string, IndexedSentence | undefined>());

/**
 * The corpus's first sentence naming every one of `names` (full names, any script): where a short
 * form's people (聂贺: 聂荣臻, 贺龙) are introduced. One pass over the sentences per set of names,
 * remembered per index: a large corpus asked 聂贺是谁 again pays nothing.
 *
 * @example
 * firstSentenceNamingAll(index, ['聂荣臻', '贺龙'])?.sentence.id // '平绥路战役#p1.s2'
 */
export function firstSentenceNamingAll(
  index: CorpusIndex,
  names: readonly string[],
): IndexedSentence | undefined {
  const folded = names.map((name) => foldText(name));
  if (folded.length === 0) return undefined;
  const found = namingAllFound(index);
  const key = folded.join('\u0000');
  if (!found.has(key))
    found.set(
      key,
      index.sentences.find((s) => folded.every((name) => s.folded.includes(name))),
    );
  return found.get(key);
}
