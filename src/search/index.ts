/**
 * Stage 3 — search: folding, terms, the minisearch sentence index and lexical ranking.
 * Pure functions over in-memory data; saving and loading files is the adapters' job.
 */
export {
  buildIndex,
  type CorpusIndex,
  INDEX_OPTIONS,
  type IndexedSentence,
  type SearchDocument,
  TOKENIZER_VERSION,
} from './buildIndex';
export { buildEntityDictionary, type EntityDictionary, type EntityHit, findEntities } from './entities';
export { latinQueryKeys, pinyinKeys } from './pinyin';
export { type AnalyzedQuery, analyzeQuery, idf, type QueryUnit } from './query';
export { DEFAULT_TUNING, type SearchHit, type SearchTuning, searchSentences } from './searchIndex';
export {
  INDEX_FORMAT_VERSION,
  IndexFormatError,
  loadIndex,
  type SavedIndex,
  serializeIndex,
} from './serializeIndex';
export { bigrams, dateTerms, decodeTerm, encodeTerm, hasCjk, isLatinTerm } from './terms';
