import { foldText } from '../text/fold';
import type { AliasFile, Article } from './schema';

/**
 * Names that stand for the same thing, folded to simplified script.
 * `groupsOf(name)` gives every group a name belongs to (a name can be in several: 包头战役 is
 * an alias of 平绥路战役 in the seed *and* the title of the 1939 battle).
 */
export type AliasTable = {
  /** folded name → indexes into `groups` */
  byName: Map<string, number[]>;
  /** each group: display names, canonical first */
  groups: { names: string[]; articleTitle?: string }[];
  /** longest folded name, to bound substring scans */
  maxLength: number;
};

/**
 * Builds the alias table from the articles (title + lead aliases), their wikilinks (anchor →
 * target where the anchor is a short form of the target, 北京 → 北京市) and the curated file.
 *
 * @example
 * const table = buildAliasTable(articles, curated);
 * namesFor(table, '呼和浩特') // ['归绥', '呼和浩特', '归化城']
 */
export function buildAliasTable(articles: readonly Article[], curated?: AliasFile): AliasTable {
  const table: AliasTable = { byName: new Map(), groups: [], maxLength: 0 };
  const add = (names: string[], articleTitle?: string) => {
    const clean = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))];
    if (clean.length === 0) return;
    const id = table.groups.length;
    table.groups.push({ names: clean, articleTitle });
    for (const name of clean) {
      const key = foldText(name);
      const ids = table.byName.get(key) ?? [];
      if (!ids.includes(id)) ids.push(id);
      table.byName.set(key, ids);
      table.maxLength = Math.max(table.maxLength, key.length);
    }
  };
  for (const article of articles) add([article.title, ...article.aliases], article.title);
  for (const group of curated?.groups ?? []) add(group.names);
  // Link anchors that are a prefix of their target name the same thing (北京 → 北京市); anchors
  // that run past the entity (閻錫山秉承 → 閻錫山) do not, so they are left out.
  const pairs = new Map<string, string>();
  for (const article of articles) {
    for (const paragraph of article.paragraphs) {
      for (const sentence of paragraph.sentences) {
        for (const m of sentence.mentions) {
          const anchor = foldText(m.anchor.trim());
          const target = foldText(m.target.replace(/\s*[（(][^）)]*[）)]\s*$/, ''));
          if (
            anchor.length >= 2 &&
            anchor !== target &&
            target.startsWith(anchor) &&
            target.length - anchor.length <= 2
          ) {
            pairs.set(`${anchor}\u0000${target}`, m.target);
          }
        }
      }
    }
  }
  for (const [key, target] of pairs) add([target, key.split('\u0000')[0] ?? '']);
  return table;
}

/** All names sharing a group with `name` (folded input), including itself; `[]` if unknown. */
export function namesFor(table: AliasTable, name: string): string[] {
  const ids = table.byName.get(foldText(name)) ?? [];
  return [...new Set(ids.flatMap((id) => table.groups[id]?.names ?? []))];
}
