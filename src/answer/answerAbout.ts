import { analyzeQuery, type CorpusIndex, type IndexedSentence, searchSentences } from '../search';
import { type AnswerContext, citeSentence, invalidAnswer, notFound } from './answerQuestion';
import { queryProblem } from './reasons';
import { resolveName, sentencesNaming } from './resolveEntity';
import type { Answer } from './schema';

/** Most sentences an entity answer quotes (the renderer pages through them). */
export const MAX_ENTITY_ANSWERS = 25;

/**
 * The sentences about a named thing (a battle, a place, a person), best first: sentences that
 * name it — by link target, alias or short form — ranked by how central the name is to them.
 * An unknown name is `not_found` with the closest names as suggestions.
 *
 * @example
 * answerAbout('包头', ctx, 'battle').answers[0]?.text // '11月9日，贺龙部转攻包头。'
 */
export function answerAbout(name: string, ctx: AnswerContext, command: string): Answer {
  const problem = queryProblem(name);
  if (problem) return invalidAnswer(name, command, problem);
  const { index } = ctx;
  const resolved = resolveName(index, name);
  if (!resolved) return notFound(name, command, ctx, { code: 'unknown_name', subject: name.trim() });
  const items = sentencesAbout(index, resolved.ids, resolved.articleIndexes, name);
  if (items.length === 0)
    return notFound(name, command, ctx, { code: 'never_mentioned', subject: name.trim() });
  return {
    query: name,
    command,
    status: 'ok',
    answers: items.slice(0, MAX_ENTITY_ANSWERS).map((item) => citeSentence(index, item)),
    facts: { name: resolved.display },
  };
}

/**
 * Sentences that name any of `ids`, ranked by the lexical score of the name itself (a short
 * sentence centred on 包头 beats a long one that mentions it in passing); an article about the
 * entity contributes its lead first.
 */
export function sentencesAbout(
  index: CorpusIndex,
  ids: readonly string[],
  articleIndexes: readonly number[],
  name: string,
): IndexedSentence[] {
  const wanted = new Set(ids);
  const names = (item: IndexedSentence) => item.entities.some((e) => wanted.has(e));
  // The name as typed, plus the entity ids as terms of one more name unit: ids are looked up as
  // index terms, not re-read as text (a title's qualifier, ·DEV_1003 or (城市), is no word).
  const query = analyzeQuery(index, name);
  const extra = ids.filter((id) => !query.terms.has(id));
  for (const id of extra) query.terms.set(id, 1);
  if (extra.length > 0)
    query.units.push({ alternatives: extra.map((id) => [id]), weight: 2, kind: 'entity' });
  const ranked = searchSentences(index, query, undefined, names).map((h) => h.item);
  const seen = new Set(ranked.map((i) => i.ref));
  // Mentions the lexical search missed (a short form it cannot spell) still count.
  const refs = new Set(ids.flatMap((id) => sentencesNaming(index).get(id) ?? []));
  const rest = [...refs]
    .filter((ref) => !seen.has(ref))
    .sort((a, b) => a - b)
    .map((ref) => index.sentences[ref] as IndexedSentence);
  const leads: IndexedSentence[] = [];
  for (const a of articleIndexes) {
    const range = index.articleRanges[a];
    if (!range) continue;
    for (let ref = range[0]; ref < Math.min(range[1], range[0] + 2); ref++) {
      const s = index.sentences[ref];
      if (s && s.sentence.paragraph === 1) leads.push(s);
    }
  }
  const out: IndexedSentence[] = [];
  const added = new Set<number>();
  for (const s of [...leads, ...ranked, ...rest]) {
    if (added.has(s.ref)) continue;
    added.add(s.ref);
    out.push(s);
  }
  return out;
}

/** Sentence refs (positions in the index) naming each entity id. */
