import { z } from 'zod';
import { answerWho, suggestNames } from '../src/answer';
import { type CommandModule, PRIVATE_OPTION } from './types';

export const Input = z.object({ name: z.string(), private: z.boolean().optional() });
export type Input = z.infer<typeof Input>;

/** `/who name` — what a person did in the corpus, their side, with cited sentences. */
export const command: CommandModule<Input> = {
  definition: {
    name: 'who',
    name_localizations: { 'zh-CN': '人物', 'zh-TW': '人物' },
    description: 'A person: what they did in the campaign and on which side, with cited sentences',
    description_localizations: {
      'zh-CN': '人物：在战役中做了什么、属于哪一方，附引文',
      'zh-TW': '人物：在戰役中做了什麼、屬於哪一方，附引文',
    },
    options: [
      {
        type: 3,
        name: 'name',
        name_localizations: { 'zh-CN': '姓名', 'zh-TW': '姓名' },
        description: 'e.g. 傅作义, 贺龙, He Long',
        description_localizations: { 'zh-CN': '例如：傅作义、贺龙', 'zh-TW': '例如：傅作義、賀龍' },
        required: true,
        autocomplete: true,
        max_length: 100,
      },
      PRIVATE_OPTION,
    ],
  },
  Input,
  mainOption: 'name',
  run: (input, ctx) => answerWho(input.name, ctx),
  autocomplete: (text, ctx) => suggestNames(ctx.index, text, 'person').map((n) => ({ name: n, value: n })),
};
