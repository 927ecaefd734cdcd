import type { AnswerContext } from './answerQuestion';
import { citeSentence } from './answerQuestion';
import type { Answer } from './schema';

/**
 * `/sources`: what the bot knows — every article with its link, quoted by its first sentence,
 * and the corpus's size in the message.
 *
 * @example
 * answerSources(ctx).message // '1 article, 12 sentences.'
 */
export function answerSources(ctx: AnswerContext): Answer {
  const { index } = ctx;
  const answers = index.articleRanges.flatMap(([from]) => {
    const first = index.sentences[from];
    return first ? [citeSentence(index, first)] : [];
  });
  const n = index.articles.length;
  return {
    query: '',
    command: 'sources',
    status: 'ok',
    message: `${n} article${n === 1 ? '' : 's'}, ${index.sentences.length} sentences.`,
    reason: { code: 'corpus_size', subject: `${n}/${index.sentences.length}` },
    answers,
  };
}
