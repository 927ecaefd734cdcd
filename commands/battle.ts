import { z } from 'zod';
import { answerBattle, suggestNames } from '../src/answer';
import { type CommandModule, PRIVATE_OPTION } from './types';

export const Input = z.object({ name: z.string(), private: z.boolean().optional() });
export type Input = z.infer<typeof Input>;

/** `/battle name` — a battle card: names, period, commanders, outcome and cited sentences. */
export const command: CommandModule<Input> = {
  definition: {
    name: 'battle',
    name_localizations: { 'zh-CN': '战役', 'zh-TW': '戰役' },
    description: 'A battle or place: dates, commanders, outcome, with cited sentences',
    description_localizations: {
      'zh-CN': '战役或地点：时间、指挥官、结果，附引文',
      'zh-TW': '戰役或地點：時間、指揮官、結果，附引文',
    },
    options: [
      {
        type: 3,
        name: 'name',
        name_localizations: { 'zh-CN': '名称', 'zh-TW': '名稱' },
        description: 'Battle or place, e.g. 包头, 归绥, 绥远战役',
        description_localizations: {
          'zh-CN': '战役或地点，例如：包头、归绥、绥远战役',
          'zh-TW': '戰役或地點，例如：包頭、歸綏、綏遠戰役',
        },
        required: true,
        autocomplete: true,
        max_length: 100,
      },
      PRIVATE_OPTION,
    ],
  },
  Input,
  mainOption: 'name',
  run: (input, ctx) => answerBattle(input.name, ctx),
  autocomplete: (text, ctx) => suggestNames(ctx.index, text, 'battle').map((n) => ({ name: n, value: n })),
};
