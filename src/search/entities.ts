import type { AliasTable, Article } from '../corpus';
import { foldText } from '../text/fold';
import { pinyinKeys } from './pinyin';

/**
 * Known names in the corpus — article titles and aliases, curated aliases, wikilink targets —
 * mapped to entity ids (the folded canonical name). Used to index whole entity names and
 * their pinyin, to expand aliases in queries, and to tell known names from unknown ones.
 */
export type EntityDictionary = {
  /** folded surface name → entity ids */
  byName: Map<string, string[]>;
  /** entity id → display name (original script of the first source) */
  display: Map<string, string>;
  /** entity id → every folded name of the entity (its alias groups) */
  namesOf: Map<string, string[]>;
  /** first two folded characters → candidate name lengths, longest first */
  starts: Map<string, number[]>;
  /** pinyin key (fuzuoyi) → entity ids */
  byPinyin: Map<string, string[]>;
};

/** A dictionary name found in folded text. */
export type EntityHit = { name: string; ids: string[]; start: number; end: number };

const QUALIFIER = /\s*[（(][^）)]*[）)]\s*$/;

/**
 * Builds the dictionary from articles (titles, aliases, link targets) and the alias table.
 * A link target's parenthesised qualifier is dropped: 王英 (民国) is found as 王英.
 */
export function buildEntityDictionary(articles: readonly Article[], aliases: AliasTable): EntityDictionary {
  const dict: EntityDictionary = {
    byName: new Map(),
    display: new Map(),
    namesOf: new Map(),
    starts: new Map(),
    byPinyin: new Map(),
  };
  const addName = (surface: string, id: string) => {
    const key = foldText(surface.replace(QUALIFIER, '')).trim();
    if (Array.from(key).length < 2 || key.length > 30) return;
    const ids = dict.byName.get(key);
    if (!ids) dict.byName.set(key, [id]);
    else if (!ids.includes(id)) ids.push(id);
    const names = dict.namesOf.get(id) ?? [];
    if (!names.includes(key)) names.push(key);
    dict.namesOf.set(id, names);
  };
  const idOf = (name: string) => {
    const id = foldText(name.replace(QUALIFIER, '')).trim();
    if (!dict.display.has(id)) dict.display.set(id, name.replace(QUALIFIER, '').trim());
    return id;
  };
  for (const group of aliases.groups) {
    const canonical = group.names[0];
    if (!canonical) continue;
    const id = idOf(canonical);
    for (const name of group.names) addName(name, id);
  }
  for (const article of articles) {
    for (const paragraph of article.paragraphs) {
      for (const sentence of paragraph.sentences) {
        for (const mention of sentence.mentions) {
          const key = foldText(mention.target.replace(QUALIFIER, '')).trim();
          // A target that is already a name of some entity (an alias) joins that entity.
          const known = dict.byName.get(key);
          if (known) continue;
          addName(mention.target, idOf(mention.target));
        }
      }
    }
  }
  dict.starts = indexStarts(dict.byName.keys());
  for (const [id, names] of dict.namesOf) {
    for (const name of names) {
      for (const key of pinyinKeys(name)) {
        const ids = dict.byPinyin.get(key) ?? [];
        if (!ids.includes(id)) ids.push(id);
        dict.byPinyin.set(key, ids);
      }
    }
  }
  return dict;
}

/** First two characters → the lengths of the names starting with them, longest first. */
export function indexStarts(names: Iterable<string>): Map<string, number[]> {
  const starts = new Map<string, number[]>();
  for (const key of names) {
    const start = key.slice(0, 2);
    const lengths = starts.get(start) ?? [];
    if (!lengths.includes(key.length)) lengths.push(key.length);
    starts.set(start, lengths);
  }
  for (const lengths of starts.values()) lengths.sort((a, b) => b - a);
  return starts;
}

/**
 * Dictionary names in folded text, longest match first, left to right, not overlapping.
 *
 * @example
 * findEntities(dict, '聂荣臻、贺龙指挥晋察冀') // [{ name: '聂荣臻', … }, { name: '贺龙', … }, { name: '晋察冀', … }]
 */
export function findEntities(dict: EntityDictionary, folded: string): EntityHit[] {
  const hits: EntityHit[] = [];
  for (let i = 0; i + 1 < folded.length; ) {
    const lengths = dict.starts.get(folded.slice(i, i + 2));
    let matched = 0;
    if (lengths) {
      for (const length of lengths) {
        const name = folded.slice(i, i + length);
        const ids = name.length === length ? dict.byName.get(name) : undefined;
        if (ids) {
          hits.push({ name, ids, start: i, end: i + length });
          matched = length;
          break;
        }
      }
    }
    i += matched || 1;
  }
  return hits;
}
