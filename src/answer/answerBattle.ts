import { answerAbout } from './answerAbout';
import type { AnswerContext } from './answerQuestion';
import { latestEnd } from './answerTimeline';
import type { Answer } from './schema';

/**
 * `/battle name`: the cited sentences about a battle or place, with the facts the corpus
 * states — its names and the period its sentences span.
 *
 * @example
 * answerBattle('包头', ctx).answers.map((a) => a.text) // includes '11月9日，贺龙部转攻包头。'
 */
export function answerBattle(name: string, ctx: AnswerContext): Answer {
  const answer = answerAbout(name, ctx, 'battle');
  if (answer.status !== 'ok') return answer;
  const dates = answer.answers.flatMap((a) => {
    const ref = a.id ? ctx.index.byId.get(a.id) : undefined;
    return ref === undefined ? [] : (ctx.dates.get(ref) ?? []);
  });
  const sorted = [...dates].sort((a, b) => a.start.localeCompare(b.start));
  const period = sorted[0] ? { start: sorted[0].start, end: latestEnd(sorted) } : undefined;
  return { ...answer, facts: { ...answer.facts, ...(period ? { period } : {}) } };
}
