import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { z } from 'zod';
import type { Answer, AnswerContext } from '../src/answer';

/**
 * A slash command's registration data, exactly as Discord's API takes it. Plain data, not a
 * discord.js builder, so that the CLI can load commands without importing discord.js (~0.4 s).
 */
export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody & {
  name: string;
  description: string;
};

/** An autocomplete suggestion: `name` is shown, `value` is sent back (both ≤ 100 chars). */
export type Choice = { name: string; value: string };

/**
 * One slash command, shared by the bot and the CLI: its definition, the zod schema of its
 * options, and the function that answers. It never sees an interaction, argv or stdout.
 */
export type CommandModule<Input extends Record<string, unknown> = Record<string, unknown>> = {
  definition: CommandDefinition;
  Input: z.ZodType<Input>;
  /** Name of the option that free text after `/name` fills in the CLI (`/battle 包头`). */
  mainOption?: keyof Input & string;
  run(input: Input, ctx: AnswerContext): Answer;
  autocomplete?(text: string, ctx: AnswerContext): Choice[];
};

/** The `private` option every command has: answer ephemerally (only the asker sees it). */
export const PRIVATE_OPTION = {
  type: 5,
  name: 'private',
  name_localizations: { 'zh-CN': '仅自己可见', 'zh-TW': '僅自己可見' },
  description: 'Only you see the answer (default: the whole channel sees it)',
  description_localizations: {
    'zh-CN': '只有你能看到回答（默认整个频道可见）',
    'zh-TW': '只有你能看到回答（預設整個頻道可見）',
  },
  required: false,
} as const;
