import { type REST, Routes } from 'discord.js';
import { COMMAND_LIST, type CommandDefinition } from '../../commands';
import {
  COMMAND_DEFINITION_MAX_LENGTH,
  COMMAND_DESCRIPTION_MAX_LENGTH,
  COMMAND_MAX_OPTIONS,
  COMMAND_NAME_MAX_LENGTH,
} from '../constants';

/** Discord's rule for command and option names: lowercase letters of any script, digits, - and _. */
const COMMAND_NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]+$/u;
/** Discord allows at most this many chat-input commands per scope. */
const MAX_COMMANDS = 100;

export type DeployScope = 'guild' | 'global';

/** Where the commands go: one server while developing, everywhere for release. */
export type DeployTarget = { clientId: string; guildId?: string };

export type DeployResult = { scope: DeployScope; route: string; count: number };

/** Every command's registration data, in registration order, exactly as it is PUT. */
export function commandDefinitions(): CommandDefinition[] {
  return COMMAND_LIST.map((command) => command.definition);
}

/**
 * Every way the definitions break Discord's command limits, one line each (`[]` when valid):
 * names 1-32 lowercase, descriptions 1-100, at most 25 options, and at most 8,000 characters of
 * names, descriptions and choice values (localizations included) per command.
 *
 * @example
 * commandLimitProblems(commandDefinitions()) // []
 */
export function commandLimitProblems(definitions: readonly CommandDefinition[]): string[] {
  const problems: string[] = [];
  if (definitions.length > MAX_COMMANDS)
    problems.push(`${definitions.length} commands (max ${MAX_COMMANDS})`);
  const names = new Set<string>();
  for (const d of definitions) {
    if (names.has(d.name)) problems.push(`/${d.name} is defined twice`);
    names.add(d.name);
    let total = 0;
    const text = (what: string, value: string | undefined | null, max: number, isName: boolean) => {
      const s = value ?? '';
      total += s.length;
      if (s.length < 1 || s.length > max)
        problems.push(`/${d.name}: ${what} is ${s.length} characters (1..${max})`);
      if (isName && !COMMAND_NAME.test(s)) problems.push(`/${d.name}: ${what} “${s}” is not a valid name`);
    };
    const localized = (
      what: string,
      base: string,
      map: Record<string, string | null> | null | undefined,
      max: number,
      isName: boolean,
    ) => {
      text(what, base, max, isName);
      for (const [locale, value] of Object.entries(map ?? {}))
        text(`${what} (${locale})`, value, max, isName);
    };
    localized('name', d.name, d.name_localizations, COMMAND_NAME_MAX_LENGTH, true);
    localized(
      'description',
      d.description,
      d.description_localizations,
      COMMAND_DESCRIPTION_MAX_LENGTH,
      false,
    );
    const options = d.options ?? [];
    if (options.length > COMMAND_MAX_OPTIONS)
      problems.push(`/${d.name} has ${options.length} options (max ${COMMAND_MAX_OPTIONS})`);
    for (const o of options) {
      localized(`option ${o.name}`, o.name, o.name_localizations, COMMAND_NAME_MAX_LENGTH, true);
      localized(
        `option ${o.name} description`,
        o.description,
        o.description_localizations,
        COMMAND_DESCRIPTION_MAX_LENGTH,
        false,
      );
      const choices =
        'choices' in o && Array.isArray(o.choices) ? (o.choices as { name: string; value: unknown }[]) : [];
      for (const c of choices) total += c.name.length + String(c.value).length;
    }
    if (total > COMMAND_DEFINITION_MAX_LENGTH)
      problems.push(`/${d.name} has ${total} characters (max ${COMMAND_DEFINITION_MAX_LENGTH})`);
  }
  return problems;
}

/**
 * Registers the commands with one PUT (which also removes commands no longer defined): on the
 * guild route when `guildId` is set, else on the global route, never both, so users never see
 * each command twice.
 *
 * @throws Error `deploy: …` when a definition breaks Discord's limits (nothing is sent).
 */
export async function deployCommands(
  rest: Pick<REST, 'put'>,
  target: DeployTarget,
  definitions: readonly CommandDefinition[] = commandDefinitions(),
): Promise<DeployResult> {
  const problems = commandLimitProblems(definitions);
  if (problems.length > 0)
    throw new Error(`deploy: the command definitions break Discord's limits:\n${problems.join('\n')}`);
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.clientId, target.guildId)
    : Routes.applicationCommands(target.clientId);
  const stored = await rest.put(route, { body: definitions });
  return {
    scope: target.guildId ? 'guild' : 'global',
    route,
    count: Array.isArray(stored) ? stored.length : definitions.length,
  };
}
