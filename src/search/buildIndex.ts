import MiniSearch, { type Options } from 'minisearch';
import { type AliasFile, type AliasTable, type Article, buildAliasTable, type Sentence } from '../corpus';
import { foldSentence, foldText } from '../text/fold';
import { buildEntityDictionary, type EntityDictionary, findEntities } from './entities';
import { pinyinKeys } from './pinyin';
import { bigrams, cjkRuns, dateTerms, encodeTerm, latinWords } from './terms';

/** One sentence as the index sees it. `ref` is its position in {@link CorpusIndex.sentences}. */
export type IndexedSentence = {
  ref: number;
  articleIndex: number;
  sentence: Sentence;
  section: string | null;
  /** folded text (simplified, lower case) */
  folded: string;
  /** entity ids named in the sentence (by link target or by a dictionary name) */
  entities: string[];
};

/** Everything the answering layer needs, built once per process. */
export type CorpusIndex = {
  articles: Article[];
  sentences: IndexedSentence[];
  aliases: AliasTable;
  entities: EntityDictionary;
  /** document frequency of folded text terms (bigrams, characters, words, dates) */
  df: Map<string, number>;
  engine: MiniSearch<SearchDocument>;
  /** first sentence ref of each article, and one past its last */
  articleRanges: [number, number][];
  /** sentence id (`title#p2.s3`) → ref */
  byId: Map<string, number>;
  /** the curated alias file the index was built with (saved with it) */
  curatedAliases?: AliasFile;
};

/** Field values are pre-tokenized, space-separated encoded terms (see `terms.ts`). */
export type SearchDocument = {
  id: number;
  text: string;
  chars: string;
  title: string;
  aliases: string;
  entities: string;
};

/**
 * The minisearch options shared by building and loading: `loadJSON` needs identical ones.
 * Terms are computed by `indexTerms` / `queryTerms`, so minisearch only splits on spaces.
 */
export const INDEX_OPTIONS: Options<SearchDocument> = {
  fields: ['text', 'chars', 'title', 'aliases', 'entities'],
  storeFields: [],
  tokenize: (text) => (text ? text.split(' ') : []),
  processTerm: (term) => term || null,
};

/**
 * Bumped whenever terms, fields or the parsed sentences change (a parser fix), so that a saved
 * index from before is rebuilt. 4: fenced code blocks are no longer sentences; 5: {{→}} is kept as →;
 * 6: a sentence where a commander commands is indexed as naming his side (中共, 国军); 7: a terminator
 * inside brackets no longer ends a sentence, and a quote ending with one does; 8: a denied result
 * (坚不撤退) is no outcome (the saved facts change); 9: …but 不得不撤出 and a task carried out are;
 * 10: only a quote of speech (说：“…。”) ends the sentence around it.
 */
export const TOKENIZER_VERSION = 10;

/**
 * Builds the sentence index: one minisearch document per sentence with bigrams, characters,
 * the article's title and aliases, and the entities the sentence names (with their pinyin).
 *
 * @example
 * const index = buildIndex(corpus.articles, corpus.aliases);
 * index.sentences.length // 12 on the seed
 */
