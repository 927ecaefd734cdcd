import type { AliasFile, Article } from '../corpus';
import { type ExtractedDate, extractDatedSentences } from '../facts';
import { buildIndex, type CorpusIndex } from '../search';
import type { AnswerContext } from './answerQuestion';

/**
 * Builds everything the commands need from parsed articles: the sentence index and the
 * extracted facts. Done once per process (or loaded from a prebuilt index).
 */
export function buildAnswerContext(articles: readonly Article[], aliases?: AliasFile): AnswerContext {
  return contextForIndex(buildIndex(articles, aliases));
}

/** The answer context for an index that already exists (e.g. loaded from disk). */
export function contextForIndex(index: CorpusIndex): AnswerContext {
  const dates = new Map<number, ExtractedDate[]>();
  for (const d of extractDatedSentences(index.articles)) {
    const ref = index.byId.get(d.sentenceId);
    if (ref !== undefined) dates.set(ref, d.dates);
  }
  return { index, dates };
}
