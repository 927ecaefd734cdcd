import { z } from 'zod';
import { type CommandModule, PRIVATE_OPTION } from './types';

export const Input = z.object({ private: z.boolean().optional() });
export type Input = z.infer<typeof Input>;

/** The help text (English; the renderers show zh-CN / zh-TW help from the `help` reason code). */
export const HELP_TEXT = [
  '/battle <name> — a battle or place: period, commanders, outcome, cited sentences (e.g. /battle 包头)',
  '/ask <question> — a free question, answered with quoted sentences (e.g. /ask 谁指挥了绥远战役？)',
  '/who <name> — what a person did and their side (e.g. /who 傅作义)',
  '/timeline [battle] — dated events in order (e.g. /timeline 归绥)',
  '/sources — the articles the bot quotes',
  'Every answer quotes the corpus verbatim and links its source. Add private:true to see it alone.',
].join('\n');

/** `/help` — what the bot can do. */
export const command: CommandModule<Input> = {
  definition: {
    name: 'help',
    name_localizations: { 'zh-CN': '帮助', 'zh-TW': '說明' },
    description: 'What this bot can answer and how to ask',
    description_localizations: {
      'zh-CN': '机器人能回答什么、怎么提问',
      'zh-TW': '機器人能回答什麼、怎麼提問',
    },
    options: [PRIVATE_OPTION],
  },
  Input,
  run: () => ({
    query: '',
    command: 'help',
    status: 'ok',
    message: HELP_TEXT,
    reason: { code: 'help' },
    answers: [],
  }),
};
