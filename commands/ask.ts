import { z } from 'zod';
import { answerQuestion } from '../src/answer';
import { type CommandModule, PRIVATE_OPTION } from './types';

export const Input = z.object({ question: z.string(), private: z.boolean().optional() });
export type Input = z.infer<typeof Input>;

/** `/ask question` — answers a free-text question with cited corpus sentences. */
export const command: CommandModule<Input> = {
  definition: {
    name: 'ask',
    name_localizations: { 'zh-CN': '提问', 'zh-TW': '提問' },
    description: 'Ask a question about the campaign; the answer quotes the corpus with citations',
    description_localizations: {
      'zh-CN': '就战役提问，回答引用语料原句并注明出处',
      'zh-TW': '就戰役提問，回答引用語料原句並註明出處',
    },
    options: [
      {
        type: 3,
        name: 'question',
        name_localizations: { 'zh-CN': '问题', 'zh-TW': '問題' },
        description: 'e.g. 谁指挥了绥远战役？',
        description_localizations: {
          'zh-CN': '例如：谁指挥了绥远战役？',
          'zh-TW': '例如：誰指揮了綏遠戰役？',
        },
        required: true,
        max_length: 1000,
      },
      PRIVATE_OPTION,
    ],
  },
  Input,
  mainOption: 'question',
  run: (input, ctx) => answerQuestion(input.question, ctx, 'ask'),
};
