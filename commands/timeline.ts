import { z } from 'zod';
import { answerTimeline, suggestNames } from '../src/answer';
import { type CommandModule, PRIVATE_OPTION } from './types';

export const Input = z.object({ battle: z.string().optional(), private: z.boolean().optional() });
export type Input = z.infer<typeof Input>;

/** `/timeline battle?` — dated events in order, of one battle or of the whole corpus. */
export const command: CommandModule<Input> = {
  definition: {
    name: 'timeline',
    name_localizations: { 'zh-CN': '时间线', 'zh-TW': '時間線' },
    description: 'Dated events in chronological order, for one battle or the whole corpus',
    description_localizations: {
      'zh-CN': '按时间顺序列出有日期的事件（某一战役或全部）',
      'zh-TW': '按時間順序列出有日期的事件（某一戰役或全部）',
    },
    options: [
      {
        type: 3,
        name: 'battle',
        name_localizations: { 'zh-CN': '战役', 'zh-TW': '戰役' },
        description: 'Limit to one battle or place (optional)',
        description_localizations: {
          'zh-CN': '只看某一战役或地点（可选）',
          'zh-TW': '只看某一戰役或地點（可選）',
        },
        required: false,
        autocomplete: true,
        max_length: 100,
      },
      PRIVATE_OPTION,
    ],
  },
  Input,
  mainOption: 'battle',
  run: (input, ctx) => answerTimeline(input.battle, ctx),
  autocomplete: (text, ctx) => suggestNames(ctx.index, text, 'battle').map((n) => ({ name: n, value: n })),
};
