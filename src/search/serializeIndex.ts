import type MiniSearch from 'minisearch';
import type { AliasFile, AliasTable, Article, Paragraph, Sentence } from '../corpus';
import {
  assembleIndex,
  type CorpusIndex,
  INDEX_OPTIONS,
  type IndexedSentence,
  type SearchDocument,
  TOKENIZER_VERSION,
} from './buildIndex';
import { loadCompactMiniSearch, packMiniSearch, type SavedPostings } from './compactIndex';
import { type EntityDictionary, indexStarts } from './entities';

/** Version of the saved-index layout; a file with another version is rebuilt, not read. */
export const INDEX_FORMAT_VERSION = 5;

/**
 * A sentence as saved: its text is `0` when it is its paragraph's text from `start` to `end`,
 * its id `0` when it is `title#p<paragraph>.s<sentence>` (always, as parsed): the article
 * text is stored once.
 */
export type SavedSentence = Omit<Sentence, 'id' | 'text'> & { id: string | 0; text: string | 0 };
export type SavedArticle = Omit<Article, 'paragraphs'> & {
  paragraphs: (Omit<Paragraph, 'sentences'> & { sentences: SavedSentence[] })[];
};

/**
 * The saved index: everything `buildIndex` computed, so loading skips folding and tokenizing.
 * JSON-ready: the large numeric parts are typed arrays, which `JSON.stringify` writes as base64
 * (and the prebuilt file as raw bytes after its JSON: see src/io/indexStore.ts).
 */
export type SavedIndex = {
  format: number;
  tokenizer: number;
  articles: SavedArticle[];
  curatedAliases?: AliasFile;
  /**
   * per sentence ref: [articleIndex, paragraph index in article, sentence index in paragraph,
   * folded text (0 when it equals the sentence text), entity ids]
   */
  sentences: [number, number, number, string | 0, string[]][];
  /** minisearch's serialized index without its `index` (that is in `postings`) */
  engine: Record<string, unknown>;
  /** minisearch's inverted index and the document frequencies, packed (see compactIndex.ts) */
  postings: SavedPostings;
  /** the entity dictionary and alias table, saved so that loading needs no pinyin (~150 ms) */
  entities: {
    byName: [string, string[]][];
    display: [string, string][];
    namesOf: [string, string[]][];
    byPinyin: [string, string[]][];
  };
  aliases: AliasTable;
};

/**
 * Serializes an index to a JSON-ready object; {@link loadIndex} restores it.
 * minisearch's `toJSON` holds the inverted index (packed here); the rest is ours.
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
  const { js: engine, postings } = packMiniSearch(index.engine as MiniSearch<unknown>, index.df);
  return {
    format: INDEX_FORMAT_VERSION,
    tokenizer: TOKENIZER_VERSION,
    articles: index.articles.map(saveArticle),
    ...(curatedAliases ? { curatedAliases } : {}),
    sentences: index.sentences.map((s) => {
      const [pi, si] = position.get(s.sentence.id) ?? [0, 0];
      return [s.articleIndex, pi, si, s.folded === s.sentence.text ? 0 : s.folded, s.entities];
    }),
    engine,
    postings,
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
 * (minisearch requires identical options). The inverted index stays packed: the engine
 * searches exactly like one built from the corpus in a fraction of the memory (~90 MB of
 * `Map`s → ~15 MB at 10k sentences), and turns into minisearch's own tree only if something
 * adds to it (nothing here does).
 *
 * Takes `saved` over: its articles (their sentence ids and texts filled in) become the index's.
 *
 * @throws IndexFormatError when the file was written by another format or tokenizer version,
 *   or its parts do not fit together.
 */
export function loadIndex(saved: SavedIndex): CorpusIndex {
  if (saved.format !== INDEX_FORMAT_VERSION || saved.tokenizer !== TOKENIZER_VERSION) {
    throw new IndexFormatError(
      `saved index has format ${saved.format}/tokenizer ${saved.tokenizer}, expected ${INDEX_FORMAT_VERSION}/${TOKENIZER_VERSION}`,
    );
  }
  const articles = restoreArticles(saved.articles);
  const aliases: AliasTable = {
    ...saved.aliases,
    byName: new Map(saved.aliases.byName as unknown as [string, number[]][]),
  };
  const entities = restoreEntityDictionary(saved.entities);
  // Entity ids repeat across sentences: one string per id instead of one per occurrence.
  const interned = new Map<string, string>();
  const intern = (id: string) => {
    const known = interned.get(id);
    if (known !== undefined) return known;
    interned.set(id, id);
    return id;
  };
  for (const id of entities.display.keys()) intern(id);
  const sentences: IndexedSentence[] = [];
  const articleRanges: [number, number][] = articles.map(() => [0, 0]);
  saved.sentences.forEach(([articleIndex, pi, si, folded, ids], ref) => {
    const paragraph = articles[articleIndex]?.paragraphs[pi];
    const sentence = paragraph?.sentences[si];
    if (!paragraph || !sentence) throw new IndexFormatError(`sentence ${ref} points outside its article`);
    sentences.push({
      ref,
      articleIndex,
      sentence,
      section: paragraph.section,
      folded: folded === 0 ? sentence.text : folded,
      entities: ids.map(intern),
    });
  });
  for (let a = 0, ref = 0; a < articles.length; a++) {
    const from = ref;
    while (ref < sentences.length && sentences[ref]?.articleIndex === a) ref++;
    articleRanges[a] = [from, ref];
  }
  let engine: MiniSearch<SearchDocument>;
  let df: Map<string, number>;
  try {
    ({ engine, df } = loadCompactMiniSearch<SearchDocument>(
      saved.engine as never,
      saved.postings,
      INDEX_OPTIONS,
    ));
  } catch (error) {
    throw new IndexFormatError((error as Error).message);
  }
  if (engine.documentCount !== sentences.length)
    throw new IndexFormatError(
      `the engine holds ${engine.documentCount} documents for ${sentences.length} sentences`,
    );
  return assembleIndex({
    articles,
    sentences,
    aliases,
    entities,
    df,
    engine,
    articleRanges,
    curatedAliases: saved.curatedAliases,
  });
}

function saveArticle(article: Article): SavedArticle {
  return {
    ...article,
    paragraphs: article.paragraphs.map((p) => ({
      ...p,
      sentences: p.sentences.map((s) => ({
        ...s,
        // Spread keeps every key in place: the restored objects have them in the same order.
        id: s.id === sentenceId(article.title, s) ? 0 : s.id,
        text: s.text === p.text.slice(s.start, s.end) ? 0 : s.text,
      })),
    })),
  };
}

/** The articles of a saved index, their sentence ids and texts filled in (in place). */
function restoreArticles(saved: SavedArticle[]): Article[] {
  for (const article of saved) {
    for (const p of article.paragraphs) {
      for (const s of p.sentences) {
        if (s.id === 0) s.id = sentenceId(article.title, s);
        if (s.text === 0) {
          if (
            !(
              Number.isInteger(s.start) &&
              Number.isInteger(s.end) &&
              s.start >= 0 &&
              s.start < s.end &&
              s.end <= p.text.length
            )
          ) {
            throw new IndexFormatError(
              `sentence ${p.index}.${s.sentence} of ${article.title} lies outside its paragraph`,
            );
          }
          s.text = p.text.slice(s.start, s.end);
        }
      }
    }
  }
  return saved as Article[];
}

function sentenceId(title: string, s: { paragraph: number; sentence: number }): string {
  return `${title}#p${s.paragraph}.s${s.sentence}`;
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
