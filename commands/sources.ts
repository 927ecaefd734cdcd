import { z } from 'zod';
import { answerSources } from '../src/answer';
import { type CommandModule, PRIVATE_OPTION } from './types';

export const Input = z.object({ private: z.boolean().optional() });
export type Input = z.infer<typeof Input>;

/** `/sources` — the articles the bot answers from, with links and sentence counts. */
export const command: CommandModule<Input> = {
  definition: {
    name: 'sources',
    name_localizations: { 'zh-CN': '来源', 'zh-TW': '來源' },
    description: 'The articles the bot quotes from, with links',
    description_localizations: { 'zh-CN': '机器人引用的条目及链接', 'zh-TW': '機器人引用的條目及連結' },
    options: [PRIVATE_OPTION],
  },
  Input,
  run: (_input, ctx) => answerSources(ctx),
};
