import MiniSearch from 'minisearch';
import type { AliasFile, AliasTable, Article } from '../corpus';
import { type CorpusIndex, INDEX_OPTIONS, type IndexedSentence, type SearchDocument, TOKENIZER_VERSION } from './buildIndex';
import { type EntityDictionary, indexStarts } from './entities';

/** Version of the saved-index layout; a file with another version is rebuilt, not read. */
export const INDEX_FORMAT_VERSION = 2;

/** The saved index: everything `buildIndex` computed, so loading skips folding and tokenizing. */
export type SavedIndex = {
  format: number;
  tokenizer: number;
  articles: Article[];
  curatedAliases?: AliasFile;
  /** per sentence ref: [articleIndex, paragraph index in article, sentence index in paragraph, folded, entities] */
  sentences: [number, number, number, string, string[]][];
  df: [string, number][];
  engine: unknown;
  /** the entity dictionary and alias table, saved so that loading needs no pinyin (~150 ms) */
  entities: { byName: [string, string[]][]; display: [string, string][]; namesOf: [string, string[]][]; byPinyin: [string, string[]][] };
  aliases: AliasTable;
};

/**
 * Serializes an index to a JSON-ready object; {@link loadIndex} restores it.
 * minisearch's `toJSON` holds the inverted index; the rest is ours.
 */
export function serializeIndex(index: CorpusIndex): SavedIndex {
  const { curatedAliases } = index;
  const position = new Map<string, [number, number]>();
  for (const article of index.articles) {
    article.paragraphs.forEach((p, pi) => {
      p.sentences.forEach((s, si) => {
        position.set(s.id, [pi, si]);
      });
    });
  }
  return {
    format: INDEX_FORMAT_VERSION,
    tokenizer: TOKENIZER_VERSION,
    articles: index.articles,
    ...(curatedAliases ? { curatedAliases } : {}),
    sentences: index.sentences.map((s) => {
      const [pi, si] = position.get(s.sentence.id) ?? [0, 0];
      return [s.articleIndex, pi, si, s.folded, s.entities];
    }),
    df: [...index.df],
    engine: index.engine.toJSON(),
    entities: {
      byName: [...index.entities.byName],
      display: [...index.entities.display],
      namesOf: [...index.entities.namesOf],
      byPinyin: [...index.entities.byPinyin],
    },
    aliases: { ...index.aliases, byName: [...index.aliases.byName] as unknown as AliasTable['byName'] },
  };
}

/** Why a saved index cannot be used; the caller rebuilds from the corpus instead. */
export class IndexFormatError extends Error {
  constructor(message: string) {
    super(`search: ${message}`);
    this.name = 'IndexFormatError';
  }
}

/**
 * Restores an index saved by {@link serializeIndex}, with the same {@link INDEX_OPTIONS}
 * (minisearch's `loadJSON` requires identical options).
 *
 * @throws IndexFormatError when the file was written by another format or tokenizer version.
 */
export function loadIndex(saved: SavedIndex): CorpusIndex {
  if (saved.format !== INDEX_FORMAT_VERSION || saved.tokenizer !== TOKENIZER_VERSION) {
    throw new IndexFormatError(
      `saved index has format ${saved.format}/tokenizer ${saved.tokenizer}, expected ${INDEX_FORMAT_VERSION}/${TOKENIZER_VERSION}`,
    );
  }
  const articles = saved.articles;
  const aliases: AliasTable = { ...saved.aliases, byName: new Map(saved.aliases.byName as unknown as [string, number[]][]) };
  const entities = restoreEntityDictionary(saved.entities);
  const sentences: IndexedSentence[] = [];
  const articleRanges: [number, number][] = articles.map(() => [0, 0]);
  saved.sentences.forEach(([articleIndex, pi, si, folded, ids], ref) => {
    const paragraph = articles[articleIndex]?.paragraphs[pi];
    const sentence = paragraph?.sentences[si];
    if (!paragraph || !sentence) throw new IndexFormatError(`sentence ${ref} points outside its article`);
    sentences.push({ ref, articleIndex, sentence, section: paragraph.section, folded, entities: ids });
  });
  for (let a = 0, ref = 0; a < articles.length; a++) {
    const from = ref;
    while (ref < sentences.length && sentences[ref]?.articleIndex === a) ref++;
    articleRanges[a] = [from, ref];
  }
  const engine = MiniSearch.loadJS<SearchDocument>(saved.engine as Parameters<typeof MiniSearch.loadJS>[0], INDEX_OPTIONS);
  const byId = new Map(sentences.map((s) => [s.sentence.id, s.ref]));
  return { articles, sentences, aliases, entities, df: new Map(saved.df), engine, articleRanges, byId, curatedAliases: saved.curatedAliases };
}

function restoreEntityDictionary(saved: SavedIndex['entities']): EntityDictionary {
  const byName = new Map(saved.byName);
  return {
    byName,
    display: new Map(saved.display),
    namesOf: new Map(saved.namesOf),
    byPinyin: new Map(saved.byPinyin),
    starts: indexStarts(byName.keys()),
  };
}
