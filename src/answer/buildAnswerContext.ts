import type { AliasFile, Article } from '../corpus';
import { type CorpusFacts, type ExtractedDate, extractFacts, type Side } from '../facts';
import { buildIndex, type CorpusIndex } from '../search';
import type { AnswerContext } from './answerQuestion';

/**
 * Builds everything the commands need from parsed articles: the sentence index and the
 * extracted facts. Done once per process (or loaded from a prebuilt index).
 */
export function buildAnswerContext(
  articles: readonly Article[],
  aliases?: AliasFile,
  onProgress?: (done: number, total: number) => void,
): AnswerContext {
  const facts = extractFacts(articles);
  // People named by a short form (傅军, 聂贺) are indexed as named, so 傅作义退守哪里 finds 傅军…退守;
  // and a sentence where a commander commands (聂贺会师, 傅军退守) names his side, so 中共打赢了吗
  // finds 聂贺…无法攻占归绥. Only command mentions give the side: a bare mention may be a place
  // taken for a person (包头) or someone a vote across articles sided wrongly.
  const extraEntitiesBySentence = new Map<string, string[]>();
  const add = (sentenceId: string, names: readonly string[]) => {
    if (names.length === 0) return;
    const known = extraEntitiesBySentence.get(sentenceId) ?? [];
    extraEntitiesBySentence.set(sentenceId, [...new Set([...known, ...names])]);
  };
  for (const people of facts.people) {
    for (const [sentenceId, mentions] of people.mentions)
      add(
        sentenceId,
        mentions.filter((m) => m.form === 'short').map((m) => m.person),
      );
    for (const c of people.commands) {
      const side = SIDE_NAMES[people.sides.get(c.person) ?? 'other'];
      if (side) add(c.sentenceId, [side]);
    }
  }
  return assemble(buildIndex(articles, aliases, onProgress, extraEntitiesBySentence), facts);
}

// The name a side goes by in questions (the curated alias file makes 共军, 中国共产党 … the same).
const SIDE_NAMES: Partial<Record<Side, string>> = { ccp: '中共', nationalist: '国军' };

/**
 * The answer context for an index that already exists (e.g. loaded from disk), with the facts
 * saved alongside it, or else extracted from its articles again.
 */
export function contextForIndex(index: CorpusIndex, facts?: CorpusFacts): AnswerContext {
  return assemble(index, facts ?? extractFacts(index.articles));
}

function assemble(index: CorpusIndex, facts: CorpusFacts): AnswerContext {
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
  const outcomeStrength = new Map<number, number>();
  for (const outcomes of facts.outcomes) {
    for (const o of outcomes) {
      const ref = index.byId.get(o.sentenceId);
      if (ref !== undefined) outcomeStrength.set(ref, o.strength);
    }
  }
  return { index, dates, facts, commandRefs, outcomeStrength };
}