export function buildIndex(
  articles: readonly Article[],
  curatedAliases?: AliasFile,
  onProgress?: (done: number, total: number) => void,
  /** more entity names per sentence id: people named by a short form (傅军 → 傅作义), the side of a
   * commander commanding in it (中共, 国军) */
  extraEntities?: ReadonlyMap<string, readonly string[]>,
): CorpusIndex {
  const aliases = buildAliasTable(articles, curatedAliases);
  const entities = buildEntityDictionary(articles, aliases);
  const engine = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
  const sentences: IndexedSentence[] = [];
  const articleRanges: [number, number][] = [];
  const df = new Map<string, number>();
  const documents: SearchDocument[] = [];

  articles.forEach((article, articleIndex) => {
    const first = sentences.length;
    // The title and the lead's other names are separate fields: an article *titled* 包头战役
    // (1939) should outrank one that only lists 包头战役 among its aliases (the seed).
    const titleTerms = nameTerms([article.title], entities);
    const aliasTerms = nameTerms(article.aliases, entities);
    for (const paragraph of article.paragraphs) {
      for (const sentence of paragraph.sentences) {
        const folded = foldSentence(sentence);
        const ids = sentenceEntities(sentence, folded, entities);
        for (const name of extraEntities?.get(sentence.id) ?? []) {
          const key = foldText(name);
          for (const id of entities.byName.get(key) ?? [key]) if (!ids.includes(id)) ids.push(id);
        }
        const ref = sentences.length;
        sentences.push({ ref, articleIndex, sentence, section: paragraph.section, folded, entities: ids });
        const text = textTerms(folded);
        const chars = charTerms(folded);
        for (const term of new Set([...text, ...chars])) df.set(term, (df.get(term) ?? 0) + 1);
        documents.push({
          id: ref,
          text: text.map(encodeTerm).join(' '),
          chars: chars.map(encodeTerm).join(' '),
          title: titleTerms,
          aliases: aliasTerms,
          entities: entityTerms(ids, entities).join(' '),
        });
      }
    }
    articleRanges.push([first, sentences.length]);
    onProgress?.(articleIndex + 1, articles.length);
  });
  engine.addAll(documents);
  return assembleIndex({
    articles: [...articles],
    sentences,
    aliases,
    entities,
    df,
    engine,
    articleRanges,
    curatedAliases,
  });
}

/** A {@link CorpusIndex} from its parts, with the sentence-id lookup derived once (built or loaded alike). */
export function assembleIndex(parts: Omit<CorpusIndex, 'byId'>): CorpusIndex {
  return { ...parts, byId: new Map(parts.sentences.map((s) => [s.sentence.id, s.ref])) };
}

/** Bigrams, Latin words, numbers and date compounds of folded text. */
export function textTerms(folded: string): string[] {
  const terms: string[] = [];
  for (const run of cjkRuns(folded)) terms.push(...bigrams(run));
  terms.push(...latinWords(folded), ...dateTerms(folded));
  return terms;
}

/** Single CJK characters of folded text. */
export function charTerms(folded: string): string[] {
  const terms: string[] = [];
  for (const run of cjkRuns(folded)) terms.push(...Array.from(run));
  return terms;
}

/** Entity id terms plus the pinyin of every name of each entity. */
export function entityTerms(ids: readonly string[], dict: EntityDictionary): string[] {
  const terms = new Set<string>();
  for (const id of ids) {
    terms.add(encodeTerm(id));
    for (const name of dict.namesOf.get(id) ?? [id]) for (const key of pinyinKeys(name)) terms.add(key);
  }
  return [...terms];
}

// --- internal ---

function nameTerms(names: readonly string[], dict: EntityDictionary): string {
  const terms = new Set<string>();
  for (const name of names) {
    const folded = foldText(name);
    for (const t of textTerms(folded)) terms.add(encodeTerm(t));
    for (const hit of dict.byName.get(folded.replace(/\s*[（(][^）)]*[）)]\s*$/, '')) ?? [])
      terms.add(encodeTerm(hit));
    for (const key of pinyinKeys(folded)) terms.add(key);
  }
  return [...terms].join(' ');
}

function sentenceEntities(sentence: Sentence, folded: string, dict: EntityDictionary): string[] {
  const ids = new Set<string>();
  // The entity is the link *target*: anchors run on past the name ([包头也久攻不下](…/包头)).
  for (const m of sentence.mentions) {
    const key = foldText(m.target.replace(/\s*[（(][^）)]*[）)]\s*$/, '')).trim();
    for (const id of dict.byName.get(key) ?? []) ids.add(id);
  }
  for (const hit of findEntities(dict, folded)) for (const id of hit.ids) ids.add(id);
  return [...ids];
}
