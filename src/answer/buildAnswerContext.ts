import type { AliasFile, Article } from '../corpus';
import { type ExtractedDate, extractFacts } from '../facts';
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
  const facts = extractFacts(index.articles);
  const dates = new Map<number, ExtractedDate[]>();
  for (const d of facts.dated) {
    const ref = index.byId.get(d.sentenceId);
    if (ref !== undefined) dates.set(ref, d.dates);
  }
  const commandRefs = new Set<number>();
  for (const people of facts.people) {
    for (const c of people.commands) {
      const ref = index.byId.get(c.sentenceId);
      if (ref !== undefined) commandRefs.add(ref);
    }
  }
  return { index, dates, facts, commandRefs };
}
