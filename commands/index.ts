/**
 * Every slash command, by name: a closed list (not a directory scan) so that the bot, the
 * CLI, deployment and tests all see the same type-checked set.
 */
import { command as ask } from './ask';
import { command as battle } from './battle';
import { command as help } from './help';
import { command as sources } from './sources';
import { command as timeline } from './timeline';
import type { CommandModule } from './types';
import { command as who } from './who';

export const COMMANDS = { battle, ask, who, timeline, sources, help } as const;
export type CommandKey = keyof typeof COMMANDS;

/** The modules in registration order. */
export const COMMAND_LIST: readonly CommandModule<Record<string, unknown>>[] = Object.values(
  COMMANDS,
) as CommandModule<Record<string, unknown>>[];

/**
 * Finds a command by its name or any localized name (`battle`, `战役`, `戰役`), case-insensitive.
 */
export function findCommand(name: string): CommandModule<Record<string, unknown>> | undefined {
  const wanted = name.toLowerCase();
  return COMMAND_LIST.find(
    (c) =>
      c.definition.name === wanted || Object.values(c.definition.name_localizations ?? {}).includes(wanted),
  );
}

export { type Choice, type CommandDefinition, type CommandModule, PRIVATE_OPTION } from './types';
