import { answerAbout } from './answerAbout';
import type { AnswerContext } from './answerQuestion';
import type { Answer } from './schema';

/**
 * `/who name`: what a person did in the corpus — the sentences that name them — cited.
 *
 * @example
 * answerWho('傅作义', ctx).answers[0]?.text // '10月18日，聂贺部队开始进攻傅作义军。'
 */
export function answerWho(name: string, ctx: AnswerContext): Answer {
  return answerAbout(name, ctx, 'who');
}
